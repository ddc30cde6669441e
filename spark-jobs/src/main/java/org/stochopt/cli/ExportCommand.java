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
    description = "Write a data set (and its test split, if any) as LIBSVM files: DIR/train.libsvm, DIR/test.libsvm.")
public final class ExportCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "fmnist:AvB, fmnist:all, synthetic:..., or a path")
  String data;

  @Option(names = "--test-data", description = "held-out data (default: the test split of fmnist:)")
  String testData;

  @Option(names = "--format", defaultValue = "libsvm", description = "output format: libsvm (default)")
  String format;

  @Option(names = "--out", required = true, description = "output folder")
  Path out;

  @Option(names = "--real-labels", description = "keep real-valued labels (regression data)")
  boolean realLabels;

  @Option(names = "--class-labels", description = "keep class labels 0..K−1 (multi-class data; implied by fmnist:all)")
  boolean classLabels;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("libsvm")) {
      throw new IllegalArgumentException("unknown --format '" + format + "' (only libsvm is supported)");
    }
    if (realLabels && classLabels) throw new IllegalArgumentException("give --real-labels or --class-labels, not both");
    LabelPolicy policy = realLabels ? LabelPolicy.REAL
        : classLabels || FashionMnist.isAllClasses(data) ? LabelPolicy.MULTICLASS : LabelPolicy.BINARY;
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
