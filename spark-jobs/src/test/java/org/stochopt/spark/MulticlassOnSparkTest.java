package org.stochopt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.OneVsRestLogisticLoss;
import org.stochopt.core.loss.SoftmaxCrossEntropyLoss;
import org.stochopt.core.method.Katyusha;
import org.stochopt.core.method.KatyushaConfig;
import org.stochopt.core.objective.MulticlassLinearObjective;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.reference.OwlqnSolver;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;
import org.stochopt.datasets.io.LibsvmWriter;
import org.apache.spark.sql.SparkSession;
import org.stochopt.spark.bench.LiblinearRun;
import org.stochopt.spark.bench.MllibMulticlassRun;
import org.stochopt.spark.bench.MllibRun;
import org.stochopt.spark.data.PartitionedData;
import org.stochopt.spark.job.ModelLoss;
import org.stochopt.spark.job.TrainConfig;
import org.stochopt.spark.job.TrainJob;
import org.stochopt.spark.job.TrainingData;
import org.stochopt.spark.oracle.SparkGradientOracle;

/**
 * The multi-class objectives on Spark local[2] (one session for the class): the unchanged
 * SparkGradientOracle gives the in-process numbers and iterates; {@code train} runs end to end on
 * a LIBSVM file with class labels on both backends; and the one-vs-rest optimum is LIBLINEAR's.
 */
class MulticlassOnSparkTest {
  private static final int N = 900;
  private static final int D = 9;
  private static final int K = 4;
  private static final int PARTITIONS = 3;
  private static final RowBlock ROWS = MulticlassData.generate(N, D, K, 0.7, 17);
  private static JavaSparkContext sc;
  private static PartitionedData sparkData;

  @BeforeAll
  static void start() {
    sc = SparkTestSession.start();
    sparkData = PartitionedData.fromBlocks(sc, PartitionedData.layout(ROWS, PARTITIONS));
  }

  @AfterAll
  static void stop() {
    sparkData.close();
    sc.stop();
  }

  private static MulticlassLinearObjective objective(String loss) {
    return new MulticlassLinearObjective(loss.equals("multinomial") ? new SoftmaxCrossEntropyLoss() : new OneVsRestLogisticLoss(), D, K);
  }

  @ParameterizedTest
  @CsvSource({"multinomial", "ovr-logistic"})
  void katyushaIteratesAgreeAcrossBackends(String loss) {
    InMemoryOracle local = new InMemoryOracle(objective(loss), PartitionedData.layout(ROWS, PARTITIONS));
    SparkGradientOracle spark = new SparkGradientOracle(sc, sparkData, objective(loss));
    double[] w = new double[D * K];
    for (int j = 0; j < w.length; j++) w[j] = 0.1 * (j % 7) - 0.3;
    double[] g1 = new double[D * K];
    double[] g2 = new double[D * K];
    double f1 = local.evaluate(w, g1);
    double f2 = spark.evaluate(w, g2);
    assertEquals(f1, f2, 1e-14 * Math.abs(f1));
    for (int j = 0; j < w.length; j++) assertEquals(g1[j], g2[j], 1e-13, "gradient coordinate " + j);

    Regularizer reg = Regularizers.parse("l2:1e-3");
    ProblemConstants k = ProblemConstants.estimate(local, objective(loss).loss().curvatureBound(), reg, 9);
    ProblemConstants kSpark = ProblemConstants.estimate(spark, objective(loss).loss().curvatureBound(), reg, 9);
    assertEquals(k.globalL(), kSpark.globalL(), 1e-9 * k.globalL());
    RunResult a = run(local, reg, k);
    RunResult b = run(spark, reg, k);
    assertEquals(a.stats().rounds(), b.stats().rounds());
    for (int j = 0; j < D * K; j++) assertEquals(a.solution()[j], b.solution()[j], 1e-9, "iterate coordinate " + j);
  }

  private static RunResult run(GradientOracle oracle, Regularizer reg, ProblemConstants k) {
    SamplingScheme scheme = SamplingScheme.WITHOUT_REPLACEMENT;
    ProblemContext ctx = new ProblemContext(oracle, reg, new SamplingPlan(5, oracle.partitionSizes(), scheme), k);
    return new Runner(new Runner.Options(1.0, 40, 1e6, "")).run(new Katyusha(KatyushaConfig.theory(k, 16, scheme)), ctx,
        new double[D * K], new StoppingRules(80, 0, 0, 0, 0), new Evaluator(oracle, reg, k.globalL(), Double.NaN, null), t -> {});
  }

