package org.stochopt.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.datasets.FashionMnist.Split;

/**
 * Checks against the real files from the Debian package {@code dataset-fashion-mnist}. Skipped
 * (not failed) only when the directory is absent, so a machine without the package can still run
 * the build; a directory that exists but holds broken files fails.
 */
class FashionMnistRealDataTest {
  private static Path dir;

  @BeforeAll
  static void requireData() {
    dir = FashionMnist.defaultDirectory();
    Assumptions.assumeTrue(Files.isDirectory(dir), "Fashion-MNIST not installed at " + dir);
  }

  @Test
  void sneakersVersusAnkleBootsTrain() throws IOException {
    Dataset ds = FashionMnist.pair(dir, 7, 9, Split.TRAIN);
    assertEquals(12000, ds.rows());
    assertEquals(784, ds.dim());
    int positives = 0;
    int negatives = 0;
    for (double y : ds.block().labelsView()) {
      if (y == 1.0) positives++;
      else if (y == -1.0) negatives++;
    }
    assertEquals(6000, positives);
    assertEquals(6000, negatives);
    double[] max = {0.0};
    double[] min = {Double.POSITIVE_INFINITY};
    RowBlock b = ds.block();
    for (int r = 0; r < b.rows(); r++) {
      b.forEachEntry(r, (j, v) -> {
        max[0] = Math.max(max[0], v);
        min[0] = Math.min(min[0], v);
      });
    }
    assertTrue(max[0] <= 1.0, "max pixel " + max[0]);
    assertTrue(max[0] > 0.99, "some pixel should be (nearly) white, max " + max[0]);
    assertTrue(min[0] >= 0.0, "min pixel " + min[0]);
  }

  @Test
  void testSplitHas2000Rows() throws IOException {
    Dataset ds = FashionMnist.pair(dir, 7, 9, Split.TEST);
    assertEquals(2000, ds.rows());
    assertEquals(784, ds.dim());
    assertEquals("fmnist:7v9/test", ds.name());
  }
}
