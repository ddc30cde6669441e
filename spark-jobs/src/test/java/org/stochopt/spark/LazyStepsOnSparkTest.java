package org.stochopt.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.method.AccProxSvrg;
import org.stochopt.core.method.AccSvrgAppa;
import org.stochopt.core.method.AccSvrgAppaConfig;
import org.stochopt.core.method.Dasvrda;
import org.stochopt.core.method.DasvrdaConfig;
import org.stochopt.core.method.Katyusha;
import org.stochopt.core.method.KatyushaConfig;
import org.stochopt.core.method.ProxSgd;
import org.stochopt.core.method.ProxSgdConfig;
import org.stochopt.core.method.ProxSvrg;
import org.stochopt.core.method.ProxSvrgConfig;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.StepSchedule;
import org.stochopt.core.optim.StepSizes;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.oracle.SparseBatchRows;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.sampling.SamplingScheme;
import org.stochopt.datasets.synth.HashedTextData;
import org.stochopt.spark.data.PartitionedData;
import org.stochopt.spark.oracle.SparkGradientOracle;

/**
 * On hashed-text rows (d ≫ b·nnz) every backend takes the lazy O(nnz) steps with sparse gradient
 * rounds: in-process and Spark local[2] run the same tasks and merge them in partition order, so
 * they give the same rounds and the same iterates bit for bit; and Spark's lazy run agrees with
 * Spark's dense run (dense d-vector rounds, {@code -Dstochopt.denseSteps=true}) to 1e-12 relative.
 */
class LazyStepsOnSparkTest {
  private static final HashedTextData DATA = HashedTextData.parse("hashtext:n=1200,d=32768,nnzmin=10,nnzmax=40,seed=3");
  private static final int PARTITIONS = 3;
  private static final int B = 8;
  private static JavaSparkContext sc;
  private static PartitionedData sparkData;

  @BeforeAll
  static void start() {
    sc = SparkTestSession.start();
    sparkData = PartitionedData.generate(sc, DATA.n(), PARTITIONS, DATA.d(), DATA::generate);
  }

  @AfterAll
  static void stop() {
    sparkData.close();
    sc.stop();
  }

  private static InMemoryOracle inProcess() {
    List<RowBlock> parts = IntStream.range(0, PARTITIONS)
        .mapToObj(p -> DATA.generate(PartitionedData.partitionStart(DATA.n(), PARTITIONS, p),
            PartitionedData.partitionStart(DATA.n(), PARTITIONS, p + 1)))
        .toList();
    return new InMemoryOracle(new LinearObjective(new LogisticLoss(), DATA.d()), parts);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"katyusha, l2:1e-3", "katyusha, l1:1e-4", "svrg, 'elasticnet:1e-3,0.5'", "sgd, l1:1e-4",
    "dasvrda, l2:1e-3", "dasvrda, 'elasticnet:1e-3,0.5'", "accsvrg, l2:1e-4", "accsvrg-appa, l2:1e-4",
    "accsvrg-appa, l1:1e-4"})
  void sparseRoundsAgreeAcrossBackendsAndWithDenseRounds(String method, String regSpec) {
    Regularizer reg = Regularizers.parse(regSpec);
    InMemoryOracle local = inProcess();
    assertTrue(local.sparseBatchRows() != null && local.sparseBatchRows().pays(B), "the in-process run must step lazily");
    ProblemConstants k = ProblemConstants.estimate(local, 0.25, reg, 9);
    RunResult inProcess = run(local, reg, k, method);
    SparkGradientOracle spark = sparkOracle();
    assertTrue(spark.sparseBatchRows() != null && spark.sparseBatchRows().pays(B), "the Spark run must step lazily");
    RunResult sparse = run(spark, reg, k, method);
    RunResult dense;
    System.setProperty(SparseBatchRows.DENSE_PROPERTY, "true");
    try {
      dense = run(sparkOracle(), reg, k, method);
    } finally {
      System.clearProperty(SparseBatchRows.DENSE_PROPERTY);
    }
    assertEquals(inProcess.stats().rounds(), sparse.stats().rounds());
    assertEquals(dense.stats().rounds(), sparse.stats().rounds());
    assertArrayEquals(inProcess.solution(), sparse.solution(), "in-process and local[2] sparse rounds: bit for bit");
    double scale = 0.0;
    for (double v : dense.solution()) scale = Math.max(scale, Math.abs(v));
    assertTrue(scale > 0);
    for (int j = 0; j < DATA.d(); j++) {
      assertEquals(dense.solution()[j], sparse.solution()[j], 1e-12 * scale, "coordinate " + j);
    }
  }

  private static SparkGradientOracle sparkOracle() {
    return new SparkGradientOracle(sc, sparkData, new LinearObjective(new LogisticLoss(), DATA.d()));
  }

  private static RunResult run(GradientOracle oracle, Regularizer reg, ProblemConstants k, String name) {
    SamplingScheme scheme = SamplingScheme.WITHOUT_REPLACEMENT;
    long m = (k.n() + B - 1) / B;
    Method<?> method = switch (name) {
      case "katyusha" -> new Katyusha(KatyushaConfig.theory(k, B, scheme));
      case "svrg" -> new ProxSvrg(new ProxSvrgConfig(B, StepSizes.svrg(k, B), m, ProxSvrgConfig.Anchor.LAST));
      case "dasvrda" -> new Dasvrda(DasvrdaConfig.theory(k, B, scheme));
      case "accsvrg" -> new AccProxSvrg(AccSvrgAppaConfig.theory(k, B, scheme, false));
      case "accsvrg-appa" -> new AccSvrgAppa(AccSvrgAppaConfig.theory(k, B, scheme, true));
      default -> new ProxSgd(new ProxSgdConfig(B, new StepSchedule(StepSchedule.Kind.INVERSE_T, 1.0 / k.globalL(), 50),
          ProxSgdConfig.Averaging.UNIFORM));
    };
    ProblemContext ctx = new ProblemContext(oracle, reg, oracle.samplingPlan(5, scheme), k);
    return new Runner(new Runner.Options(1.0, 40, 1e6, "")).run(method, ctx, new double[DATA.d()],
        new StoppingRules((int) (2 * m + 11), 0, 0, 0, 0), new Evaluator(oracle, reg, k.globalL(), Double.NaN, null), t -> {});
  }
}
