package org.stochopt.core.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stochopt.core.TestData;
import org.stochopt.core.features.FeatureKind;
import org.stochopt.core.features.FeatureMap;
import org.stochopt.core.features.RandomFeatures;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.loss.SquaredLoss;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * The feature-sharded oracle (K feature blocks, two rounds per call) gives the gradients of the
 * row-partitioned oracle on precomputed full features: to 1e-12 relative for every K (margins are
 * sums of K partial sums), bit for bit for K = 1, and the same summary, norms and minibatch rows.
 */
class FeatureShardedOracleTest {
  private static final int M = 50;
  private static final List<RowBlock> RAW = TestData.split(TestData.builder(240, 6, 0.8, true, 11).build(6, 0), 3);

  private static FeatureMap map(FeatureKind kind) {
    return kind.create(6, M, 1.7, 5);
  }

  private static InMemoryOracle rowPartitioned(Loss loss, FeatureMap map) {
    return new InMemoryOracle(new LinearObjective(loss, M), RandomFeatures.featurize(RAW, map, true));
  }

  private static FeatureShardedOracle sharded(Loss loss, FeatureMap map, int shards, boolean precompute) {
    int[] sizes = RAW.stream().mapToInt(RowBlock::rows).toArray();
    return new FeatureShardedOracle(loss, M, sizes, LocalFeatureShards.build(RAW, map, shards, precompute));
  }

  private static double[] point(long seed) {
    double[] w = new double[M];
    for (int j = 0; j < M; j++) w[j] = Math.sin(seed + 1.3 * j);
    return w;
  }

  private static void assertRelative(double[] expected, double[] actual, double rel) {
    assertEquals(expected.length, actual.length);
    double scale = 0;
    for (double v : expected) scale = Math.max(scale, Math.abs(v));
    for (int j = 0; j < expected.length; j++) assertEquals(expected[j], actual[j], rel * scale, "coordinate " + j);
  }

  @ParameterizedTest(name = "{0} K={1} precompute={2}")
  @CsvSource({
    "GAUSSIAN, 1, true", "GAUSSIAN, 3, false", "GAUSSIAN, 7, true", "SORF, 4, false", "ORTHOGONAL, 50, true", "LAPLACIAN, 2, true"
  })
  void everyCallMatchesTheRowPartitionedOracle(FeatureKind kind, int shards, boolean precompute) {
    FeatureMap map = map(kind);
    Loss loss = new LogisticLoss();
    InMemoryOracle expected = rowPartitioned(loss, map);
    FeatureShardedOracle actual = sharded(loss, map, shards, precompute);
    double[] w = point(1);
    double[] anchor = point(2);
    double[] g1 = new double[M];
    double[] g2 = new double[M];

    assertEquals(expected.fullGradient(w, g1), actual.fullGradient(w, g2), 1e-12);
    assertRelative(g1, g2, 1e-12);
    assertEquals(expected.evaluate(anchor, g1), actual.evaluate(anchor, g2), 1e-12);
    assertRelative(g1, g2, 1e-12);
    expected.curvatureProduct(w, g1);
    actual.curvatureProduct(w, g2);
    assertRelative(g1, g2, 1e-12);

    // Exact: the per-row norm/hash chain over the shards performs the full row's additions.
    assertEquals(expected.summary().fingerprint(), actual.summary().fingerprint());
    assertEquals(expected.summary().meanSquaredNorm(), actual.summary().meanSquaredNorm(), 0.0);
    assertEquals(expected.summary().maxSquaredNorm(), actual.summary().maxSquaredNorm(), 0.0);
    assertEquals(expected.summary().storedEntries(), actual.summary().storedEntries());
    assertArrayEquals(expected.partitionMasses(), actual.partitionMasses(), 0.0);
    assertArrayEquals(expected.partitionSizes(), actual.partitionSizes());

    for (SamplingScheme scheme : SamplingScheme.values()) {
      SamplingPlan plan = expected.samplingPlan(9, scheme);
      SamplingPlan planSharded = actual.samplingPlan(9, scheme);
      for (long t = 0; t < 3; t++) {
        Minibatch b1 = plan.draw(t, 17);
        Minibatch b2 = planSharded.draw(t, 17);
        assertEquals(expected.batchGradient(w, b1, g1), actual.batchGradient(w, b2, g2), 1e-12, scheme + " step " + t);
        assertRelative(g1, g2, 1e-12);
        expected.batchGradientDifference(w, anchor, b1, g1);
        actual.batchGradientDifference(w, anchor, b2, g2);
        assertRelative(g1, g2, 1e-12);
      }
    }
    assertEquals(expected.stats().rounds(), actual.stats().rounds());
    assertEquals(expected.stats().componentGradients(), actual.stats().componentGradients());
  }

  @Test
  void oneShardIsBitIdenticalToTheRowPartitionedOracle() {
    FeatureMap map = map(FeatureKind.GAUSSIAN);
    Loss loss = new SquaredLoss();
    InMemoryOracle expected = rowPartitioned(loss, map);
    FeatureShardedOracle actual = sharded(loss, map, 1, true);
    double[] w = point(3);
    double[] g1 = new double[M];
    double[] g2 = new double[M];
    assertEquals(expected.fullGradient(w, g1), actual.fullGradient(w, g2), 0.0);
    assertArrayEquals(g1, g2, 0.0);
    Minibatch b = expected.samplingPlan(4, SamplingScheme.IMPORTANCE).draw(5, 31);
    assertEquals(expected.batchGradient(w, b, g1), actual.batchGradient(w, b, g2), 0.0);
    assertArrayEquals(g1, g2, 0.0);
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    FeatureShardedOracle oracle = sharded(new LogisticLoss(), map(FeatureKind.GAUSSIAN), 4, false);
    double[] w = point(7);
    double[] g = new double[M];
    oracle.evaluate(w, g);
    double h = 1e-6;
    for (int j : new int[] {0, 12, 13, 37, 49}) { // coordinates in different shards, at block edges
      double[] up = w.clone();
      double[] down = w.clone();
      up[j] += h;
      down[j] -= h;
      double fd = (oracle.evaluate(up, new double[M]) - oracle.evaluate(down, new double[M])) / (2 * h);
      assertEquals(fd, g[j], 1e-8, "coordinate " + j);
    }
  }

  @Test
  void badShardCountsAreRejectedWithOneLine() {
    FeatureMap map = map(FeatureKind.GAUSSIAN);
    for (int k : new int[] {0, -2, M + 1}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sharded(new LogisticLoss(), map, k, true));
      assertTrue(e.getMessage().contains("shards must be between 1 and M = 50"), e.getMessage());
      assertTrue(e.getMessage().contains("got " + k), e.getMessage());
      assertTrue(!e.getMessage().contains("\n"));
    }
  }
}
