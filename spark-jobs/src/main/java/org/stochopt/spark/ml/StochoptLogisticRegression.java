package org.stochopt.spark.ml;

import java.io.Serializable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.loss.Losses;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.reg.ElasticNet;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.spark.data.PartitionedData;
import org.stochopt.spark.data.VectorRows;
import org.stochopt.core.method.MethodKind;
import org.stochopt.core.method.MethodRun;
import org.stochopt.core.method.MethodSettings;
import org.stochopt.spark.job.TrainJob;
import org.stochopt.spark.oracle.SparkGradientOracle;
import scala.Function1;

/**
 * Spark ML estimator: a regularized linear classifier trained by stochopt's minibatch prox-SVRG
 * or prox-SGD, for Pipelines and CrossValidator. MLlib conventions: a vector {@code featuresCol},
 * a 0/1 {@code labelCol} (1 ↔ +1), and the model writes {@code rawPredictionCol} (−m, m) with the
 * margin m = ⟨w, x⟩, {@code probabilityCol} (1 − σ(m), σ(m)) and {@code predictionCol}. No
 * intercept (add a constant feature). The objective is stochopt's, which with
 * {@code regParam}=λ and {@code elasticNetParam}=α matches MLlib's LogisticRegression with
 * {@code fitIntercept=false, standardization=false} (see docs/conventions.md).
 *
 * <p>The rows are laid out in DataFrame order over {@code numPartitions} contiguous partitions, so
 * a fit is the same run as {@code stochopt train} on the same rows with the same flags.
 */
