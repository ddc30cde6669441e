package org.stochopt.core.resfgb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.linalg.RowBlock;

/** The generated deep-vs-kernel target: labels follow the formula, draws nest, streams differ. */
class AnisotropicTargetTest {
  @Test
  void labelsFollowTheDecisionAndDrawsNest() {
    AnisotropicTarget t = new AnisotropicTarget(4, 1, 7);
    List<RowBlock> small = t.rows(50, 0, 1);
    List<RowBlock> big = t.rows(200, 0, 3);
    DenseRowBlock s = (DenseRowBlock) small.get(0);
    DenseRowBlock b = (DenseRowBlock) big.get(0);
    assertArrayEquals(s.values(), java.util.Arrays.copyOf(b.values(), 50 * 4), 0.0);
    int ones = 0;
    for (int r = 0; r < 50; r++) {
      double[] x = java.util.Arrays.copyOfRange(s.values(), r * 4, r * 4 + 4);
      // f written out for d = 4, one rough coordinate
      double f = Math.signum(Math.sin(3 * Math.PI * x[0])) + 2 * Math.tanh((x[1] + x[2] + x[3]) / Math.sqrt(3));
      assertEquals(f > 0 ? 1.0 : 0.0, s.label(r), 0.0);
      ones += (int) s.label(r);
    }
    assertTrue(ones > 5 && ones < 45, "both classes expected, got " + ones + " of 50");
    DenseRowBlock test = (DenseRowBlock) t.rows(50, 1, 1).get(0);
    assertTrue(test.values()[0] != s.values()[0], "the test stream must differ from the training stream");
    assertThrows(IllegalArgumentException.class, () -> new AnisotropicTarget(3, 3, 1));
  }

  @Test
  void aRangeOfRowsIsThatSliceOfTheDrawWithItsRowIds() {
    AnisotropicTarget t = new AnisotropicTarget(5, 2, 3);
    DenseRowBlock all = (DenseRowBlock) t.rows(100, 0, 1).get(0);
    List<RowBlock> tail = t.rows(80, 100, 0, 3);
    int at = 80;
    for (RowBlock b : tail) {
      assertEquals(at, b.firstRow());
      DenseRowBlock d = (DenseRowBlock) b;
      assertArrayEquals(java.util.Arrays.copyOfRange(all.values(), at * 5, (at + d.rows()) * 5), d.values(), 0.0);
      for (int r = 0; r < d.rows(); r++) assertEquals(all.label(at + r), d.label(r), 0.0);
      at += d.rows();
    }
    assertEquals(100, at);
    assertThrows(IllegalArgumentException.class, () -> t.rows(10, 10, 0, 1));
  }
}
