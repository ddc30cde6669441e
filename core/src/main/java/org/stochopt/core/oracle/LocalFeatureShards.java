package org.stochopt.core.oracle;

import java.util.ArrayList;
import java.util.List;
import org.stochopt.core.features.FeatureMap;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.runtime.LocalPartitionRunner;

/** Builds the K feature shards of a {@link FeatureShardedOracle} in this JVM (the in-process backend and tests). */
public final class LocalFeatureShards {
  private LocalFeatureShards() {}

  /** Shards 0..K−1 of {@code map} over the raw row partitions, held by an in-process runner (one thread: shard order). */
  public static LocalPartitionRunner<FeatureShard> build(List<RowBlock> rawPartitions, FeatureMap map, int shards, boolean precompute) {
    FeatureShard.checkShards(shards, map.outputDim());
    List<FeatureShard> out = new ArrayList<>(shards);
    for (int k = 0; k < shards; k++) out.add(FeatureShard.build(k, shards, rawPartitions, map, precompute));
    return new LocalPartitionRunner<>(out, 1);
  }
}
