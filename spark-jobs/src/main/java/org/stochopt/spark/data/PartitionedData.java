package org.stochopt.spark.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.stochopt.core.linalg.RowBlock;

/**
 * Training data cached on executors as {@link PartitionBlock}s, with the row count of every
 * partition known on the driver (the sampling plan needs them). Rows are assigned to partitions
 * deterministically: partition p holds global rows [⌊pn/P⌋, ⌊(p+1)n/P⌋).
 */
public final class PartitionedData implements AutoCloseable {
  private final JavaRDD<PartitionBlock> blocks;
  private final int[] sizes;
  private final int dim;
  /** Broadcasts the cached partitions are rebuilt from if lost ({@link #fromBlocks}); freed by {@link #close}. */
  private final List<Broadcast<RowBlock>> sources;
  private boolean sourcesFreed;

  private PartitionedData(JavaRDD<PartitionBlock> blocks, int[] sizes, int dim, List<Broadcast<RowBlock>> sources) {
    this.blocks = blocks;
    this.sizes = sizes;
    this.dim = dim;
    this.sources = sources;
  }

  public JavaRDD<PartitionBlock> blocks() {
    return blocks;
  }

  public int[] partitionSizes() {
    return sizes.clone();
  }

  public int dimension() {
    return dim;
  }

  public long rows() {
    long n = 0;
    for (int s : sizes) n += s;
    return n;
  }

  /** First global row of partition p among n rows in P partitions. */
  public static long partitionStart(long n, int partitions, int p) {
    return Math.multiplyExact(n, (long) p) / partitions;
  }

  /** Splits driver-side rows into the standard contiguous layout (also used in-process). */
  public static List<RowBlock> layout(RowBlock all, int partitions) {
    List<RowBlock> out = new ArrayList<>(partitions);
    long n = all.rows();
    for (int p = 0; p < partitions; p++) {
      out.add(all.slice((int) partitionStart(n, partitions, p), (int) partitionStart(n, partitions, p + 1)));
    }
    return out;
  }

  /**
   * Distributes blocks that already follow the layout (one block per partition) and caches them.
   * Each block travels as its own broadcast and partition p is built from broadcast p, so tasks
   * carry only partition numbers. ({@code sc.parallelize(blocks)} would store each block inside
   * its partition object, which Spark serializes into every task of every later job on the RDD:
   * the whole data set once per round.) The broadcasts live as long as this object, so a lost
   * cached partition is rebuilt from them; in local mode they hold a serialized second copy of
   * the rows in the block manager.
   */
  public static PartitionedData fromBlocks(JavaSparkContext sc, List<RowBlock> parts) {
    List<Broadcast<RowBlock>> sources = new ArrayList<>(parts.size());
    List<Integer> ids = new ArrayList<>(parts.size());
    int[] sizes = new int[parts.size()];
    for (int p = 0; p < parts.size(); p++) {
      sources.add(sc.broadcast(parts.get(p)));
      ids.add(p);
      sizes[p] = parts.get(p).rows();
    }
    JavaRDD<PartitionBlock> rdd = sc.parallelize(ids, parts.size()).map(p -> new PartitionBlock(p, sources.get(p).value()));
    rdd.persist(StorageLevel.MEMORY_AND_DISK());
    rdd.count();
    return new PartitionedData(rdd, sizes, parts.get(0).dim(), sources);
  }

  /**
   * Generates every partition on its executor from (generator, partition) alone; the driver
   * never holds the rows.
   */
  public static PartitionedData generate(
      JavaSparkContext sc, long n, int partitions, int dim, RangeGenerator generator) {
    List<Integer> ids = new ArrayList<>(partitions);
    int[] sizes = new int[partitions];
    for (int p = 0; p < partitions; p++) {
      ids.add(p);
      sizes[p] = Math.toIntExact(partitionStart(n, partitions, p + 1) - partitionStart(n, partitions, p));
    }
    JavaRDD<PartitionBlock> rdd = sc.parallelize(ids, partitions).map(p -> new PartitionBlock(
        p, generator.generate(partitionStart(n, partitions, p), partitionStart(n, partitions, p + 1))));
    return cache(rdd, sizes, dim);
  }

  /** Wraps an RDD already in the layout, as it is (no caching): for tests that inject task failures. */
  static PartitionedData wrap(JavaRDD<PartitionBlock> rdd, int[] sizes, int dim) {
    return new PartitionedData(rdd, sizes, dim, List.of());
  }

  static PartitionedData cache(JavaRDD<PartitionBlock> rdd, int[] sizes, int dim) {
    rdd.persist(StorageLevel.MEMORY_AND_DISK());
    rdd.count(); // materialize now, so the first optimization round is not charged for loading
    return new PartitionedData(rdd, sizes, dim, List.of());
  }

  /** Collects the partitions back to the driver, in order (for tests and small data). */
  public List<RowBlock> collect() {
    List<RowBlock> out = new ArrayList<>();
    Iterator<PartitionBlock> it = blocks.toLocalIterator();
    while (it.hasNext()) out.add(it.next().block());
    return out;
  }

  @Override
  public void close() {
    blocks.unpersist(false);
    if (!sourcesFreed) for (Broadcast<RowBlock> b : sources) b.destroy();
    sourcesFreed = true;
  }

  /** Rows [from, to) of a data set, computable on any executor. */
  @FunctionalInterface
  public interface RangeGenerator extends java.io.Serializable {
    RowBlock generate(long fromRow, long toRow);
  }
}
