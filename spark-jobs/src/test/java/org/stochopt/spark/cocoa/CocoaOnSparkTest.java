package org.stochopt.spark.cocoa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.trace.TraceRecord;
import org.stochopt.datasets.synth.LogisticTeacher;
import org.stochopt.spark.SparkTestSession;
import org.stochopt.spark.data.PartitionedData;
import org.stochopt.spark.job.DataLoader;
import org.stochopt.spark.oracle.SparkGradientOracle;

/**
 * CoCoA+ on Spark local[2] follows the in-process run: the same SDCA steps next to the same rows,
 * the dual variables kept in the cached blocks of the derived runner, the reports folded in
 * partition order — so every round's objective and duality gap agree to the last bits.
 */
class CocoaOnSparkTest {
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
    ProblemConstants k = ProblemConstants.estimate(o, 0.25, reg, 1);
    MethodRun run = MethodRun.prepare(o, reg, k, MethodSettings.of(MethodKind.COCOA, null), 11);
    return run.run(new StoppingRules(15, 0, 0, 0, 0), new Evaluator(o, reg, k.globalL(), Double.NaN, null),
        new Runner.Options(1e-9, 1, 1e6, "-"), r -> {}, Checkpointing.none());
  }

  @Test
  void roundsThatReleaseTheirBroadcastsDoNotBreakTheNextRound() {
    // A vector longer than the inline limit is broadcast, as CoCoA+'s w at d ≥ 2¹⁵, and destroyed a round later:
    // the block RDD keeps its step's closure (destroying at once failed the next round's task serialization).
    SparkGradientOracle o = new SparkGradientOracle(sc, sparkData, new LinearObjective(new LogisticLoss(), DATA.d()));
    org.stochopt.core.runtime.PartitionRunner<Integer> counts = o.derive((p, rows) -> 0);
    org.stochopt.core.runtime.Shipped<double[]> previous = null;
    for (int round = 0; round < 4; round++) {
      double[] big = new double[40_000];
      big[0] = 1;
      org.stochopt.core.runtime.Shipped<double[]> shipped = counts.ship(big, 8L * big.length);
      counts.update((p, c) -> c + (int) shipped.value()[0], null);
      if (previous != null) previous.release(); // as CoCoA+ does: one round later
      previous = shipped;
    }
    assertEquals(List.of(4, 4, 4), counts.collect());
    o.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"l2:1e-3", "elasticnet:4e-3,0.5", "l1:2e-3"})
  void sparkRoundsEqualInProcessRounds(String spec) {
    Regularizer reg = Regularizers.parse(spec);
    RunResult local;
    try (InMemoryOracle o = new InMemoryOracle(new LinearObjective(new LogisticLoss(), DATA.d()),
        DataLoader.syntheticPartitions(DATA, PARTITIONS))) {
      local = run(o, reg);
    }
    RunResult spark = run(new SparkGradientOracle(sc, sparkData, new LinearObjective(new LogisticLoss(), DATA.d())), reg);
    List<TraceRecord> a = local.trace();
    List<TraceRecord> b = spark.trace();
    assertEquals(a.size(), b.size());
    for (int i = 1; i < a.size(); i++) {
      assertEquals(a.get(i).objective(), b.get(i).objective(), 1e-13 * a.get(i).objective(), "round " + i);
      assertEquals(a.get(i).dualityGap(), b.get(i).dualityGap(), 1e-12 * a.get(i).objective() + 1e-9 * a.get(i).dualityGap(),
          "round " + i);
    }
    double[] w = local.solution();
    double[] v = spark.solution();
    for (int j = 0; j < w.length; j++) assertEquals(w[j], v[j], 1e-12 * Math.max(1, Math.abs(w[j])));
    // Dual ascent: D(α) = F − gap never decreases from round to round, and the gap shrinks (pure L1's
    // bound is a scaled α of a changing smoothing: not monotone).
    for (int i = 2; i < b.size() && reg.l2Weight() > 0; i++) {
      double before = b.get(i - 1).objective() - b.get(i - 1).dualityGap();
      double after = b.get(i).objective() - b.get(i).dualityGap();
      assertTrue(after >= before - 1e-15, "round " + i + ": D fell from " + before + " to " + after);
    }
    assertTrue(b.get(b.size() - 1).dualityGap() < 0.1 * b.get(1).dualityGap(), b.get(b.size() - 1).toString());
    assertEquals(15, spark.stats().rounds());
  }
}
