package org.stochopt.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stochopt.core.TestData;
import org.stochopt.core.linalg.RowBlock;

/** Parsing of {@code --features}, the memory rule, and the median heuristic. */
class FeatureSpecTest {

  @Test
  void parsesAFullSpecAndDefaults() {
    FeatureSpec s = FeatureSpec.parse("rff:gaussian,M=2000,bandwidth=median,seed=7");
    assertEquals(FeatureKind.GAUSSIAN, s.kind());
    assertEquals(2000, s.features());
    assertTrue(s.medianBandwidth());
    assertEquals(7, s.seed());
    assertEquals(FeatureCachePolicy.Mode.AUTO, s.cache());
    FeatureSpec t = FeatureSpec.parse("rff:SORF,m=512,bandwidth=3.5,cache=no");
    assertEquals(FeatureKind.SORF, t.kind());
    assertEquals(3.5, t.bandwidth());
    assertEquals(FeatureCachePolicy.Mode.NO, t.cache());
    assertEquals(t, FeatureSpec.parse(t.toSpec()));
    assertEquals(FeatureSpec.DEFAULT_FEATURES, FeatureSpec.parse("rff:laplacian").features());
    assertEquals(0, t.shards());
    FeatureSpec sharded = FeatureSpec.parse("rff:gaussian,M=100,shards=7");
    assertTrue(sharded.sharded());
    assertEquals(7, sharded.shards());
    assertEquals(sharded, FeatureSpec.parse(sharded.toSpec()));
    assertTrue(sharded.toSpec().endsWith(",shards=7"), sharded.toSpec());
  }

  @Test
  void badSpecsNameTheProblem() {
    expect("gaussian,M=10", "must look like rff:");
    expect("rff:rbf,M=10", "unknown random-feature kind 'rbf'");
    expect("rff:gaussian,M=0", "M (number of features) must be positive, got 0");
    expect("rff:gaussian,M=ten", "M must be an integer, got 'ten'");
    expect("rff:gaussian,bandwidth=-2", "bandwidth must be positive");
    expect("rff:gaussian,bandwidth=wide", "bandwidth must be a number or 'median', got 'wide'");
    expect("rff:gaussian,gamma=2", "unknown key 'gamma'");
    expect("rff:gaussian,M=5,M=6", "given twice");
    expect("rff:gaussian,cache=maybe", "cache must be auto, yes or no");
    expect("rff:gaussian,M", "expected key=value");
    expect("rff:gaussian,M=100,shards=0", "shards must be between 1 and M = 100 (leave the key out for no feature sharding), got 0");
    expect("rff:gaussian,M=100,shards=-3", "shards must be between 1 and M = 100");
    expect("rff:gaussian,M=100,shards=101", "every shard needs at least one feature");
    expect("rff:gaussian,shards=four", "shards must be an integer, got 'four'");
  }

  private static void expect(String spec, String fragment) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureSpec.parse(spec));
    assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' lacks '" + fragment + "'");
    assertTrue(e.getMessage().contains(spec) || e.getMessage().contains("must look like"), e.getMessage());
  }

  @Test
  void memoryRuleComparesNTimesMTimesEightBytesWithTheBudget() {
    assertEquals(12_000L * 2000 * 8, FeatureCachePolicy.featureBytes(12_000, 2000));
    assertTrue(FeatureCachePolicy.precompute(FeatureCachePolicy.Mode.AUTO, 1000, 100, 800_000));
    assertTrue(!FeatureCachePolicy.precompute(FeatureCachePolicy.Mode.AUTO, 1000, 100, 799_999));
    assertTrue(FeatureCachePolicy.precompute(FeatureCachePolicy.Mode.YES, 1000, 100, 0));
    assertTrue(!FeatureCachePolicy.precompute(FeatureCachePolicy.Mode.NO, 1, 1, Long.MAX_VALUE));
  }

  @Test
  void medianHeuristicIsTheMedianPairwiseDistance() {
    List<double[]> rows = List.of(new double[] {0, 0}, new double[] {3, 0}, new double[] {0, 4});
    // L2 distances 3, 4, 5 → 4; L1 distances 3, 4, 7 → 4.
    assertEquals(4.0, MedianHeuristic.bandwidth(rows, FeatureKind.GAUSSIAN), 0.0);
    assertEquals(4.0, MedianHeuristic.bandwidth(rows, FeatureKind.LAPLACIAN), 0.0);
    List<double[]> four = List.of(new double[] {0}, new double[] {1}, new double[] {3}, new double[] {7});
    // distances 1, 3, 7, 2, 6, 4 → median (3 + 4)/2.
    assertEquals(3.5, MedianHeuristic.bandwidth(four, FeatureKind.GAUSSIAN), 0.0);
    assertThrows(IllegalArgumentException.class,
        () -> MedianHeuristic.bandwidth(List.of(new double[] {1}, new double[] {1}), FeatureKind.GAUSSIAN));
  }

  @Test
  void medianHeuristicDoesNotDependOnThePartitioning() {
    RowBlock all = TestData.builder(2000, 6, 0.8, true, 8).build(6, 0);
    double one = MedianHeuristic.fromBlocks(List.of(all), FeatureKind.GAUSSIAN, 3);
    double five = MedianHeuristic.fromBlocks(TestData.split(all, 5), FeatureKind.GAUSSIAN, 3);
    assertEquals(one, five, 0.0);
    long[] ids = MedianHeuristic.sampleRows(2000, 400, 3);
    assertEquals(400, ids.length);
    for (int i = 1; i < ids.length; i++) assertTrue(ids[i] > ids[i - 1]);
    assertArrayEquals(ids, MedianHeuristic.sampleRows(2000, 400, 3));
    assertEquals(10, MedianHeuristic.sampleRows(10, 400, 3).length);
  }
}
