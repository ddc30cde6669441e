package org.stochopt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stochopt.datasets.Dataset;
import org.stochopt.datasets.FashionMnist;
import org.stochopt.datasets.io.LabelPolicy;
import org.stochopt.datasets.io.LibsvmWriter;
import org.stochopt.spark.job.DataLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stochopt export}: writes the exact rows stochopt trains on, for peers such as LIBLINEAR. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write a data set (and its test split, if any) as LIBSVM files (DIR/train.libsvm, DIR/test.libsvm)",
        "or as Parquet tables of (label DOUBLE, features VECTOR) (DIR/train.parquet, DIR/test.parquet), which parquet:PATH reads back row for row."})
public final class ExportCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "fmnist:AvB, fmnist:all, synthetic:..., or a path")
  String data;

  @Option(names = "--test-data", description = "held-out data (default: the test split of fmnist:)")
  String testData;

  @Option(names = "--format", defaultValue = "libsvm", description = "output format: libsvm (default) or parquet")
  String format;

  @Option(names = "--out", required = true, description = "output folder (for parquet also a Hadoop URI: hdfs:, s3a:)")
  String out;

  @Option(names = "--master", description = "Spark master that writes parquet (default local[2]); generated data (synthetic:, sparse:, lownoise:) is generated on its executors")
  String master;

  @Option(names = "--partitions", defaultValue = "4", description = "partitions generated data is made in (parquet; the file keeps the row order)")
  int partitions;

  @picocli.CommandLine.Mixin SqlColumnOptions sqlColumns;

  @Option(names = "--real-labels", description = "keep real-valued labels (regression data)")
  boolean realLabels;

  @Option(names = "--class-labels", description = "keep class labels 0..K−1 (multi-class data; implied by fmnist:all)")
  boolean classLabels;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("libsvm") && !format.equals("parquet")) {
      throw new IllegalArgumentException("unknown --format '" + format + "' (libsvm or parquet)");
    }
    if (master != null && !format.equals("parquet")) throw new IllegalArgumentException("--master applies only to --format parquet");
    if (realLabels && classLabels) throw new IllegalArgumentException("give --real-labels or --class-labels, not both");
    String data = sqlColumns.apply(this.data);
    String testData = sqlColumns.applyToTest(this.testData);
    LabelPolicy policy = realLabels ? LabelPolicy.REAL
        : classLabels || FashionMnist.isAllClasses(data) ? LabelPolicy.MULTICLASS : LabelPolicy.BINARY;
    if (format.equals("parquet")) {
      org.stochopt.spark.sql.ParquetExportJob.run(data, testData, policy, out, master == null ? "local[2]" : master, partitions);
      return 0;
    }
    Path out = Path.of(this.out);
    Files.createDirectories(out);
    Dataset train = DataLoader.load(data, policy, null, false);
    LibsvmWriter.write(train.block(), out.resolve("train.libsvm"));
    System.err.printf("wrote %s (%d rows, %d features)%n", out.resolve("train.libsvm"), train.rows(), train.dim());
    String testSpec = testData != null ? testData : DataLoader.defaultTestSpec(data);
    if (testSpec != null) {
      Dataset test = DataLoader.load(testSpec, policy, train.dim(), true);
      LibsvmWriter.write(test.block(), out.resolve("test.libsvm"));
      System.err.printf("wrote %s (%d rows)%n", out.resolve("test.libsvm"), test.rows());
    }
    return 0;
  }
}
