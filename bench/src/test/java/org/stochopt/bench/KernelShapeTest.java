package org.stochopt.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.linalg.RowBlock;

/** The byte and entry counts the report divides by must match the blocks the benchmarks build. */
class KernelShapeTest {

  /** Bytes of the arrays a block holds, counted independently of KernelShape's formula. */
  private static long arrayBytes(RowBlock block, boolean dense) {
    long labels = 8L * block.rows();
    if (dense) return 8L * block.storedEntries() + labels;
    long rowPtr = 4L * (block.rows() + 1);
    return 12L * block.storedEntries() + rowPtr + labels;
  }

  @Test
  void denseShapeCountsValuesAndLabels() {
    KernelShape s = KernelShape.parse("dense-30x7");
    RowBlock b = s.generate(1);
    assertTrue(b instanceof DenseRowBlock);
    assertEquals(30, b.rows());
    assertEquals(7, b.dim());
    assertEquals(b.storedEntries(), s.passEntries());
    assertEquals(arrayBytes(b, true), s.passBytes());
    assertEquals(8 * 7 + 8, s.bytesPerRow());
  }

  @Test
  void csrShapeCountsNonzerosIndicesRowPointersAndLabels() {
    KernelShape s = KernelShape.parse("csr-50x1000x5");
    RowBlock b = s.generate(2);
    assertTrue(b instanceof CsrRowBlock);
    assertEquals(50, b.rows());
    assertEquals(250, b.storedEntries());
    assertEquals(b.storedEntries(), s.passEntries());
    assertEquals(arrayBytes(b, false), s.passBytes());
    for (int r = 0; r < b.rows(); r++) {
      int[] count = new int[1];
      b.forEachEntry(r, (j, v) -> count[0]++);
      assertEquals(5, count[0], "row " + r);
    }
  }

  @Test
  void csrRowsAsFullAsTheDimensionStillGenerate() {
    RowBlock b = KernelShape.parse("csr-10x6x6").generate(4);
    for (int r = 0; r < b.rows(); r++) {
      StringBuilder cols = new StringBuilder();
      b.forEachEntry(r, (j, v) -> cols.append(j));
      assertEquals("012345", cols.toString(), "row " + r);
    }
  }

  @Test
  void generationIsSeeded() {
    KernelShape s = KernelShape.parse("csr-20x100x3");
    double[] w = s.weights(3, 1.0);
    assertEquals(s.generate(9).dot(7, w), s.generate(9).dot(7, w));
  }

  @Test
  void badShapesAreRejectedWithTheExpectedForm() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KernelShape.parse("csr-10x20"));
    assertTrue(e.getMessage().contains("csr-ROWSxDIMxNNZ"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> KernelShape.parse("dense-0x5"));
    assertThrows(IllegalArgumentException.class, () -> KernelShape.parse("csr-10x5x6"));
  }
}
