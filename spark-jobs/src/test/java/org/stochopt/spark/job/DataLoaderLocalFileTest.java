package org.stochopt.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.datasets.Dataset;
import org.stochopt.datasets.io.LabelPolicy;

/** Local paths are read with java.nio, every other scheme through Hadoop; both read the same rows. */
class DataLoaderLocalFileTest {
  @TempDir Path dir;

  @Test
  void onlyPathsWithoutASchemeOrWithFileAreLocal() {
    assertEquals(Path.of("/data/a.libsvm"), DataLoader.localFile("/data/a.libsvm"));
    assertEquals(Path.of("out/a b.libsvm"), DataLoader.localFile("out/a b.libsvm"));
    assertEquals(Path.of("/data/a.libsvm"), DataLoader.localFile("file:/data/a.libsvm"));
    assertNull(DataLoader.localFile("hdfs://nn:8020/data/a.libsvm"));
    assertNull(DataLoader.localFile("s3a://bucket/a b.libsvm"));
  }

  @Test
  void aLocalFileAndItsFileUriAndItsGzipGiveTheSameRows() throws Exception {
    String text = "+1 1:0.5 3:2\n-1 2:1.5\n+1 1:-1 2:0.25 3:4\n";
    Path plain = Files.writeString(dir.resolve("t.libsvm"), text);
    Path gz = dir.resolve("t.libsvm.gz");
    try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Dataset a = DataLoader.load(plain.toString(), LabelPolicy.BINARY, null, false);
    Dataset b = DataLoader.load(plain.toUri().toString(), LabelPolicy.BINARY, null, false);
    Dataset c = DataLoader.load(gz.toString(), LabelPolicy.BINARY, null, false);
    assertEquals(3, a.block().rows());
    assertEquals(3, a.dim());
    for (Dataset other : new Dataset[] {b, c}) {
      assertEquals(a.block().rows(), other.block().rows());
      for (int i = 0; i < 3; i++) {
        assertEquals(a.block().label(i), other.block().label(i));
        assertEquals(a.block().dot(i, new double[] {1, 10, 100}), other.block().dot(i, new double[] {1, 10, 100}));
      }
    }
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> DataLoader.load(dir.resolve("nope.libsvm").toString(), LabelPolicy.BINARY, null, false));
    assertTrue(missing.getMessage().startsWith("data file not found: "), missing.getMessage());
  }
}
