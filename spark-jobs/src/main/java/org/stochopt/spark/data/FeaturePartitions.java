package org.stochopt.spark.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.stochopt.core.features.FeatureCachePolicy;
import org.stochopt.core.features.FeatureMap;
import org.stochopt.core.features.FeatureSpec;
import org.stochopt.core.features.MedianHeuristic;
import org.stochopt.core.features.RandomFeatures;
import scala.Tuple2;

/**
 * Random features of cached Spark partitions. The map travels to the executors as its parameters
 * only (its frequencies are transient) and each executor regenerates it from the seed; every
 * partition is then mapped once into a new cached RDD — dense feature blocks when they fit the
 * memory rule of {@link FeatureCachePolicy}, {@link org.stochopt.core.features.OnTheFlyFeatureBlock}s
 * otherwise — and the raw partitions are released. The per-block step is the same
 * {@link RandomFeatures#block} the in-process path runs, so both give identical features.
 */
public final class FeaturePartitions {
  private FeaturePartitions() {}

  /** The map of {@code spec} for these cached training rows; a median bandwidth uses the same sampled row ids as in-process. */
  public static FeatureMap resolve(FeatureSpec spec, PartitionedData raw) {
    double sigma = spec.medianBandwidth() ? medianBandwidth(raw, spec) : spec.bandwidth();
    return spec.create(raw.dimension(), sigma);
  }

  static double medianBandwidth(PartitionedData raw, FeatureSpec spec) {
    long[] ids = MedianHeuristic.sampleRows(raw.rows(), MedianHeuristic.SAMPLE_ROWS, spec.seed());
    List<Tuple2<Long, double[]>> picked = raw.blocks().flatMap(pb -> {
      List<Tuple2<Long, double[]>> out = new ArrayList<>();
      List<double[]> rows = MedianHeuristic.pick(pb.block(), ids);
      long first = pb.block().firstRow();
      int k = 0;
      for (long id : ids) {
        if (id >= first && id < first + pb.block().rows()) out.add(new Tuple2<>(id, rows.get(k++)));
      }
      return out.iterator();
    }).collect();
    List<Tuple2<Long, double[]>> sorted = new ArrayList<>(picked);
    sorted.sort(Comparator.comparing(Tuple2::_1));
    List<double[]> rows = new ArrayList<>();
    for (Tuple2<Long, double[]> t : sorted) rows.add(t._2());
    return MedianHeuristic.bandwidth(rows, spec.kind());
  }

  /**
   * Half of the memory the block managers report as still free for caching, summed over all of
   * them (executors; in local mode the driver's one): the budget of the memory rule.
   */
  public static long storageBudget(JavaSparkContext sc) {
    long free = 0;
    scala.collection.Iterator<Tuple2<Object, Object>> it = sc.sc().getExecutorMemoryStatus().valuesIterator();
    while (it.hasNext()) free += (Long) it.next()._2();
    return free / 2;
  }

  /** Whether {@code spec} precomputes features for these rows under the memory rule. */
  public static boolean precompute(FeatureSpec spec, PartitionedData raw, JavaSparkContext sc) {
    return FeatureCachePolicy.precompute(spec.cache(), raw.rows(), spec.features(),
        spec.cache() == FeatureCachePolicy.Mode.AUTO ? storageBudget(sc) : 0);
  }

  /** Maps every cached partition once (mapPartitions-style, one block each) and caches the result. */
  public static PartitionedData featurize(PartitionedData raw, FeatureMap map, boolean precompute) {
    JavaRDD<PartitionBlock> mapped = raw.blocks().map(pb ->
        new PartitionBlock(pb.partition(), RandomFeatures.block(pb.block(), map, precompute)));
    return PartitionedData.cache(mapped, raw.partitionSizes(), map.outputDim());
  }
}
