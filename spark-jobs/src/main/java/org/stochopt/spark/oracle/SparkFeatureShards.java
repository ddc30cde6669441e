package org.stochopt.spark.oracle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.stochopt.core.features.FeatureMap;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.oracle.FeatureShard;
import org.stochopt.core.oracle.FeatureShardedOracle;
import org.stochopt.spark.runtime.SparkPartitionRunner;
import org.stochopt.spark.data.PartitionBlock;
import org.stochopt.spark.data.PartitionedData;
import scala.Tuple2;

/**
 * Builds the K feature shards of a {@link FeatureShardedOracle} as a cached RDD of K partitions,
 * one {@link FeatureShard} each, held by a {@link SparkPartitionRunner}. Built by one shuffle that
 * sends every raw row partition to every shard (the raw rows cross the network K times, once);
 * each shard then computes its own feature block on its executor from the map's parameters —
 * features are never shipped. A call then runs one job in which task k carries only shard k's
 * argument (its slice of w, the row selection, the coefficients).
 */
public final class SparkFeatureShards {
  private SparkFeatureShards() {}

  /** Builds and caches the K shards of {@code map} over the cached raw rows (which the caller may then release). */
  public static SparkPartitionRunner<FeatureShard> build(JavaSparkContext sc, PartitionedData raw, FeatureMap map, int shards, boolean precompute) {
    FeatureShard.checkShards(shards, map.outputDim());
    map.checkInput(raw.blocks().first().block());
    int rowPartitions = raw.partitionSizes().length;
    JavaRDD<FeatureShard> rdd = raw.blocks()
        .flatMapToPair(pb -> {
          List<Tuple2<Integer, PartitionBlock>> copies = new ArrayList<>(shards);
          for (int s = 0; s < shards; s++) copies.add(new Tuple2<>(s, pb));
          return copies.iterator();
        })
        .partitionBy(new HashPartitioner(shards)) // key s → partition s
        .mapPartitionsWithIndex((index, it) -> {
          List<PartitionBlock> blocks = new ArrayList<>();
          while (it.hasNext()) blocks.add(it.next()._2());
          if (blocks.size() != rowPartitions) {
            throw new IllegalStateException("shard " + index + " received " + blocks.size() + " of " + rowPartitions + " row partitions");
          }
          blocks.sort(Comparator.comparingInt(PartitionBlock::partition));
          List<RowBlock> rows = new ArrayList<>(blocks.size());
          for (PartitionBlock pb : blocks) rows.add(pb.block());
          return Collections.singletonList(FeatureShard.build(index, shards, rows, map, precompute)).iterator();
        }, true);
    rdd.persist(StorageLevel.MEMORY_AND_DISK());
    rdd.count(); // materialize now, so the first round is not charged for the shuffle and featurization
    return SparkPartitionRunner.owning(sc, rdd);
  }
}
