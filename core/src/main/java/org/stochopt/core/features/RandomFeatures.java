package org.stochopt.core.features;

import java.util.ArrayList;
import java.util.List;
import org.stochopt.core.linalg.RowBlock;

/**
 * Resolving a {@link FeatureSpec} against data held in this JVM, and featurizing partitions.
 * The Spark path (spark-jobs {@code FeaturePartitions}) makes the same choices with the same
 * functions, so both give identical features for the same seed.
 */
public final class RandomFeatures {
  private RandomFeatures() {}

  /** The map of {@code spec} for these training partitions (median bandwidth from their rows). */
  public static FeatureMap resolve(FeatureSpec spec, List<RowBlock> trainingPartitions) {
    int d = trainingPartitions.get(0).dim();
    double sigma = spec.medianBandwidth()
        ? MedianHeuristic.fromBlocks(trainingPartitions, spec.kind(), spec.seed())
        : spec.bandwidth();
    return spec.create(d, sigma);
  }

  /** Each partition mapped: precomputed dense blocks, or {@link OnTheFlyFeatureBlock}s. */
  public static List<RowBlock> featurize(List<RowBlock> partitions, FeatureMap map, boolean precompute) {
    List<RowBlock> out = new ArrayList<>(partitions.size());
    for (RowBlock b : partitions) out.add(block(b, map, precompute));
    return out;
  }

  /** One block mapped (the per-partition step, also run inside Spark tasks). */
  public static RowBlock block(RowBlock raw, FeatureMap map, boolean precompute) {
    return precompute ? map.apply(raw) : new OnTheFlyFeatureBlock(raw, map);
  }
}
