package org.stochopt.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.Vec;
import org.stochopt.core.loss.LogisticLoss;
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
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;
import org.stochopt.datasets.synth.LogisticTeacher;
import org.stochopt.spark.data.PartitionedData;
import org.stochopt.spark.job.DataLoader;
import org.stochopt.spark.oracle.SparkGradientOracle;
import org.stochopt.core.trace.TraceRecord;

/** The same method, seed and partitioning give the same iterates in-process and on Spark local[2]. */
class BackendAgreementTest {
  private static final LogisticTeacher DATA = new LogisticTeacher(3000, 15, 0.6, 10, 4);
  private static final int PARTITIONS = 3;
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
    return new InMemoryOracle(new LinearObjective(new LogisticLoss(), DATA.d()), DataLoader.syntheticPartitions(DATA, PARTITIONS));
  }

  private static SparkGradientOracle onSpark() {
    return new SparkGradientOracle(sc, sparkData, new LinearObjective(new LogisticLoss(), DATA.d()));
  }

  @Test
  void executorsGenerateExactlyTheDriverSideRows() {
    List<RowBlock> spark = sparkData.collect();
    List<RowBlock> local = DataLoader.syntheticPartitions(DATA, PARTITIONS);
    assertEquals(local.size(), spark.size());
    for (int p = 0; p < local.size(); p++) {
      assertEquals(local.get(p).firstRow(), spark.get(p).firstRow());
      assertEquals(org.stochopt.core.oracle.DataSummary.of(local.get(p)).fingerprint(),
          org.stochopt.core.oracle.DataSummary.of(spark.get(p)).fingerprint());
    }
    assertEquals(inProcess().summary().fingerprint(), onSpark().summary().fingerprint());
  }

  @Test
  void svrgIteratesAgreeToOneInABillion() {
    Regularizer reg = Regularizers.parse("elasticnet:1e-3,0.5");
    RunResult local = run(inProcess(), reg, 24, true);
    RunResult spark = run(onSpark(), reg, 24, true);
    assertClose(local.solution(), spark.solution(), 1e-9);
    assertEquals(local.stats().rounds(), spark.stats().rounds());
    assertEquals(local.stats().componentGradients(), spark.stats().componentGradients());
    assertEquals(local.trace().size(), spark.trace().size());
    for (int i = 0; i < local.trace().size(); i++) {
      TraceRecord a = local.trace().get(i);
      TraceRecord b = spark.trace().get(i);
      assertEquals(a.objective(), b.objective(), 1e-12 * Math.abs(a.objective()));
    }
  }

  @Test
  void sgdIteratesAgreeToOneInABillion() {
    Regularizer reg = Regularizers.parse("l2:1e-3");
    RunResult local = run(inProcess(), reg, 40, false);
    RunResult spark = run(onSpark(), reg, 40, false);
    assertClose(local.solution(), spark.solution(), 1e-9);
  }

  /** The optimal minibatch methods, with importance sampling, agree across backends (L2 and L1). */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
  @org.junit.jupiter.params.provider.CsvSource({
    "katyusha, l2:1e-3", "katyusha, l1:1e-3", "dasvrda, l1:1e-3",
    "accsvrg-appa, l2:1e-3", "accsvrg-appa, l1:1e-3", "accsvrg, 'elasticnet:1e-3,0.5'", "local-svrg, l1:1e-3",
    "local-katyusha, l2:1e-3", "local-katyusha, 'elasticnet:1e-3,0.5'"
  })
  void optimalMinibatchMethodsAgree(String method, String regSpec) {
    Regularizer reg = Regularizers.parse(regSpec);
    // One set of constants for both runs (the constants' own agreement is covered by fullGradientsAgree).
    ProblemConstants k = ProblemConstants.estimate(inProcess(), 0.25, reg, 9);
    RunResult local = runOptimal(inProcess(), reg, k, method, 16);
    RunResult spark = runOptimal(onSpark(), reg, k, method, 16);
    assertClose(local.solution(), spark.solution(), 1e-9);
    assertEquals(local.stats().rounds(), spark.stats().rounds());
    assertEquals(local.stats().componentGradients(), spark.stats().componentGradients());
    for (int i = 0; i < local.trace().size(); i++) {
      assertEquals(local.trace().get(i).objective(), spark.trace().get(i).objective(), 1e-12 * Math.abs(local.trace().get(i).objective()));
    }
  }

  private static RunResult runOptimal(GradientOracle oracle, Regularizer reg, ProblemConstants k, String name, int b) {
    SamplingScheme scheme = SamplingScheme.IMPORTANCE;
    Method<?> method = switch (name) {
      case "katyusha" -> new org.stochopt.core.method.Katyusha(org.stochopt.core.method.KatyushaConfig.theory(k, b, scheme));
      case "dasvrda" -> new org.stochopt.core.method.Dasvrda(org.stochopt.core.method.DasvrdaConfig.theory(k, b, scheme));
      case "accsvrg-appa" -> new org.stochopt.core.method.AccSvrgAppa(org.stochopt.core.method.AccSvrgAppaConfig.theory(k, b, scheme, true));
      case "accsvrg" -> new org.stochopt.core.method.AccProxSvrg(org.stochopt.core.method.AccSvrgAppaConfig.theory(k, b, scheme, false));
      case "local-svrg" -> new org.stochopt.core.method.LocalSvrg(
          new org.stochopt.core.method.LocalSvrgConfig(b, org.stochopt.core.optim.StepSizes.svrg(k, b, scheme), 20, 3));
      case "local-katyusha" -> new org.stochopt.core.method.LocalKatyusha(
          org.stochopt.core.method.LocalKatyushaConfig.theory(k, b, oracle.partitionSizes().length, scheme).withLocalSteps(10));
      default -> throw new IllegalArgumentException(name);
    };
    ProblemContext ctx = new ProblemContext(oracle, reg, new SamplingPlan(5, oracle.partitionSizes(), scheme, oracle.partitionMasses()), k);
    RunResult r = new Runner(new Runner.Options(1.0, 40, 1e6, "")).run(method, ctx, new double[DATA.d()],
        new StoppingRules(100, 0, 0, 0, 0), new Evaluator(oracle, reg, k.globalL(), Double.NaN, null), t -> {});
    assertTrue(r.stats().rounds() >= 100);
    return r;
  }

  @Test
  void fullGradientsAgree() {
    double[] w = new double[DATA.d()];
    for (int j = 0; j < w.length; j++) w[j] = 0.1 * (j % 5) - 0.2;
    double[] g1 = new double[w.length];
    double[] g2 = new double[w.length];
    double f1 = inProcess().evaluate(w, g1);
    double f2 = onSpark().evaluate(w, g2);
    assertEquals(f1, f2, 1e-14 * Math.abs(f1));
    assertClose(g1, g2, 1e-13);
  }

  private static RunResult run(GradientOracle oracle, Regularizer reg, int b, boolean svrg) {
    ProblemConstants k = ProblemConstants.estimate(oracle, 0.25, reg, 9);
    Method<?> method = svrg
        ? new ProxSvrg(new ProxSvrgConfig(b, StepSizes.svrg(k, b), 50, ProxSvrgConfig.Anchor.LAST))
        : new ProxSgd(new ProxSgdConfig(b, new StepSchedule(StepSchedule.Kind.INVERSE_SQRT_T, StepSizes.sgd(k, b), 10),
            ProxSgdConfig.Averaging.UNIFORM));
    ProblemContext ctx = new ProblemContext(oracle, reg, new SamplingPlan(5, oracle.partitionSizes(),
        svrg ? SamplingScheme.WITHOUT_REPLACEMENT : SamplingScheme.WITH_REPLACEMENT), k);
    RunResult r = new Runner(new Runner.Options(1.0, 40, 1e6, "")).run(method, ctx, new double[DATA.d()],
        new StoppingRules(120, 0, 0, 0, 0), new Evaluator(oracle, reg, k.globalL(), Double.NaN, null), t -> {});
    assertTrue(r.stats().rounds() >= 120);
    return r;
  }

  private static void assertClose(double[] a, double[] b, double rel) {
    double scale = Math.max(Vec.normInf(a), 1e-12);
    for (int j = 0; j < a.length; j++) {
      assertEquals(a[j], b[j], rel * scale, "coordinate " + j);
    }
    assertArrayEquals(new int[] {a.length}, new int[] {b.length});
  }
}
