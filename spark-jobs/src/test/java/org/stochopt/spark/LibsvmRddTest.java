package org.stochopt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.oracle.DataSummary;
import org.stochopt.datasets.Dataset;
import org.stochopt.datasets.io.LibsvmOptions;
import org.stochopt.datasets.io.LibsvmReader;
import org.stochopt.datasets.io.LibsvmWriter;
import org.stochopt.datasets.synth.LogisticTeacher;
import org.stochopt.spark.data.LibsvmRdd;
import org.stochopt.spark.data.PartitionedData;

/** LIBSVM files read through Hadoop on executors give exactly the rows the single-JVM reader gives. */
class LibsvmRddTest {
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = SparkTestSession.start();
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  @Test
  void distributedReadMatchesTheLocalReader(@TempDir Path dir) throws Exception {
    LogisticTeacher t = new LogisticTeacher(500, 30, 0.2, 5, 2);
    Path file = dir.resolve("data.svm");
    LibsvmWriter.write(t.generate(0, 500), file);
    Dataset local = LibsvmReader.read(file, LibsvmOptions.defaults());
    PartitionedData spark = LibsvmRdd.read(sc, file.toUri().toString(), 3, LibsvmOptions.defaults());
    assertEquals(local.dim(), spark.dimension());
    List<RowBlock> expected = PartitionedData.layout(local.block(), 3);
    List<RowBlock> actual = spark.collect();
    for (int p = 0; p < 3; p++) {
      assertEquals(expected.get(p).rows(), actual.get(p).rows());
      assertEquals(DataSummary.of(expected.get(p)).fingerprint(), DataSummary.of(actual.get(p)).fingerprint());
    }
    spark.close();
  }

  /** A gzip file without ".gz": Hadoop picks codecs by name, so this used to fail with a garbage-label message. */
  @Test
  void gzipWithoutItsSuffixIsReadByItsBytesAsInProcess(@TempDir Path dir) throws Exception {
    LogisticTeacher t = new LogisticTeacher(300, 12, 0.3, 5, 7);
    Path gz = dir.resolve("data.svm.gz");
    LibsvmWriter.write(t.generate(0, 300), gz);
    Path renamed = Files.move(gz, dir.resolve("data-without-suffix.svm"));
    Dataset local = LibsvmReader.read(renamed, LibsvmOptions.defaults());
    PartitionedData spark = LibsvmRdd.read(sc, renamed.toUri().toString(), 3, LibsvmOptions.defaults());
    List<RowBlock> expected = PartitionedData.layout(local.block(), 3);
    List<RowBlock> actual = spark.collect();
    for (int p = 0; p < 3; p++) {
      assertEquals(DataSummary.of(expected.get(p)).fingerprint(), DataSummary.of(actual.get(p)).fingerprint());
    }
    spark.close();
  }

  /** A truncated .gz gave a 157-line stack trace on Spark; now the in-process message, one line. */
  @Test
  void aTruncatedArchiveIsOneLineAsInProcess(@TempDir Path dir) throws Exception {
    LogisticTeacher t = new LogisticTeacher(2000, 12, 0.3, 5, 7);
    Path gz = dir.resolve("cut.svm.gz");
    LibsvmWriter.write(t.generate(0, 2000), gz);
    byte[] all = Files.readAllBytes(gz);
    Files.write(gz, java.util.Arrays.copyOf(all, all.length / 2));
    for (Path p : List.of(gz, Files.write(dir.resolve("cut-without-suffix"), java.util.Arrays.copyOf(all, all.length / 2)))) {
      RuntimeException e = assertThrows(RuntimeException.class,
          () -> LibsvmRdd.read(sc, p.toString(), 2, LibsvmOptions.defaults()));
      assertTrue(e instanceof IllegalArgumentException, e.toString());
      assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("truncated or corrupt compressed file"),
          e.getMessage());
      assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }
  }

  @Test
  void zeroOneLabelsAreMappedToPlusMinusOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("zo.svm");
    Files.writeString(file, "1 1:0.5\n0 2:1\n1 1:1 2:2\n");
    PartitionedData spark = LibsvmRdd.read(sc, file.toString(), 2, LibsvmOptions.defaults());
    double[] labels = spark.collect().stream().flatMapToDouble(b -> java.util.Arrays.stream(b.labelsView())).toArray();
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, -1, 1}, labels);
    spark.close();
  }

  @Test
  void malformedLineIsReportedWithFileAndLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.svm");
    Files.writeString(file, "1 1:0.5 3:1\n-1 2:1\n1 4:1 2:2\n-1 1:1\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LibsvmRdd.read(sc, file.toString(), 2, LibsvmOptions.defaults()));
    assertTrue(e.getMessage().startsWith(file + ":3:"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line only: " + e.getMessage());
  }

  @Test
  void mixedLabelConventionsAreRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mixed.svm");
    Files.writeString(file, "1 1:0.5\n-1 2:1\n0 1:1\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LibsvmRdd.read(sc, file.toString(), 2, LibsvmOptions.defaults()));
    assertTrue(e.getMessage().startsWith(file + ":3:"), e.getMessage());
  }
}
