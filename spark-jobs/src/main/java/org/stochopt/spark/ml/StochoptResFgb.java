package org.stochopt.spark.ml;

import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
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
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.resfgb.BlockFitter;
import org.stochopt.core.resfgb.FeatureRows;
import org.stochopt.core.resfgb.HeadFitter;
import org.stochopt.core.resfgb.MlpBlock;
import org.stochopt.core.resfgb.ResFgbConfig;
import org.stochopt.core.resfgb.ResFgbTraining;
import org.stochopt.spark.data.PartitionedData;
import org.stochopt.spark.data.VectorRows;
import org.stochopt.spark.runtime.SparkPartitionRunner;

/**
 * Spark ML estimator for ResFGB, the counterpart of {@link StochoptLogisticRegression}: a vector
 * {@code featuresCol}, class labels 0..K−1 in {@code labelCol}. The rows are read into
 * {@code numPartitions} cached blocks that hold their features and are transformed in place by
 * every added layer — the same {@link ResFgbTraining} as {@code stochopt train --model resfgb}; the
 * driver receives only the model. The depth: with {@code validationIndicatorCol} set (a boolean
 * column, as MLlib's GBT has it) the rows marked true are held out and the model is cut to the depth
 * with the best accuracy on them (use_best_iter); without it all layers are kept.
 */
