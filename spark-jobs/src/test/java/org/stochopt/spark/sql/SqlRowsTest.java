package org.stochopt.spark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.oracle.DataSummary;
import org.stochopt.datasets.io.LabelPolicy;
import org.stochopt.datasets.io.LibsvmOptions;
import org.stochopt.datasets.io.LibsvmWriter;
import org.stochopt.datasets.synth.LogisticTeacher;
import org.stochopt.spark.SparkSessions;
import org.stochopt.spark.data.LibsvmRdd;
import org.stochopt.spark.data.PartitionedData;
import org.apache.spark.api.java.JavaSparkContext;

/** Spark SQL sources become exactly the LIBSVM reader's blocks; bad columns and rows get one line naming the first bad row. */
class SqlRowsTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSessions.create("local[2]", "sql-rows-test");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static PartitionedData read(String spec, int partitions) {
    return SqlRows.read(spark, SqlSource.parse(spec), partitions, LabelPolicy.BINARY);
  }

  @Test
  void parquetExportReadsBackAsTheLibsvmBlocks(@TempDir Path dir) throws Exception {
    LogisticTeacher t = new LogisticTeacher(700, 12, 0.3, 5, 3);
    Path svm = dir.resolve("d.svm");
    LibsvmWriter.write(t.generate(0, t.n()), svm);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    try (PartitionedData fromSvm = LibsvmRdd.read(sc, svm.toString(), 3, LibsvmOptions.defaults())) {
      ParquetExport.write(spark, fromSvm.blocks(), dir.resolve("t.parquet").toString());
      try (PartitionedData fromPq = read("parquet:" + dir.resolve("t.parquet"), 3)) {
        assertArrayEquals(fromSvm.partitionSizes(), fromPq.partitionSizes());
        List<RowBlock> a = fromSvm.collect(), b = fromPq.collect();
        for (int p = 0; p < 3; p++) {
          assertEquals(a.get(p).firstRow(), b.get(p).firstRow());
          assertEquals(DataSummary.of(a.get(p)).fingerprint(), DataSummary.of(b.get(p)).fingerprint());
        }
      }
    }
  }

  @Test
  void csvNumericColumnsAreAssembledAndZeroOneLabelsMapped(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("d.csv");
    Files.writeString(csv, "a,y,b\n1.5,1,0\n0,0,2\n3,1,4\n");
    try (PartitionedData d = read("csv:" + csv + "?label=y&cols=b,a", 2)) {
      assertEquals(2, d.dimension());
      RowBlock all = d.collect().get(0);
      double[] w = {1, 10}; // b·1 + a·10
      assertEquals(15.0, all.dot(0, w), 0);
      assertArrayEquals(new double[] {1, -1}, new double[] {all.label(0), d.collect().get(1).label(0)});
    }
  }

  @Test
  void missingColumnWrongTypeAndBadRowsAreOneLine(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("d.csv");
    Files.writeString(csv, "y,a,b,s\n1,1,2,x\n-1,2,,x\n1,3,NaN,x\n2,1,1,x\n");
    String spec = "csv:" + csv;
    String m1 = assertThrows(IllegalArgumentException.class, () -> read(spec + "?label=z", 2)).getMessage();
    assertTrue(m1.contains("label column 'z' not found (columns: y, a, b, s)"), m1);
    String m2 = assertThrows(IllegalArgumentException.class, () -> read(spec + "?label=y&cols=a,s", 2)).getMessage();
    assertTrue(m2.contains("feature column 's' has type string, not a number"), m2);
    // Rows 2 (null), 3 (NaN) and 4 (label 2) are bad: the first is named, whichever task saw which.
    String m3 = assertThrows(IllegalArgumentException.class, () -> read(spec + "?label=y&cols=a,b", 3)).getMessage();
    assertTrue(m3.endsWith("row 2: null in feature column 'b'"), m3);
    assertTrue(!m3.contains("\n"));
    String m4 = assertThrows(IllegalArgumentException.class, () -> read(spec + "?label=y&cols=a", 3)).getMessage();
    assertTrue(m4.contains("row 4: unexpected label 2"), m4);
    assertThrows(IllegalArgumentException.class, () -> SqlSource.parse("parquet:/x?colz=a"));
    String m5 = assertThrows(IllegalArgumentException.class, () -> read("parquet:" + dir.resolve("nothing"), 2)).getMessage();
    assertTrue(m5.startsWith("parquet:" + dir.resolve("nothing") + ": "), m5);
  }
}
