package org.stochopt.spark.data;

import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.stochopt.datasets.io.DataFormatException;
import org.stochopt.datasets.io.LabelTracker;
import org.stochopt.datasets.io.LibsvmLineParser;
import org.stochopt.datasets.io.LibsvmOptions;
import org.stochopt.datasets.io.ParsedRow;
import scala.Tuple2;

/**
 * Reads a LIBSVM file through Hadoop (file:, hdfs:, s3a: — whatever the cluster's Hadoop
 * configuration can open) into the standard contiguous partition layout, in parallel: every line
 * is parsed on an executor with its global line number (so errors name file and line), labels
 * are checked for one consistent convention, and rows are shuffled once into their partitions.
 */
public final class LibsvmRdd {
  private LibsvmRdd() {}

  public static PartitionedData read(JavaSparkContext sc, String path, int partitions, LibsvmOptions options) {
    String source = path;
    Integer fixedDim = options.fixedDim();
    JavaPairRDD<Long, ParsedRow> rows = sc.textFile(path)
        .zipWithIndex()
        .mapToPair(t -> new Tuple2<>(t._2(), LibsvmLineParser.parse(t._1(), source, t._2() + 1, fixedDim)));
    rows.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    try {
      long n = rows.count();
      if (n == 0) throw new DataFormatException(source, "empty file: no examples");
      // Label convention and dimension in one pass; the tracker reports the first offending line.
      rows.aggregate(
          options.labelPolicy().newTracker(source),
          (tr, r) -> {
            tr.accept(r._2().label(), r._1() + 1);
            return tr;
          },
          LabelTracker::merge);
      int maxIndex = rows.map(r -> r._2().count() == 0 ? -1 : r._2().index(r._2().count() - 1))
          .fold(-1, Math::max);
      int dim = fixedDim != null ? fixedDim : maxIndex + 1;
      if (dim <= 0) throw new DataFormatException(source, "no features: every row is empty");
      return IndexedRows.toBlocks(rows, n, partitions, dim, options.labelPolicy(), source);
    } catch (Exception e) { // SparkException is checked in Java's eyes but thrown undeclared
      throw unwrap(e);
    } finally {
      rows.unpersist(false);
    }
  }

  /** Surfaces a DataFormatException thrown inside a task as itself, not as a task failure. */
  public static RuntimeException unwrap(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DataFormatException dfe) return dfe;
    }
    String msg = e.getMessage();
    if (msg != null) {
      int at = msg.indexOf("DataFormatException: ");
      if (at >= 0) {
        String line = msg.substring(at + "DataFormatException: ".length()).split("\n", 2)[0];
        return new IllegalArgumentException(line, e);
      }
    }
    return e instanceof RuntimeException re ? re : new RuntimeException(e);
  }

  /** Row id r goes to the partition p with partitionStart(p) ≤ r < partitionStart(p+1). */
  public static final class ContiguousPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final long n;
    private final int parts;

    public ContiguousPartitioner(long n, int parts) {
      this.n = n;
      this.parts = parts;
    }

    @Override
    public int numPartitions() {
      return parts;
    }

    @Override
    public int getPartition(Object key) {
      long r = (Long) key;
      int p = (int) Math.min(parts - 1, Math.multiplyExact(r, (long) parts) / n);
      while (p > 0 && PartitionedData.partitionStart(n, parts, p) > r) p--;
      while (p + 1 < parts && PartitionedData.partitionStart(n, parts, p + 1) <= r) p++;
      return p;
    }
  }
}