public final class StochoptLogisticRegression
    extends ProbabilisticClassifier<Vector, StochoptLogisticRegression, StochoptLinearModel>
    implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private String uid;
  private Param<String> loss;
  private DoubleParam regParam;
  private DoubleParam elasticNetParam;
  private Param<String> method;
  private IntParam batchSize;
  private DoubleParam stepSize;
  private LongParam maxRounds;
  private DoubleParam maxPasses;
  private DoubleParam tol;
  private LongParam seed;
  private IntParam numPartitions;

  public StochoptLogisticRegression() {
    this(Identifiable$.MODULE$.randomUID("stochoptLogReg"));
  }

  public StochoptLogisticRegression(String uid) {
    this(Uids.offer(uid));
  }

  private StochoptLogisticRegression(Uids.Offered offered) {
    super();
    uid();
    loss = new Param<>(this, "loss", "logistic or smoothed-hinge[:gamma]", validLoss());
    regParam = new DoubleParam(this, "regParam", "regularization weight λ (>= 0)", ParamValidators.gtEq(0.0));
    elasticNetParam = new DoubleParam(this, "elasticNetParam", "ℓ1 share α of the penalty, in [0, 1] (MLlib convention)",
        ParamValidators.inRange(0.0, 1.0));
    method = new Param<>(this, "method", "a stochopt method (auto picks one for the data and cluster)",
        ParamValidators.inArray(org.stochopt.core.method.MethodKind.names().toArray(new String[0])));
    batchSize = new IntParam(this, "batchSize", "minibatch size b (> 0)", ParamValidators.gt(0.0));
    stepSize = new DoubleParam(this, "stepSize", "step size η; 0 = the theory step from L, L_max, b", ParamValidators.gtEq(0.0));
    maxRounds = new LongParam(this, "maxRounds", "stop after this many communication rounds; 0 = no limit",
        ParamValidators.gtEq(0.0));
    maxPasses = new DoubleParam(this, "maxPasses", "stop after this many effective passes; 0 = no limit",
        ParamValidators.gtEq(0.0));
    tol = new DoubleParam(this, "tol", "stop when the gradient-mapping norm falls below this; 0 = off", ParamValidators.gtEq(0.0));
    seed = new LongParam(this, "seed", "sampling seed");
    numPartitions = new IntParam(this, "numPartitions", "data partitions; 0 = max(4, default parallelism)",
        ParamValidators.gtEq(0.0));
    setDefault(loss, "logistic");
    setDefault(regParam, 1e-4);
    setDefault(elasticNetParam, 0.0);
    setDefault(method, "auto");
    setDefault(batchSize, 16);
    setDefault(stepSize, 0.0);
    setDefault(maxRounds, 0L);
    setDefault(maxPasses, 20.0);
    setDefault(tol, 1e-6);
    setDefault(seed, 1L);
    setDefault(numPartitions, 0);
  }

  private static Function1<String, Object> validLoss() {
    return (Function1<String, Object> & Serializable) s -> {
      try {
        return Losses.parse(s).isClassification();
      } catch (IllegalArgumentException e) {
        return false;
      }
    };
  }

  @Override
  public String uid() {
    if (uid == null) uid = Uids.claim();
    return uid;
  }

  public Param<String> loss() { return loss; }
  public DoubleParam regParam() { return regParam; }
  public DoubleParam elasticNetParam() { return elasticNetParam; }
  public Param<String> method() { return method; }
  public IntParam batchSize() { return batchSize; }
  public DoubleParam stepSize() { return stepSize; }
  public LongParam maxRounds() { return maxRounds; }
  public DoubleParam maxPasses() { return maxPasses; }
  public DoubleParam tol() { return tol; }
  public LongParam seed() { return seed; }
  public IntParam numPartitions() { return numPartitions; }

  public String getLoss() { return getOrDefault(loss); }
  public double getRegParam() { return (Double) getOrDefault(regParam); }
  public double getElasticNetParam() { return (Double) getOrDefault(elasticNetParam); }
  public String getMethod() { return getOrDefault(method); }
  public int getBatchSize() { return (Integer) getOrDefault(batchSize); }
  public double getStepSize() { return (Double) getOrDefault(stepSize); }
  public long getMaxRounds() { return (Long) getOrDefault(maxRounds); }
  public double getMaxPasses() { return (Double) getOrDefault(maxPasses); }
  public double getTol() { return (Double) getOrDefault(tol); }
  public long getSeed() { return (Long) getOrDefault(seed); }
  public int getNumPartitions() { return (Integer) getOrDefault(numPartitions); }

  public StochoptLogisticRegression setLoss(String v) { return (StochoptLogisticRegression) set(loss, v); }
  public StochoptLogisticRegression setRegParam(double v) { return (StochoptLogisticRegression) set(regParam, v); }
  public StochoptLogisticRegression setElasticNetParam(double v) { return (StochoptLogisticRegression) set(elasticNetParam, v); }
  public StochoptLogisticRegression setMethod(String v) { return (StochoptLogisticRegression) set(method, v); }
  public StochoptLogisticRegression setBatchSize(int v) { return (StochoptLogisticRegression) set(batchSize, v); }
  public StochoptLogisticRegression setStepSize(double v) { return (StochoptLogisticRegression) set(stepSize, v); }
  public StochoptLogisticRegression setMaxRounds(long v) { return (StochoptLogisticRegression) set(maxRounds, v); }
  public StochoptLogisticRegression setMaxPasses(double v) { return (StochoptLogisticRegression) set(maxPasses, v); }
  public StochoptLogisticRegression setTol(double v) { return (StochoptLogisticRegression) set(tol, v); }
  public StochoptLogisticRegression setSeed(long v) { return (StochoptLogisticRegression) set(seed, v); }
  public StochoptLogisticRegression setNumPartitions(int v) { return (StochoptLogisticRegression) set(numPartitions, v); }

  /** The regularizer for (λ, α), in MLlib's convention: λ(α‖w‖₁ + (1−α)/2‖w‖²). */
  Regularizer regularizer() {
    return ElasticNet.sparkStyle(getRegParam(), getElasticNetParam());
  }

  @Override
  public StochoptLinearModel train(Dataset<?> dataset) {
    Loss lossFn = Losses.parse(getLoss());
    Regularizer reg = regularizer();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
    int partitions = getNumPartitions() > 0 ? getNumPartitions() : Math.max(4, sc.defaultParallelism());
    try (PartitionedData data = VectorRows.read(dataset, getFeaturesCol(), getLabelCol(), partitions)) {
      SparkGradientOracle oracle = new SparkGradientOracle(sc, data, new LinearObjective(lossFn, data.dimension()));
      ProblemConstants k = ProblemConstants.estimate(oracle, lossFn.curvatureBound(), reg, TrainJob.CONSTANTS_SEED);
      // The same run setup as `stochopt train`, so defaults (theory steps, epoch length) agree.
      MethodSettings settings = MethodSettings.of(MethodKind.parse(getMethod()), getBatchSize(),
          getStepSize() > 0 ? java.util.OptionalDouble.of(getStepSize()) : java.util.OptionalDouble.empty());
      MethodRun run = MethodRun.prepare(oracle, reg, k, settings, getSeed());
      StoppingRules rules = new StoppingRules(getMaxRounds(), getMaxPasses(), 0, getTol(), 0);
      RunResult r = run.run(rules, new Evaluator(oracle, reg, k.globalL(), Double.NaN, null),
          new Runner.Options(1.0, Long.MAX_VALUE, 1e6,
              String.format(java.util.Locale.ROOT, "lower stepSize (this fit used %.4g)", run.built().step())),
          t -> {}, org.stochopt.core.optim.Checkpointing.none());
      return new StochoptLinearModel(uid(), Vectors.dense(r.solution()));
    }
  }

  @Override
  public StochoptLogisticRegression copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<StochoptLogisticRegression> read() {
    return new DefaultParamsReader<>();
  }

  public static StochoptLogisticRegression load(String path) {
    return read().load(path);
  }
}
