package org.stochopt.spark.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.datasets.io.CompressedFiles;
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
    JavaPairRDD<Long, ParsedRow> rows = lines(sc, path)
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
      org.stochopt.datasets.io.LabelPolicy policy = options.labelPolicy();
      ContiguousPartitioner partitioner = new ContiguousPartitioner(n, partitions);
      JavaRDD<PartitionBlock> blocks = rows.partitionBy(partitioner).mapPartitionsWithIndex((p, it) -> {
        List<Tuple2<Long, ParsedRow>> local = new ArrayList<>();
        it.forEachRemaining(local::add);
        local.sort((a, b) -> Long.compare(a._1(), b._1()));
        RowBlockBuilder builder = new RowBlockBuilder();
        for (Tuple2<Long, ParsedRow> r : local) {
          double y = policy.map(r._2().label(), source, r._1() + 1);
          r._2().addTo(builder, y);
        }
        Iterator<PartitionBlock> out = List.of(new PartitionBlock(
            p, builder.build(dim, PartitionedData.partitionStart(n, partitions, p)))).iterator();
        return out;
      }, true);
      int[] sizes = new int[partitions];
      for (int p = 0; p < partitions; p++) {
        sizes[p] = Math.toIntExact(
            PartitionedData.partitionStart(n, partitions, p + 1) - PartitionedData.partitionStart(n, partitions, p));
      }
      return PartitionedData.cache(blocks, sizes, dim);
    } catch (Exception e) { // SparkException is checked in Java's eyes but thrown undeclared
      throw unwrap(e, source);
    } finally {
      rows.unpersist(false);
    }
  }

  /**
   * The lines of the input. Hadoop's text input picks a codec by the file's suffix, so a gzip file
   * without ".gz" would be read as binary garbage (and fail with a nonsense label message), while
   * the in-process reader sniffs the magic bytes. Here the driver sniffs each input file's first
   * two bytes; if any is gzip under another name, every file is read whole by an executor through
   * {@link CompressedFiles#decompressing}, which again decides by the bytes, exactly as in-process.
   * (A gzip file cannot be split anyway, so nothing is lost.)
   */
  static JavaRDD<String> lines(JavaSparkContext sc, String path) {
    if (!gzipWithoutSuffix(sc, path)) return sc.textFile(path);
    return sc.binaryFiles(path).flatMap(f -> {
      try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
          CompressedFiles.decompressing(f._2().open()), java.nio.charset.StandardCharsets.UTF_8))) {
        List<String> out = new ArrayList<>();
        for (String line = r.readLine(); line != null; line = r.readLine()) out.add(line);
        return out.iterator();
      }
    });
  }

  private static boolean gzipWithoutSuffix(JavaSparkContext sc, String path) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
      org.apache.hadoop.fs.FileSystem fs = p.getFileSystem(sc.hadoopConfiguration());
      org.apache.hadoop.fs.FileStatus[] found = fs.globStatus(p);
      if (found == null) return false;
      List<org.apache.hadoop.fs.FileStatus> files = new ArrayList<>();
      for (org.apache.hadoop.fs.FileStatus st : found) {
        if (st.isDirectory()) files.addAll(List.of(fs.listStatus(st.getPath())));
        else files.add(st);
      }
      for (org.apache.hadoop.fs.FileStatus st : files) {
        String name = st.getPath().getName().toLowerCase(java.util.Locale.ROOT);
        if (!st.isFile() || st.getLen() < 2 || name.endsWith(".gz")) continue;
        byte[] head = new byte[2];
        try (java.io.InputStream in = fs.open(st.getPath())) {
          if (in.readNBytes(head, 0, 2) == 2 && CompressedFiles.isGzip(head)) return true;
        }
      }
      return false;
    } catch (java.io.IOException e) {
      return false; // Spark's own read reports the problem
    }
  }

  /** Surfaces a DataFormatException thrown inside a task as itself, not as a task failure. */
  public static RuntimeException unwrap(Exception e) {
    return unwrap(e, null);
  }

  /**
   * As {@link #unwrap(Exception)}; with {@code source} given, a compressed file that ends early or
   * does not inflate is reported as in-process ({@link CompressedFiles#damaged}), not as a task failure.
   */
  public static RuntimeException unwrap(Exception e, String source) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DataFormatException dfe) return dfe;
    }
    if (source != null) {
      DataFormatException damaged = CompressedFiles.damaged(source, e);
      if (damaged != null) return damaged;
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
