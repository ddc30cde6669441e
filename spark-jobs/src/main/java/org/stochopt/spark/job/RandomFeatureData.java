package org.stochopt.spark.job;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.stochopt.core.features.FeatureCachePolicy;
import org.stochopt.core.features.FeatureMap;
import org.stochopt.core.features.FeatureSpec;
import org.stochopt.core.features.RandomFeatures;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.oracle.FeatureShardedOracle;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.oracle.LocalFeatureShards;
import org.stochopt.spark.data.FeaturePartitions;
import org.stochopt.spark.data.PartitionedData;
import org.stochopt.spark.oracle.SparkFeatureShards;
import org.stochopt.spark.oracle.SparkGradientOracle;

/**
 * {@code train --features}: replaces loaded training data by its random features, so that every
 * method Methods builds (SGD, SVRG, and any added later) trains the linear model
 * f(x) = ⟨w, z(x)⟩ on them with no change. The memory rule of {@link FeatureCachePolicy} decides
 * between precomputed and on-the-fly features; the choice is logged. With {@code shards=K} the
 * features are split into K blocks across partitions instead ({@link FeatureShardedOracle}), on
 * the same row layout, so the run draws the same minibatches as the row-partitioned one.
 */
public final class RandomFeatureData {
  private RandomFeatureData() {}

  /** The featurized data (the raw data is closed). {@code sc} is null in-process. */
  public static TrainingData apply(TrainingData raw, FeatureSpec spec, Loss loss, JavaSparkContext sc, PrintStream log) {
    long t0 = System.nanoTime();
    FeatureMap map;
    boolean precompute;
    TrainingData out;
    int[] sizes = raw.oracle().partitionSizes();
    if (raw.sparkData() == null) {
      List<RowBlock> parts = ((InMemoryOracle) raw.oracle()).partitions();
      map = RandomFeatures.resolve(spec, parts);
      precompute = FeatureCachePolicy.precompute(spec.cache(), raw.oracle().size(), spec.features(), FeatureCachePolicy.inProcessBudget());
      if (spec.sharded()) {
        var shards = LocalFeatureShards.build(parts, map, spec.shards(), precompute);
        out = TrainingData.of(raw.name(), new FeatureShardedOracle(loss, map.outputDim(), sizes, shards), null, map);
      } else {
        List<RowBlock> mapped = RandomFeatures.featurize(parts, map, precompute);
        out = TrainingData.of(raw.name(), new InMemoryOracle(new LinearObjective(loss, map.outputDim()), mapped), null, map);
      }
    } else {
      PartitionedData data = raw.sparkData();
      map = FeaturePartitions.resolve(spec, data);
      precompute = FeaturePartitions.precompute(spec, data, sc);
      if (spec.sharded()) {
        // The shards keep their own copy of the raw rows; the row-partitioned cache is released below.
        var shards = SparkFeatureShards.build(sc, data, map, spec.shards(), precompute);
        out = TrainingData.of(raw.name(), new FeatureShardedOracle(loss, map.outputDim(), sizes, shards), null, map);
      } else {
        PartitionedData mapped = FeaturePartitions.featurize(data, map, precompute);
        out = TrainingData.of(raw.name(), new SparkGradientOracle(sc, mapped, new LinearObjective(loss, map.outputDim())), mapped, map);
      }
    }
    raw.close();
    String layout = spec.sharded()
        ? String.format(Locale.ROOT, "in %d feature shards of ≤ %d features over all %d rows (2 jobs per oracle call), ",
            spec.shards(), (map.outputDim() + spec.shards() - 1) / spec.shards(), out.oracle().size())
        : "";
    log.printf(Locale.ROOT, "features %s: %s%s, %.1f MB as doubles, %s (%.1fs)%n", map, layout,
        precompute ? "precomputed per block" : "computed on the fly",
        FeatureCachePolicy.featureBytes(out.oracle().size(), map.outputDim()) / 1e6,
        spec.cache() == FeatureCachePolicy.Mode.AUTO ? "by the memory rule" : "cache=" + spec.cache().name().toLowerCase(Locale.ROOT),
        (System.nanoTime() - t0) / 1e9);
    return out;
  }
}
