package org.stochopt.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stochopt.datasets.IdxFiles.gzip;
import static org.stochopt.datasets.IdxFiles.images;
import static org.stochopt.datasets.IdxFiles.labels;
import static org.stochopt.datasets.IdxFiles.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.datasets.FashionMnist.ClassPair;
import org.stochopt.datasets.FashionMnist.Split;
import org.stochopt.datasets.io.DataFormatException;

class FashionMnistTest {
  @TempDir Path dir;

  // ---- specs and directories -------------------------------------------------------------

  @Test
  void parsesSpecs() {
    assertEquals(new ClassPair(7, 9), FashionMnist.parseSpec("fmnist:7v9"));
    assertEquals(new ClassPair(0, 6), FashionMnist.parseSpec(" fmnist:0v6 "));
    assertEquals("fmnist:3v1", FashionMnist.parseSpec("fmnist:3v1").spec());
  }

  @ParameterizedTest
  @ValueSource(strings = {"fmnist:7v7", "fmnist:7v10", "fmnist:-1v3", "fmnist:7-9", "fmnist:7v", "fmnist:v9",
      "fmnist:", "mnist:7v9", "fmnist:7v9v1", "fmnist:ava", "fmnist:99999999999v1", ""})
  void rejectsBadSpecs(String spec) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.parseSpec(spec));
    assertTrue(e.getMessage().contains("'" + spec + "'"), e.getMessage());
  }

  @Test
  void badSpecMessagesSayWhy() {
    assertEquals("bad Fashion-MNIST spec 'fmnist:7v7': the two classes must differ, got 7 twice",
        assertThrows(IllegalArgumentException.class, () -> FashionMnist.parseSpec("fmnist:7v7")).getMessage());
    assertEquals("bad Fashion-MNIST spec 'fmnist:7v10': Fashion-MNIST classes are 0..9, got 10",
        assertThrows(IllegalArgumentException.class, () -> FashionMnist.parseSpec("fmnist:7v10")).getMessage());
  }

  @Test
  void defaultDirectoryHonoursTheEnvironment() {
    assertEquals(Path.of("/data/fm"), FashionMnist.defaultDirectory(Map.of("STOCHOPT_FMNIST_DIR", "/data/fm")));
    assertEquals(FashionMnist.DEBIAN_DIRECTORY, FashionMnist.defaultDirectory(Map.of()));
    assertEquals(FashionMnist.DEBIAN_DIRECTORY, FashionMnist.defaultDirectory(Map.of("STOCHOPT_FMNIST_DIR", " ")));
  }

  @Test
  void missingDirectoryOrFileMentionsTheDebianPackage() throws IOException {
    Path nowhere = dir.resolve("nowhere");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FashionMnist.pair(nowhere, 7, 9, Split.TRAIN));
    assertTrue(e.getMessage().contains(nowhere.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());

    write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(new byte[] {1})));
    e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.pair(dir, 7, 9, Split.TEST));
    assertTrue(e.getMessage().startsWith("Fashion-MNIST file t10k-images-idx3-ubyte.gz (or t10k-images-idx3-ubyte) "
        + "not found in " + dir), e.getMessage());
    assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
  }

  // ---- small synthetic IDX files ---------------------------------------------------------

  /** Four 28×28 images with classes 7, 3, 9, 7; image i has pixel i set to 51·(i+1). */
  private void writeTinySplit(String prefix, boolean compressed) throws IOException {
    byte[] pixels = new byte[4 * 784];
    for (int i = 0; i < 4; i++) pixels[i * 784 + i] = (byte) (51 * (i + 1));
    pixels[2 * 784 + 783] = (byte) 255;
    byte[] img = images(4, 28, 28, pixels);
    byte[] lab = labels(new byte[] {7, 3, 9, 7});
    String suffix = compressed ? ".gz" : "";
    write(dir.resolve(prefix + "-images-idx3-ubyte" + suffix), compressed ? gzip(img) : img);
    write(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix), compressed ? gzip(lab) : lab);
  }

  @Test
  void selectsTwoClassesInFileOrderWithScaledPixels() throws IOException {
    writeTinySplit("train", true);
    Dataset ds = FashionMnist.pair(dir, 7, 9, Split.TRAIN);
    assertEquals("fmnist:7v9/train", ds.name());
    assertEquals(3, ds.rows());
    assertEquals(784, ds.dim());
    assertEquals(0, ds.block().firstRow());
    assertArrayEquals(new double[] {1, -1, 1}, ds.block().labelsView());
    RowBlock b = ds.block();
    assertEquals(List.of("0:" + Double.doubleToRawLongBits(51 / 255.0)), TestBlocks.entries(b, 0));
    assertEquals(List.of("2:" + Double.doubleToRawLongBits(153 / 255.0), "783:" + Double.doubleToRawLongBits(1.0)),
        TestBlocks.entries(b, 1));
    assertEquals(List.of("3:" + Double.doubleToRawLongBits(204 / 255.0)), TestBlocks.entries(b, 2));

    Dataset swapped = FashionMnist.pair(dir, 9, 7, Split.TRAIN);
    assertArrayEquals(new double[] {-1, 1, -1}, swapped.block().labelsView());
  }

  @Test
  void uncompressedFilesWorkToo() throws IOException {
    writeTinySplit("t10k", false);
    Dataset ds = FashionMnist.pair(dir, 3, 7, Split.TEST);
    assertEquals("fmnist:3v7/test", ds.name());
    assertArrayEquals(new double[] {-1, 1, -1}, ds.block().labelsView());
  }

  @Test
  void imageAndLabelCountsMustAgree() throws IOException {
    writeTinySplit("train", true);
    Path labelsFile = write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(new byte[] {7, 3, 9})));
    DataFormatException e = assertThrows(DataFormatException.class, () -> FashionMnist.pair(dir, 7, 9, Split.TRAIN));
    assertEquals(dir.resolve("train-images-idx3-ubyte.gz") + ": holds 4 images but " + labelsFile + " holds 3 labels",
        e.getMessage());
  }

  @Test
  void truncatedImageFileIsReportedWithItsName() throws IOException {
    writeTinySplit("train", false);
    Path images = dir.resolve("train-images-idx3-ubyte");
    byte[] bytes = Files.readAllBytes(images);
    write(images, Arrays.copyOf(bytes, 16 + 784 * 3 + 100));
    DataFormatException e = assertThrows(DataFormatException.class, () -> FashionMnist.pair(dir, 7, 9, Split.TRAIN));
    assertEquals(images + ": truncated: header promises 4 images of 28×28 (3136 bytes) but only 2452 follow",
        e.getMessage());
  }

  @Test
  void wrongImageSizeAndLabelRange() throws IOException {
    write(dir.resolve("train-images-idx3-ubyte"), images(1, 2, 2, new byte[4]));
    write(dir.resolve("train-labels-idx1-ubyte"), labels(new byte[] {1}));
    DataFormatException e = assertThrows(DataFormatException.class, () -> FashionMnist.pair(dir, 7, 9, Split.TRAIN));
    assertEquals(dir.resolve("train-images-idx3-ubyte") + ": expected 28×28 images, got 2×2", e.getMessage());

    write(dir.resolve("train-images-idx3-ubyte"), images(1, 28, 28, new byte[784]));
    write(dir.resolve("train-labels-idx1-ubyte"), labels(new byte[] {12}));
    e = assertThrows(DataFormatException.class, () -> FashionMnist.pair(dir, 7, 9, Split.TRAIN));
    assertEquals(dir.resolve("train-labels-idx1-ubyte") + ": label 12 of item 0 is outside 0..9", e.getMessage());
  }
}
