package org.stochopt.spark.resfgb;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.resfgb.FeatureRows;
import org.stochopt.core.runtime.LocalPartitionRunner;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.spark.runtime.SparkPartitionRunner;

/**
 * Puts rows into partitions that will hold their features: a {@link LocalPartitionRunner}
 * in-process, or a cached RDD of one block per partition on Spark. On Spark each initial block
 * travels once as its own broadcast and partition p is built from broadcast p (tasks then carry
 * only partition numbers; see {@code PartitionedData.fromBlocks}); the lineage is cut by a local
 * checkpoint every few layers.
 */
final class ResFgbRows {
  /** Layers between local checkpoints of the feature RDDs on Spark. */
  static final int CHECKPOINT_EVERY = 4;

  private ResFgbRows() {}

  /** The rows and the broadcasts to release when they are closed. */
  record Held(FeatureRows rows, List<Broadcast<RowBlock>> sources) implements AutoCloseable {
    @Override
    public void close() {
      rows.close();
      for (Broadcast<RowBlock> b : sources) b.destroy();
    }
  }

  static Held place(ResFgbData.Dense data, int partitions, JavaSparkContext sc) {
    List<RowBlock> blocks = data.partitions(partitions);
    int[] sizes = new int[partitions];
    for (int p = 0; p < partitions; p++) sizes[p] = blocks.get(p).rows();
    if (sc == null) return new Held(new FeatureRows(new LocalPartitionRunner<>(blocks), sizes, data.d()), List.of());
    List<Broadcast<RowBlock>> sources = new ArrayList<>(partitions);
    for (RowBlock b : blocks) sources.add(sc.broadcast(b));
    List<Broadcast<RowBlock>> held = List.copyOf(sources);
    PartitionRunner<RowBlock> runner = SparkPartitionRunner.generate(sc, partitions, p -> held.get(p).value(), CHECKPOINT_EVERY);
    return new Held(new FeatureRows(runner, sizes, data.d()), held);
  }
}
