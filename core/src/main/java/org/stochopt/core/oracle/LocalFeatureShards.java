package org.stochopt.core.oracle;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.stochopt.core.features.FeatureMap;
import org.stochopt.core.linalg.RowBlock;

/** The K feature shards held in this JVM (the in-process backend and tests): tasks run in shard order. */
public final class LocalFeatureShards implements FeatureShardedOracle.ShardRunner {
  private final List<FeatureShard> shards;

  public LocalFeatureShards(List<FeatureShard> shards) {
    if (shards.isEmpty()) throw new IllegalArgumentException("no feature shards");
    this.shards = List.copyOf(shards);
  }

  /** Builds shards 0..K−1 of {@code map} over the raw row partitions. */
  public static LocalFeatureShards build(List<RowBlock> rawPartitions, FeatureMap map, int shards, boolean precompute) {
    FeatureShard.checkShards(shards, map.outputDim());
    List<FeatureShard> out = new ArrayList<>(shards);
    for (int k = 0; k < shards; k++) out.add(FeatureShard.build(k, shards, rawPartitions, map, precompute));
    return new LocalFeatureShards(out);
  }

  @Override
  public int shards() {
    return shards.size();
  }

  @Override
  public boolean inProcess() {
    return true;
  }

  @Override
  public <A extends Serializable, R extends Serializable> List<R> onEachShard(
      List<A> args, FeatureShardedOracle.ShardTask<A, R> task) {
    List<R> out = new ArrayList<>(shards.size());
    for (int k = 0; k < shards.size(); k++) out.add(task.apply(shards.get(k), args.get(k)));
    return out;
  }
}
