package org.stochopt.spark.cocoa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.method.MethodKind;
import org.stochopt.core.method.MethodRun;
import org.stochopt.core.method.MethodSettings;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.optim.Checkpointing;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.reference.OwlqnSolver;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.trace.TraceRecord;
import org.stochopt.datasets.synth.LogisticTeacher;
import org.stochopt.spark.SparkTestSession;
import org.stochopt.spark.data.PartitionedData;
import org.stochopt.spark.job.DataLoader;
import org.stochopt.spark.oracle.SparkGradientOracle;

/**
 * ProxCoCoA+ on Spark local[2] follows the in-process run: the column layout is made by the same
 * exchange (a shuffle on Spark), the same coordinate steps run next to the same columns, w_[k] stays in
 * the cached blocks of the derived runner, and the reports are folded in partition order — so every
 * round's objective and duality gap agree to rounding, and both reach OWL-QN's optimum.
 */
class ProxCocoaOnSparkTest {
  private static final LogisticTeacher DATA = new LogisticTeacher(1500, 30, 0.6, 10, 5);
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

  private static RunResult run(GradientOracle o, Regularizer reg) {
    ProblemConstants k = ProblemConstants.withMeanBound(o, 0.25, reg);
    MethodRun run = MethodRun.prepare(o, reg, k, MethodSettings.of(MethodKind.PROXCOCOA, null), 11);
    return run.run(new StoppingRules(25, 0, 0, 0, 0), new Evaluator(o, reg, k.meanL(), Double.NaN, null),
        new Runner.Options(1e-9, 1, 1e6, "-"), r -> {}, Checkpointing.none());
  }

  @ParameterizedTest
  @ValueSource(strings = {"l1:2e-3", "elasticnet:4e-3,0.5"})
  void sparkRoundsEqualInProcessRoundsAndReachOwlqn(String spec) {
    Regularizer reg = Regularizers.parse(spec);
    RunResult local;
    double fStar;
    try (InMemoryOracle o = new InMemoryOracle(new LinearObjective(new LogisticLoss(), DATA.d()),
        DataLoader.syntheticPartitions(DATA, PARTITIONS))) {
      local = run(o, reg);
      fStar = OwlqnSolver.highPrecision().solve(o, reg, new double[DATA.d()]).objective();
    }
    RunResult spark = run(new SparkGradientOracle(sc, sparkData, new LinearObjective(new LogisticLoss(), DATA.d())), reg);
    List<TraceRecord> a = local.trace();
    List<TraceRecord> b = spark.trace();
    assertEquals(a.size(), b.size());
    for (int i = 1; i < a.size(); i++) {
      assertEquals(a.get(i).objective(), b.get(i).objective(), 1e-13 * a.get(i).objective(), "round " + i);
      assertEquals(a.get(i).dualityGap(), b.get(i).dualityGap(), 1e-12 * a.get(i).objective() + 1e-9 * a.get(i).dualityGap(),
          "round " + i);
      // Weak duality every round: D = F − gap ≤ F* ≤ F.
      double dual = b.get(i).objective() - b.get(i).dualityGap();
      assertTrue(dual <= fStar + 1e-12 && b.get(i).objective() >= fStar - 1e-12, "round " + i + ": " + dual + " / " + fStar);
    }
    double[] w = local.solution();
    double[] v = spark.solution();
    for (int j = 0; j < w.length; j++) assertEquals(w[j], v[j], 1e-12 * Math.max(1, Math.abs(w[j])));
    TraceRecord last = b.get(b.size() - 1);
    // Three feature blocks of a dense d = 30 problem: σ' = 3 damps the steps (the core tests run to 1e-8).
    assertEquals(fStar, last.objective(), 1e-4 * fStar, "25 rounds approach OWL-QN's optimum");
    assertTrue(last.dualityGap() < 0.02 * b.get(1).dualityGap(), last.toString()); // pure L1: 8e-3 after 25 rounds
    assertEquals(25, spark.stats().rounds());
  }
}
