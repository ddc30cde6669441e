package org.stochopt.datasets.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.RowBlock;

class SparseTextDataTest {
  private static final SparseTextData DATA = SparseTextData.parse("sparse:n=20000,d=2000,nnz=10,alpha=1.1,seed=3");

  @Test
  void rowsAreUnitNormSortedAndIndependentOfThePartitioning() {
    RowBlock all = DATA.generate(0, DATA.n());
    RowBlock tail = DATA.generate(7321, DATA.n());
    for (int r = 0; r < all.rows(); r++) {
      assertEquals(1.0, all.squaredNorm(r), 1e-12, "row " + r);
      int[] last = {-1};
      all.forEachEntry(r, (j, v) -> {
        assertTrue(j > last[0] && v > 0, "indices increasing, values positive");
        last[0] = j;
      });
    }
    for (int r = 7321; r < all.rows(); r += 97) {
      assertEquals(all.label(r), tail.label(r - 7321));
      double[] a = new double[DATA.d()];
      double[] b = new double[DATA.d()];
      all.axpy(r, 1.0, a);
      tail.axpy(r - 7321, 1.0, b);
      assertArrayEquals(a, b, 0.0, "row " + r + " depends on the range it was generated in");
    }
    assertEquals(all.firstRow(), 0);
    assertEquals(7321, tail.firstRow());
  }

  @Test
  void featureFrequenciesFollowThePowerLawAndLabelsCarrySignal() {
    RowBlock all = DATA.generate(0, DATA.n());
    long[] count = new long[DATA.d()];
    for (int r = 0; r < all.rows(); r++) all.forEachEntry(r, (j, v) -> count[j]++);
    double mean = all.storedEntries() / (double) all.rows();
    assertEquals(10.0, mean, 0.3, "mean nonzeros per row");
    // Slope of log frequency against log rank over ranks 10..200, where de-duplication within a
    // row barely matters: −alpha up to sampling noise.
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int m = 0;
    for (int j = 9; j < 200; j++) {
      double x = Math.log(j + 1);
      double y = Math.log(count[j]);
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
      m++;
    }
    double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
    assertEquals(-1.1, slope, 0.12, "log-log slope of feature frequency vs rank");
    int positives = 0;
    double[] w = DATA.teacher();
    int agree = 0;
    for (int r = 0; r < all.rows(); r++) {
      if (all.label(r) > 0) positives++;
      if (Math.signum(all.dot(r, w)) == all.label(r)) agree++;
    }
    assertTrue(positives > 0.3 * all.rows() && positives < 0.7 * all.rows(), "positives " + positives);
    assertTrue(agree > 0.65 * all.rows(), "the teacher should label most rows by its sign: " + agree);
  }

  @Test
  void specsAreValidatedWithTheKeyNamed() {
    assertEquals(DATA, SparseTextData.parse(DATA.toSpec()));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SparseTextData.parse("sparse:n=10,k=3")).getMessage()
        .contains("unknown key 'k'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SparseTextData.parse("sparse:d=100,nnz=40")).getMessage()
        .contains("nnz"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SparseTextData.parse("sparse:alpha=x")).getMessage()
        .contains("'alpha' must be a number"));
  }
}