  /**
   * {@code train --loss multinomial --method katyusha} from a LIBSVM file with class labels, in-process
   * and on Spark: both reach the cached reference optimum, with the same objective, and report the
   * argmax test error.
   */
  @Test
  void trainRunsOnBothBackendsFromAClassLabelledFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("train.libsvm");
    LibsvmWriter.write(ROWS, file);
    ModelLoss loss = ModelLoss.parse("multinomial");
    Regularizer reg = Regularizers.parse("l2:1e-3");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Map<String, Object> local;
    Map<String, Object> spark;
    try (TrainingData data = TrainingData.inProcess(file.toString(), loss, PARTITIONS)) {
      assertEquals(K, data.classes());
      local = new TrainJob(new PrintStream(log, true)).train(config(file, dir.resolve("local"), dir, "in-process"), loss, reg, data, PARTITIONS)
          .summary();
    }
    try (TrainingData data = TrainingData.onSpark(sc, file.toString(), loss, PARTITIONS, SparkGradientOracle.Reduction.TREE)) {
      assertEquals(K, data.classes());
      spark = new TrainJob(new PrintStream(log, true)).train(config(file, dir.resolve("spark"), dir, "local[2]"), loss, reg, data, PARTITIONS)
          .summary();
    }
    for (Map<String, Object> s : List.of(local, spark)) {
      assertEquals("target_suboptimality", s.get("stop_reason"), log.toString());
      assertEquals(K, s.get("classes"));
      assertEquals(D * K, s.get("d"));
      double err = (Double) s.get("test_error");
      assertTrue(err > 0.05 && err < 0.6, "argmax training error of a softmax-teacher set: " + err);
    }
    assertEquals((Double) local.get("reference_objective"), (Double) spark.get("reference_objective"), 0.0);
    assertEquals((Double) local.get("objective"), (Double) spark.get("objective"), 1e-6 * (Double) local.get("objective"));
  }

  private static TrainConfig config(Path data, Path out, Path cache, String master) {
    return new TrainConfig(data.toString(), data.toString(), org.stochopt.spark.job.ModelLoss.parse("multinomial"),
        org.stochopt.core.reg.Regularizers.parse("l2:1e-3"),
        org.stochopt.core.method.MethodSettings.of(org.stochopt.core.method.MethodKind.KATYUSHA, 64),
        new org.stochopt.core.optim.StoppingRules(0, 300, 1e-6, 0, 0), 3, master, PARTITIONS, out, cache.resolve("cache"), true, 2, 0);
  }

  /**
   * MLlib on the same cached rows: multinomial LogisticRegression and OneVsRest(LogisticRegression)
   * reach the F* of the d·K problem, and their own objective histories equal our F (F_k per class).
   */
  @ParameterizedTest
  @CsvSource({"multinomial", "ovr-logistic"})
  void mllibSolvesTheSameObjective(String loss) {
    InMemoryOracle oracle = new InMemoryOracle(objective(loss), PartitionedData.layout(ROWS, PARTITIONS));
    Regularizer reg = Regularizers.parse("l2:2e-3");
    double fStar = OwlqnSolver.highPrecision().solve(oracle, reg, new double[D * K]).objective();
    MllibRun.Result r = MllibMulticlassRun.run(SparkSession.active(), sparkData.blocks(), D, K, loss.equals("multinomial"), oracle, reg,
        fStar, 200, 0, System.err);
    assertTrue(r.scaleCheck() < 1e-9, loss + ": MLlib's objective history vs our F: " + r.scaleCheck());
    double f = oracle.evaluate(r.coefficients(), new double[D * K]) + reg.value(r.coefficients());
    assertEquals(fStar, f, 1e-8 * fStar, loss + ": MLlib's weights, mapped to class blocks");
    assertTrue(r.curve().best() > -1e-12 && r.curve().best() < 1e-8, loss + ": curve best " + r.curve().best());
  }

  /**
   * LIBLINEAR {@code -s 0} on K-class data trains K one-vs-rest logistic regressions (class k
   * against the rest, no bias), minimizing ½‖w_k‖² + C Σ log(1 + e^{−s_ik⟨w_k,x_i⟩}) each: the
   * ovr-logistic objective times C·n with λ = 1/(C·n). Its model has one column per class, in the
   * order of its {@code label} line; mapped to our class blocks it must have our optimum's F.
   */
  @Test
  void oneVsRestOptimumIsLiblinears(@TempDir Path dir) throws Exception {
    String exe = LiblinearAgreementTest.liblinear();
    Path file = dir.resolve("train.libsvm");
    LibsvmWriter.write(ROWS, file);
    double c = 2.0;
    Regularizer reg = Regularizers.parse("l2:" + 1.0 / (c * N));
    Path model = dir.resolve("model");
    Process p = new ProcessBuilder(exe, "-s", "0", "-c", Double.toString(c), "-e", "1e-10", "-q", file.toString(), model.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    List<String> lines = Files.readAllLines(model);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("nr_class " + K)), "a " + K + "-class model: " + lines.subList(0, 4));
    double[] wLib = LiblinearRun.readMulticlassModel(model, D, K);

    InMemoryOracle oracle = new InMemoryOracle(objective("ovr-logistic"), PartitionedData.layout(ROWS, PARTITIONS));
    double fLib = oracle.evaluate(wLib, new double[D * K]) + reg.value(wLib);
    double fRef = OwlqnSolver.highPrecision().solve(oracle, reg, new double[D * K]).objective();
    assertEquals(fRef, fLib, 1e-9 * fRef, "reference solver vs LIBLINEAR -s 0 on " + K + " classes");
    // A wrong column order would be a different model: swapping two class blocks must change F.
    double[] swapped = wLib.clone();
    System.arraycopy(wLib, 0, swapped, D, D);
    System.arraycopy(wLib, D, swapped, 0, D);
    assertTrue(oracle.evaluate(swapped, new double[D * K]) + reg.value(swapped) > fRef * (1 + 1e-3));
  }
}
