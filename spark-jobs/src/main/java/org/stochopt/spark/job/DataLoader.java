package org.stochopt.spark.job;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.datasets.Dataset;
import org.stochopt.datasets.FashionMnist;
import org.stochopt.datasets.io.CompressedFiles;
import org.stochopt.datasets.io.DataFormatException;
import org.stochopt.datasets.io.CsvOptions;
import org.stochopt.datasets.io.CsvReader;
import org.stochopt.datasets.io.LabelPolicy;
import org.stochopt.datasets.io.LibsvmOptions;
import org.stochopt.datasets.io.LibsvmReader;
import org.stochopt.datasets.synth.LogisticTeacher;
import org.stochopt.datasets.synth.LowNoiseData;

/**
 * Resolves a {@code --data} spec on the driver: {@code fmnist:AvB}, {@code fmnist:all} (class labels
 * 0..9, only with {@link LabelPolicy#MULTICLASS}), {@code synthetic:k=v,...},
 * a Spark SQL source ({@code parquet:}, {@code orc:}, {@code csv:}, {@code table:}: see
 * {@link org.stochopt.spark.sql.SqlSource}), or a path/URI of a LIBSVM file ({@code .csv} for CSV),
 * opened through Hadoop so {@code file:},
 * {@code hdfs:} and {@code s3a:} all work. Large synthetic and LIBSVM data on Spark do not come
 * through here: see {@link TrainingData}.
 */
public final class DataLoader {
  private DataLoader() {}

  public static boolean isFashionMnist(String spec) {
    return spec.toLowerCase(Locale.ROOT).startsWith("fmnist:");
  }

  public static boolean isSynthetic(String spec) {
    return spec.toLowerCase(Locale.ROOT).startsWith("synthetic:") || spec.equalsIgnoreCase("synthetic");
  }

  public static LogisticTeacher synthetic(String spec) {
    return LogisticTeacher.parse(spec);
  }

