package org.stochopt.spark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stochopt.core.features.FeatureKind;
import org.stochopt.core.features.FeatureMap;
import org.stochopt.core.features.RandomFeatures;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.Vec;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.method.Katyusha;
import org.stochopt.core.method.KatyushaConfig;
import org.stochopt.core.method.ProxSvrg;
import org.stochopt.core.method.ProxSvrgConfig;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.StepSizes;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.oracle.FeatureShardedOracle;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.SamplingScheme;
import org.stochopt.datasets.synth.LowNoiseData;
import org.stochopt.spark.SparkTestSession;
import org.stochopt.spark.data.FeaturePartitions;
import org.stochopt.spark.data.PartitionedData;
import org.stochopt.spark.oracle.SparkFeatureShards;
import org.stochopt.spark.oracle.SparkGradientOracle;

/**
 * The feature-sharded oracle on Spark local[2] (K feature blocks, each over all rows, two jobs per
 * call) equals the in-process oracle on precomputed full features, and a method run through it
 * follows the row-partitioned Spark run on the same features.
 */
class FeatureShardedOnSparkTest {
  private static final LowNoiseData DATA = new LowNoiseData(1200, 4, 0.2, 0.05, 9);
  private static final int PARTITIONS = 3;
  private static final int M = 40;
  private static final FeatureMap MAP = FeatureKind.GAUSSIAN.create(DATA.d(), M, 1.1, 4);
  private static JavaSparkContext sc;
  private static PartitionedData raw;

  @BeforeAll
  static void start() {
    sc = SparkTestSession.start();
    raw = PartitionedData.generate(sc, DATA.n(), PARTITIONS, DATA.d(), DATA::generate);
  }

  @AfterAll
  static void stop() {
    raw.close();
    sc.stop();
  }

  private static FeatureShardedOracle sharded(int shards, boolean precompute) {
    return new FeatureShardedOracle(new LogisticLoss(), M, raw.partitionSizes(),
        SparkFeatureShards.build(sc, raw, MAP, shards, precompute));
  }

  private static InMemoryOracle inProcess() {
    List<RowBlock> parts = PartitionedData.layout(DATA.generate(0, DATA.n()), PARTITIONS);
    return new InMemoryOracle(new LinearObjective(new LogisticLoss(), M), RandomFeatures.featurize(parts, MAP, true));
  }

  private static void assertRelative(double[] expected, double[] actual, double rel) {
    double scale = Math.max(Vec.normInf(expected), 1e-300);
    for (int j = 0; j < expected.length; j++) assertEquals(expected[j], actual[j], rel * scale, "coordinate " + j);
  }

  @ParameterizedTest(name = "K={0} precompute={1}")
  @CsvSource({"1, true", "3, false", "7, true"})
  void fullAndMinibatchGradientsEqualTheInProcessFeaturizedOracle(int shards, boolean precompute) {
    InMemoryOracle expected = inProcess();
    try (FeatureShardedOracle actual = sharded(shards, precompute)) {
      assertEquals(expected.summary().fingerprint(), actual.summary().fingerprint());
      double[] w = new double[M];
      double[] anchor = new double[M];
      for (int j = 0; j < M; j++) {
        w[j] = Math.cos(0.7 * j);
        anchor[j] = 0.3 * Math.sin(j);
      }
      double[] g1 = new double[M];
      double[] g2 = new double[M];
      assertEquals(expected.fullGradient(w, g1), actual.fullGradient(w, g2), 1e-12);
      assertRelative(g1, g2, 1e-12);
      for (SamplingScheme scheme : List.of(SamplingScheme.WITHOUT_REPLACEMENT, SamplingScheme.IMPORTANCE)) {
        Minibatch b1 = expected.samplingPlan(3, scheme).draw(4, 40);
        Minibatch b2 = actual.samplingPlan(3, scheme).draw(4, 40);
        assertEquals(expected.batchGradient(w, b1, g1), actual.batchGradient(w, b2, g2), 1e-12);
        assertRelative(g1, g2, 1e-12);
        expected.batchGradientDifference(w, anchor, b1, g1);
        actual.batchGradientDifference(w, anchor, b2, g2);
        assertRelative(g1, g2, 1e-12);
      }
      // One counted round per call (two jobs each), with the other oracles' gradient counts.
      assertEquals(5, actual.stats().rounds());
      assertEquals(expected.stats().componentGradients(), actual.stats().componentGradients());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"svrg", "katyusha"})
  void methodIteratesFollowTheRowPartitionedRunOnTheSameFeatures(String name) {
    PartitionedData features = FeaturePartitions.featurize(raw, MAP, true);
    try (FeatureShardedOracle shards = sharded(3, false)) {
      SparkGradientOracle rows = new SparkGradientOracle(sc, features, new LinearObjective(new LogisticLoss(), M),
          SparkGradientOracle.Reduction.ORDERED);
      Regularizer reg = Regularizers.parse("l2:1e-3");
      // One set of constants for both runs (their agreement is the core test's: same norms, L to rounding).
      ProblemConstants k = ProblemConstants.estimate(inProcess(), 0.25, reg, 9);
      RunResult a = run(rows, reg, k, name);
      RunResult b = run(shards, reg, k, name);
      double scale = Vec.normInf(a.solution());
      for (int j = 0; j < M; j++) assertEquals(a.solution()[j], b.solution()[j], 1e-9 * scale, "coordinate " + j);
      assertEquals(a.stats().rounds(), b.stats().rounds());
      assertEquals(a.stats().componentGradients(), b.stats().componentGradients());
      assertEquals(a.trace().size(), b.trace().size());
      for (int i = 0; i < a.trace().size(); i++) {
        assertEquals(a.trace().get(i).objective(), b.trace().get(i).objective(), 1e-12 * Math.abs(a.trace().get(i).objective()));
      }
      assertTrue(b.stats().meanRoundMillis() > 0 && b.stats().meanComputeMillis() <= b.stats().meanRoundMillis());
    } finally {
      features.close();
    }
  }

  private static RunResult run(GradientOracle oracle, Regularizer reg, ProblemConstants k, String name) {
    int b = 16;
    SamplingScheme scheme = name.equals("svrg") ? SamplingScheme.WITHOUT_REPLACEMENT : SamplingScheme.IMPORTANCE;
    Method<?> method = name.equals("svrg")
        ? new ProxSvrg(new ProxSvrgConfig(b, StepSizes.svrg(k, b), 30, ProxSvrgConfig.Anchor.LAST))
        : new Katyusha(KatyushaConfig.theory(k, b, scheme));
    ProblemContext ctx = new ProblemContext(oracle, reg, oracle.samplingPlan(5, scheme), k);
    RunResult r = new Runner(new Runner.Options(1.0, 20, 1e6, "")).run(method, ctx, new double[M],
        new StoppingRules(40, 0, 0, 0, 0), new Evaluator(oracle, reg, k.globalL(), Double.NaN, null), t -> {});
    assertTrue(r.stats().rounds() >= 40);
    return r;
  }

  @Test
  void badShardCountsAreRejectedBeforeAnyJob() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkFeatureShards.build(sc, raw, MAP, M + 1, true));
    assertEquals("shards must be between 1 and M = 40 (every shard needs at least one feature), got 41", e.getMessage());
  }
}
