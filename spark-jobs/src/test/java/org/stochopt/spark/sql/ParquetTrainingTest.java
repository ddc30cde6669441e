package org.stochopt.spark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.cli.StochoptMain;
import org.stochopt.spark.report.RunWriter;

/**
 * Fashion-MNIST 7 vs 9 exported by {@code stochopt export} both as LIBSVM and as Parquet, trained
 * from each on local[2]: the Parquet table read on the executors gives the same rows in the same
 * partitions, so the same model to 1e-9 (in fact bit for bit: the same arithmetic on the same blocks).
 */
class ParquetTrainingTest {
  private static final String[] TRAIN = {"--master", "local[2]", "--partitions", "4", "--method", "svrg", "--batch-size", "64",
      "--max-rounds", "60", "--max-passes", "0", "--no-reference", "--eval-every", "1"};

  private static int run(StringWriter err, String... args) {
    return StochoptMain.execute(new PrintWriter(err, true), args);
  }

  private static String[] train(String data, Path out) {
    String[] args = new String[TRAIN.length + 5];
    args[0] = "train";
    args[1] = "--data";
    args[2] = data;
    args[3] = "--out";
    args[4] = out.toString();
    System.arraycopy(TRAIN, 0, args, 5, TRAIN.length);
    return args;
  }

  @Test
  void parquetExportTrainsTheSameModelAsTheLibsvmExport(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    assertEquals(0, run(err, "export", "--data", "fmnist:7v9", "--out", dir.resolve("svm").toString()), err.toString());
    assertEquals(0, run(err, "export", "--data", "fmnist:7v9", "--format", "parquet", "--out", dir.resolve("pq").toString()),
        err.toString());
    assertEquals(0, run(err, train(dir.resolve("svm/train.libsvm").toString(), dir.resolve("from-svm"))), err.toString());
    assertEquals(0, run(err, train("parquet:" + dir.resolve("pq/train.parquet"), dir.resolve("from-pq"))), err.toString());
    double[] a = RunWriter.readWeights(dir.resolve("from-svm/weights.csv"));
    double[] b = RunWriter.readWeights(dir.resolve("from-pq/weights.csv"));
    // The LIBSVM reader infers d from the largest index present; the table's vectors carry d = 784.
    int common = Math.min(a.length, b.length);
    for (int j = common; j < b.length; j++) assertEquals(0.0, b[j], "weight of a feature the LIBSVM file never shows");
    double maxDiff = 0;
    for (int j = 0; j < common; j++) maxDiff = Math.max(maxDiff, Math.abs(a[j] - b[j]));
    System.out.printf("fmnist:7v9 parquet vs libsvm on local[2]: d=%d vs %d, max |Δw| = %.3g%n", b.length, a.length, maxDiff);
    assertEquals(0.0, maxDiff, 1e-9, err.toString());
  }
}
