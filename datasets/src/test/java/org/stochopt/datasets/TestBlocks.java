package org.stochopt.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.stochopt.core.linalg.RowBlock;

/** Exact (bitwise) comparison of row blocks, which have no {@code equals} of their own. */
public final class TestBlocks {
  private TestBlocks() {}

  /** Same layout class, dimension, first row id and rows. */
  public static void assertSameBlock(RowBlock expected, RowBlock actual) {
    assertEquals(expected.getClass(), actual.getClass(), "layout");
    assertEquals(expected.firstRow(), actual.firstRow(), "first row id");
    assertSameRows(expected, 0, actual, 0, expected.rows());
    assertEquals(expected.rows(), actual.rows(), "rows");
  }

  /** Rows {@code [e0, e0+count)} of expected equal rows {@code [a0, a0+count)} of actual, bit for bit. */
  public static void assertSameRows(RowBlock expected, int e0, RowBlock actual, int a0, int count) {
    assertEquals(expected.dim(), actual.dim(), "dimension");
    for (int k = 0; k < count; k++) {
      assertEquals(
          Double.doubleToRawLongBits(expected.label(e0 + k)),
          Double.doubleToRawLongBits(actual.label(a0 + k)),
          "label of row " + (e0 + k));
      assertEquals(entries(expected, e0 + k), entries(actual, a0 + k), "entries of row " + (e0 + k));
    }
  }

  /** Nonzero entries of a row as "index:rawbits" strings (so -0.0 and NaN payloads would differ). */
  public static List<String> entries(RowBlock block, int row) {
    List<String> out = new ArrayList<>();
    block.forEachEntry(
        row,
        (j, v) -> {
          if (v != 0.0) out.add(j + ":" + Double.doubleToRawLongBits(v));
        });
    return out;
  }
}