public final class StochoptResFgb extends ProbabilisticClassifier<Vector, StochoptResFgb, StochoptResFgbModel>
    implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private String uid;
  private IntParam layers;
  private Param<String> rule;
  private DoubleParam fgEta;
  private Param<String> blockHidden;
  private DoubleParam blockEpochs;
  private IntParam blockBatch;
  private DoubleParam blockStep;
  private Param<String> headMethod;
  private DoubleParam headPasses;
  private DoubleParam headWr;
  private LongParam seed;
  private IntParam numPartitions;
  private Param<String> validationIndicatorCol;
  private Param<String> blockTarget;
  private Param<String> blockOutput;

  public StochoptResFgb() {
    this(Identifiable$.MODULE$.randomUID("stochoptResFgb"));
  }

  public StochoptResFgb(String uid) {
    this(Uids.offer(uid));
  }

  private StochoptResFgb(Uids.Offered offered) {
    super();
    uid();
    layers = new IntParam(this, "layers", "residual blocks (max_iters)", ParamValidators.gtEq(0.0));
    rule = new Param<>(this, "rule", "additive or frank-wolfe", ParamValidators.inArray(new String[] {"additive", "frank-wolfe"}));
    fgEta = new DoubleParam(this, "fgEta", "additive step η, or the Frank–Wolfe offset (≥ 2)", ParamValidators.gt(0.0));
    blockHidden = new Param<>(this, "blockHidden", "hidden widths of a block, comma-separated");
    blockEpochs = new DoubleParam(this, "blockEpochs", "passes of each block fit", ParamValidators.gt(0.0));
    blockBatch = new IntParam(this, "blockBatch", "block minibatch", ParamValidators.gt(0.0));
    blockStep = new DoubleParam(this, "blockStep", "block Nesterov step; 0 = tuned on the first block", ParamValidators.gtEq(0.0));
    headMethod = new Param<>(this, "headMethod", "svrg, katyusha, local-svrg or local-katyusha",
        ParamValidators.inArray(HeadFitter.METHODS.toArray(new String[0])));
    headPasses = new DoubleParam(this, "headPasses", "passes of the head fit per layer (three times this on raw features)", ParamValidators.gt(0.0));
    headWr = new DoubleParam(this, "headWr", "L2 weight of the head", ParamValidators.gt(0.0));
    seed = new LongParam(this, "seed", "seed");
    numPartitions = new IntParam(this, "numPartitions", "row partitions; 0 = max(4, default parallelism)", ParamValidators.gtEq(0.0));
    setDefault(layers, 5);
    setDefault(rule, "additive");
    setDefault(fgEta, 1.0);
    setDefault(blockHidden, "100,100");
    setDefault(blockEpochs, 2.0);
    setDefault(blockBatch, 100);
    setDefault(blockStep, 0.0);
    setDefault(headMethod, "local-katyusha");
    setDefault(headPasses, 5.0);
    setDefault(headWr, 1e-4);
    setDefault(seed, 1L);
    setDefault(numPartitions, 0);
    validationIndicatorCol = new Param<>(this, "validationIndicatorCol", "boolean column: true = a validation row for the depth; empty = none");
    blockTarget = new Param<>(this, "blockTarget", "gradient (d outputs, the code's) or head-span (K outputs)",
        ParamValidators.inArray(new String[] {"gradient", "head-span"}));
    blockOutput = new Param<>(this, "blockOutput", "block output activation relu, tanh or linear",
        ParamValidators.inArray(new String[] {"relu", "tanh", "linear"}));
    setDefault(validationIndicatorCol, "");
    setDefault(blockTarget, "gradient");
    setDefault(blockOutput, "tanh");
  }

  @Override
  public String uid() {
    if (uid == null) uid = Uids.claim();
    return uid;
  }

  // Spark finds a Params object's params by reflection on public no-argument methods returning a Param.
  public IntParam layers() { return layers; }
  public Param<String> rule() { return rule; }
  public DoubleParam fgEta() { return fgEta; }
  public Param<String> blockHidden() { return blockHidden; }
  public DoubleParam blockEpochs() { return blockEpochs; }
  public IntParam blockBatch() { return blockBatch; }
  public DoubleParam blockStep() { return blockStep; }
  public Param<String> headMethod() { return headMethod; }
  public DoubleParam headPasses() { return headPasses; }
  public DoubleParam headWr() { return headWr; }
  public LongParam seed() { return seed; }
  public IntParam numPartitions() { return numPartitions; }
  public Param<String> validationIndicatorCol() { return validationIndicatorCol; }
  public Param<String> blockTarget() { return blockTarget; }
  public Param<String> blockOutput() { return blockOutput; }

  public StochoptResFgb setLayers(int v) { return (StochoptResFgb) set(layers, v); }
  public StochoptResFgb setRule(String v) { return (StochoptResFgb) set(rule, v); }
  public StochoptResFgb setFgEta(double v) { return (StochoptResFgb) set(fgEta, v); }
  public StochoptResFgb setBlockHidden(String v) { return (StochoptResFgb) set(blockHidden, v); }
  public StochoptResFgb setBlockEpochs(double v) { return (StochoptResFgb) set(blockEpochs, v); }
  public StochoptResFgb setBlockBatch(int v) { return (StochoptResFgb) set(blockBatch, v); }
  public StochoptResFgb setBlockStep(double v) { return (StochoptResFgb) set(blockStep, v); }
  public StochoptResFgb setHeadMethod(String v) { return (StochoptResFgb) set(headMethod, v); }
  public StochoptResFgb setHeadPasses(double v) { return (StochoptResFgb) set(headPasses, v); }
  public StochoptResFgb setHeadWr(double v) { return (StochoptResFgb) set(headWr, v); }
  public StochoptResFgb setSeed(long v) { return (StochoptResFgb) set(seed, v); }
  public StochoptResFgb setNumPartitions(int v) { return (StochoptResFgb) set(numPartitions, v); }
  public StochoptResFgb setValidationIndicatorCol(String v) { return (StochoptResFgb) set(validationIndicatorCol, v); }
  public StochoptResFgb setBlockTarget(String v) { return (StochoptResFgb) set(blockTarget, v); }
  public StochoptResFgb setBlockOutput(String v) { return (StochoptResFgb) set(blockOutput, v); }

  /** The algorithm settings these params describe. */
  ResFgbConfig config() {
    long s = (Long) getOrDefault(seed);
    double step = (Double) getOrDefault(blockStep);
    double passes = (Double) getOrDefault(headPasses);
    int[] hidden = Arrays.stream(getOrDefault(blockHidden).split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
    return new ResFgbConfig(ResFgbConfig.Rule.parse(getOrDefault(rule)), (Integer) getOrDefault(layers), (Double) getOrDefault(fgEta), hidden,
        MlpBlock.Output.parse(getOrDefault(blockOutput)), 0.05,
        new BlockFitter.Settings((Integer) getOrDefault(blockBatch), (Double) getOrDefault(blockEpochs), step > 0 ? step : Double.NaN, 0.9, 1e-5, s),
        new HeadFitter.Settings(getOrDefault(headMethod), 16, 3 * passes, passes, (Double) getOrDefault(headWr), s), !validationCol().isEmpty(), s,
        "head-span".equals(getOrDefault(blockTarget)));
  }

  private String validationCol() {
    String c = getOrDefault(validationIndicatorCol);
    return c == null ? "" : c.strip();
  }

  @Override
  public StochoptResFgbModel train(Dataset<?> dataset) {
    ResFgbConfig cfg = config();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
    int p = (Integer) getOrDefault(numPartitions);
    int partitions = p > 0 ? p : Math.max(4, sc.defaultParallelism());
    String vcol = validationCol();
    Dataset<?> trainRows = dataset;
    Dataset<?> valRows = null;
    if (!vcol.isEmpty()) {
      trainRows = dataset.filter(functions.not(functions.col(vcol)));
      valRows = dataset.filter(functions.col(vcol));
    }
    try (PartitionedData data = VectorRows.read(trainRows, getFeaturesCol(), getLabelCol(), partitions, true);
         PartitionedData val = valRows == null ? null : VectorRows.read(valRows, getFeaturesCol(), getLabelCol(), partitions, true)) {
      int classes = Math.max(2, 1 + (int) Math.max(maxLabel(data), val == null ? 0 : maxLabel(val)));
      try (FeatureRows rows = featureRows(sc, data);
           FeatureRows validation = val == null ? null : featureRows(sc, val)) {
        ResFgbTraining t = new ResFgbTraining(cfg, rows, validation, null, classes);
        ResFgbTraining.State s = t.init();
        while (!t.done(s)) t.step(s);
        return new StochoptResFgbModel(uid(), t.model(s));
      }
    }
  }

  /** Feature blocks (with the bias column) made on the executors from the cached rows. */
  private static FeatureRows featureRows(JavaSparkContext sc, PartitionedData data) {
    JavaRDD<RowBlock> features = data.blocks().map(b -> (RowBlock) FeatureRows.withBias(b.block()));
    features.persist(StorageLevel.MEMORY_AND_DISK());
    return new FeatureRows(SparkPartitionRunner.owning(sc, features), data.partitionSizes(), data.dimension());
  }

  private static double maxLabel(PartitionedData data) {
    return data.blocks().map(b -> {
      double m = 0;
      for (int r = 0; r < b.block().rows(); r++) m = Math.max(m, b.block().label(r));
      return m;
    }).reduce(Math::max);
  }

  @Override
  public StochoptResFgb copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<StochoptResFgb> read() {
    return new DefaultParamsReader<>();
  }

  public static StochoptResFgb load(String path) {
    return read().load(path);
  }
}