  /**
   * Checks a data spec without loading it, so that a bad {@code --test-data} or a batch size
   * larger than a generated data set is refused before minutes of loading and solving: generator
   * specs are parsed, files must exist. Returns the number of rows when the spec says it, else -1.
   *
   * @param flag the option that gave the spec, for messages
   */
  public static long checkBeforeLoading(String spec, String flag) {
    try {
      if (isFashionMnist(spec)) return -1;
      // Spark SQL sources are checked by Spark's reader when the rows are read on the executors.
      if (org.stochopt.spark.sql.SqlSource.isSpec(spec)) return -1;
      if (org.stochopt.datasets.synth.HashedTextData.isSpec(spec)) return org.stochopt.datasets.synth.HashedTextData.parse(spec).n();
      if (org.stochopt.datasets.synth.SparseTextData.isSpec(spec)) return org.stochopt.datasets.synth.SparseTextData.parse(spec).n();
      if (LowNoiseData.isSpec(spec)) return LowNoiseData.parse(spec).n();
      if (isSynthetic(spec)) return synthetic(spec).n();
      if (!exists(spec)) throw new IllegalArgumentException("data file not found: " + spec + " (" + flag + ")");
      return -1;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + spec + " (" + flag + "): " + e.getMessage(), e);
    }
  }

  /**
   * The local file a spec names when it has no scheme or {@code file:}, else null. Such files are read
   * with java.nio: setting up Hadoop's FileSystem costs ≈ 0.8 s of class loading and configuration,
   * more than parsing a 24 MB LIBSVM file, and buys nothing for a local path.
   */
  static java.nio.file.Path localFile(String spec) {
    try {
      java.net.URI uri = new java.net.URI(spec);
      if (uri.getScheme() == null) return java.nio.file.Path.of(spec);
      if (uri.getScheme().equals("file")) return java.nio.file.Path.of(uri);
      return null;
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      // Not a URI (a space or a bracket in a plain path): a scheme would have parsed, so it is local.
      return spec.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") ? null : java.nio.file.Path.of(spec);
    }
  }

  private static boolean exists(String spec) throws IOException {
    java.nio.file.Path local = localFile(spec);
    if (local != null) return java.nio.file.Files.exists(local);
    Path path = new Path(spec);
    return path.getFileSystem(new Configuration()).exists(path);
  }

  private static InputStream open(String spec) throws IOException {
    java.nio.file.Path local = localFile(spec);
    if (local != null) return new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(local), 1 << 16);
    Path path = new Path(spec);
    return path.getFileSystem(new Configuration()).open(path);
  }

  /** Loads the whole data set on the driver. {@code fixedDim} (nullable) pins the dimension. */
  public static Dataset load(String spec, LabelPolicy policy, Integer fixedDim, boolean testSplit) {
    try {
      if (FashionMnist.isAllClasses(spec) && policy != LabelPolicy.MULTICLASS) {
        throw new IllegalArgumentException(spec.strip() + " has ten classes (labels 0..9): use --loss multinomial or --loss"
            + " ovr-logistic, or a pair of classes such as fmnist:7v9 for a binary loss");
      }
      if (org.stochopt.spark.sql.SqlSource.isSpec(spec)) { // parquet:, orc:, csv:, table: (rows come to the driver here)
        return org.stochopt.spark.sql.SqlRows.loadOnDriver(spec, policy);
      }
      if (isFashionMnist(spec)) {
        return FashionMnist.load(spec, testSplit ? FashionMnist.Split.TEST : FashionMnist.Split.TRAIN);
      }
      if (org.stochopt.datasets.synth.SparseTextData.isSpec(spec)) {
        if (testSplit) throw new IllegalArgumentException("sparse: data has no test split; give --test-data");
        var g = org.stochopt.datasets.synth.SparseTextData.parse(spec);
        return new Dataset(g.toSpec(), g.generate(0, g.n()));
      }
      if (org.stochopt.datasets.synth.HashedTextData.isSpec(spec)) {
        if (testSplit) throw new IllegalArgumentException("hashtext: data has no test split; give --test-data");
        var g = org.stochopt.datasets.synth.HashedTextData.parse(spec);
        return new Dataset(g.toSpec(), g.generate(0, g.n()));
      }
      if (LowNoiseData.isSpec(spec)) {
        LowNoiseData g = LowNoiseData.parse(spec);
        // Test split: noise-free (Bayes) labels from an independent seed, so test error is the excess error.
        LowNoiseData data = testSplit ? lowNoiseTest(g) : g;
        return new Dataset(g.toSpec() + (testSplit ? "/test" : ""), data.generate(0, data.n()));
      }
      if (isSynthetic(spec)) {
        LogisticTeacher t = synthetic(spec);
        if (testSplit) {
          // Held-out rows of the same teacher: the rows that follow the n training rows.
          long m = syntheticTestRows(t);
          LogisticTeacher extended = new LogisticTeacher(t.n() + m, t.d(), t.density(), t.conditioning(), t.seed());
          return new Dataset(t.toSpec() + "/test", extended.generate(t.n(), t.n() + m).withFirstRow(0));
        }
        return new Dataset(t.toSpec(), t.generate(0, t.n()));
      }
      if (!exists(spec)) throw new IllegalArgumentException("data file not found: " + spec);
      java.nio.file.Path local = localFile(spec);
      if (local != null && !spec.toLowerCase(Locale.ROOT).endsWith(".csv")) {
        return LibsvmReader.read(local, spec, new LibsvmOptions(fixedDim, policy)); // in parts on the free cores
      }
      try (InputStream in = CompressedFiles.decompressing(open(spec))) {
        if (spec.toLowerCase(Locale.ROOT).endsWith(".csv")) {
          return CsvReader.read(in, spec, CsvOptions.defaults().withLabelPolicy(policy));
        }
        return LibsvmReader.read(in, spec, new LibsvmOptions(fixedDim, policy));
      }
    } catch (IOException e) {
      DataFormatException damaged = CompressedFiles.damaged(spec, e);
      if (damaged != null) throw damaged;
      throw new IllegalArgumentException("cannot read " + spec + ": " + e.getMessage(), e);
    }
  }

  /**
   * The default held-out set for a training spec: Fashion-MNIST's test split, or for synthetic
   * data {@link #syntheticTestRows} fresh rows of the same teacher. None for files.
   */
  public static String defaultTestSpec(String trainSpec) {
    return isFashionMnist(trainSpec) || isSynthetic(trainSpec) || LowNoiseData.isSpec(trainSpec) ? trainSpec : null;
  }

  /** The held-out set of a low-noise spec: min(n/4, 20000) noise-free rows drawn with seed child(seed, 1). */
  public static LowNoiseData lowNoiseTest(LowNoiseData g) {
    return new LowNoiseData(Math.max(1, Math.min(g.n() / 4, 20_000)), g.d(), g.margin(), 0.0,
        org.stochopt.core.rng.Seeds.child(g.seed(), 1));
  }

  /** Size of a synthetic test split: a quarter of n, at most 20000 rows. */
  public static long syntheticTestRows(LogisticTeacher t) {
    return Math.max(1, Math.min(t.n() / 4, 20_000));
  }

  /** Rows [from, to) of a synthetic set, as partitions of the standard layout. */
  public static List<RowBlock> syntheticPartitions(LogisticTeacher t, int partitions) {
    // Rows are pure functions of (seed, row): partitions are generated in parallel, in order.
    return java.util.stream.IntStream.range(0, partitions).parallel()
        .mapToObj(p -> t.generate(
            org.stochopt.spark.data.PartitionedData.partitionStart(t.n(), partitions, p),
            org.stochopt.spark.data.PartitionedData.partitionStart(t.n(), partitions, p + 1)))
        .toList();
  }
}
