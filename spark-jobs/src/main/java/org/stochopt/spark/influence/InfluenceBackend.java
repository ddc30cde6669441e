package org.stochopt.spark.influence;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.stochopt.core.influence.RowSet;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.runtime.LocalPartitionRunner;
import org.stochopt.spark.data.PartitionBlock;
import org.stochopt.spark.data.PartitionedData;
import org.stochopt.spark.runtime.SparkPartitionRunner;

/**
 * Where the rows of an influence run live: in this JVM ({@link LocalPartitionRunner}) or cached
 * on Spark executors ({@link SparkPartitionRunner} over {@link PartitionedData}, reduced in
 * partition order so both backends give the same bits). Both lay rows out the same way
 * ({@link PartitionedData#layout}).
 */
public final class InfluenceBackend implements AutoCloseable {
  private final JavaSparkContext sc;
  private final int threads;
  private final List<AutoCloseable> owned = new ArrayList<>();

  private InfluenceBackend(JavaSparkContext sc, int threads) {
    this.sc = sc;
    this.threads = threads;
  }

  public static InfluenceBackend inProcess(int threads) {
    return new InfluenceBackend(null, threads);
  }

  public static InfluenceBackend spark(JavaSparkContext sc) {
    return new InfluenceBackend(sc, 0);
  }

  public boolean isSpark() {
    return sc != null;
  }

  public String describe() {
    return sc == null ? "in-process (" + threads + " threads)" : "Spark " + sc.master();
  }

  /** The rows of {@code all} in {@code partitions} partitions of the standard layout. */
  public RowSet rows(RowBlock all, int partitions) {
    List<RowBlock> parts = PartitionedData.layout(all, Math.min(partitions, Math.max(1, all.rows())));
    int[] sizes = parts.stream().mapToInt(RowBlock::rows).toArray();
    RowSet set;
    if (sc == null) {
      set = new RowSet(new LocalPartitionRunner<>(parts, threads), sizes);
    } else {
      PartitionedData data = PartitionedData.fromBlocks(sc, parts);
      owned.add(data);
      set = new RowSet(SparkPartitionRunner.over(sc, data.blocks().map(PartitionBlock::block), 1), sizes);
    }
    owned.add(set);
    return set;
  }

  @Override
  public void close() {
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (Exception e) {
        throw new IllegalStateException("closing influence rows: " + e.getMessage(), e);
      }
    }
    owned.clear();
  }
}
