package org.stochopt.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stochopt.datasets.IdxFiles.gzip;
import static org.stochopt.datasets.IdxFiles.images;
import static org.stochopt.datasets.IdxFiles.labels;
import static org.stochopt.datasets.IdxFiles.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.datasets.FashionMnist.Split;
import org.stochopt.datasets.io.DataFormatException;
import org.stochopt.datasets.io.LabelPolicy;

/** {@code fmnist:all}: the ten classes with their class labels, and the multi-class label policy. */
class FashionMnistAllClassesTest {
  @TempDir Path dir;

  @Test
  void readsEveryExampleWithItsClassLabel() throws IOException {
    byte[] pixels = new byte[5 * 784];
    for (int i = 0; i < 5; i++) pixels[i * 784 + i] = (byte) (51 * (i + 1));
    write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images(5, 28, 28, pixels)));
    write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(new byte[] {7, 0, 9, 3, 7})));
    Dataset ds = FashionMnist.allClasses(dir, Split.TRAIN);
    assertEquals("fmnist:all/train", ds.name());
    assertEquals(5, ds.rows());
    assertEquals(784, ds.dim());
    assertArrayEquals(new double[] {7, 0, 9, 3, 7}, ds.block().labelsView());
    assertEquals(List.of("4:" + Double.doubleToRawLongBits(1.0)), TestBlocks.entries(ds.block(), 4));
  }

  @Test
  void allIsASpecAndBadSpecsNameIt() {
    assertTrue(FashionMnist.isAllClasses("fmnist:all"));
    assertTrue(FashionMnist.isAllClasses(" FMNIST:ALL "));
    assertFalse(FashionMnist.isAllClasses("fmnist:7v9"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.parseSpec("fmnist:al"));
    assertTrue(e.getMessage().contains("'fmnist:al'") && e.getMessage().contains("fmnist:all"), e.getMessage());
  }

  @Test
  void multiclassPolicyKeepsClassIndicesAndRefusesTheRest() {
    assertEquals(0.0, LabelPolicy.MULTICLASS.map(0, "f", 1));
    assertEquals(9.0, LabelPolicy.MULTICLASS.map(9, "f", 1));
    for (double bad : new double[] {-1, 0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      DataFormatException e = assertThrows(DataFormatException.class, () -> LabelPolicy.MULTICLASS.map(bad, "f", 4));
      assertTrue(e.getMessage().startsWith("f:4: label "), e.getMessage());
      assertTrue(e.getMessage().contains("not a class index"), e.getMessage());
    }
    DataFormatException e = assertThrows(DataFormatException.class, () -> LabelPolicy.BINARY.map(4, "f", 2));
    assertTrue(e.getMessage().contains("--loss multinomial"), e.getMessage());
  }
}
