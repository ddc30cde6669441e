package org.stochopt.datasets.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.RowBlock;

class HashedTextDataTest {
  private static final HashedTextData DATA = HashedTextData.parse("hashtext:n=3000,d=262144,nnzmin=50,nnzmax=300,seed=4");

  @Test
  void rowsAreUnitNormSortedWithinTheNnzRangeAndIndependentOfThePartitioning() {
    RowBlock all = DATA.generate(0, DATA.n());
    RowBlock tail = DATA.generate(1234, DATA.n());
    long nnz = 0;
    for (int r = 0; r < all.rows(); r++) {
      assertEquals(1.0, all.squaredNorm(r), 1e-12, "row " + r);
      int[] last = {-1};
      int[] count = {0};
      all.forEachEntry(r, (j, v) -> {
        assertTrue(j > last[0] && v != 0.0, "indices increasing, values nonzero");
        last[0] = j;
        count[0]++;
      });
      // Collisions can merge a few tokens of a row (d = 2^18 buckets, ≤ 300 tokens): at most a handful.
      assertTrue(count[0] >= 45 && count[0] <= 300, "row " + r + " has " + count[0] + " nonzeros");
      nnz += count[0];
    }
    double mean = (double) nnz / all.rows();
    assertTrue(mean > 160 && mean < 190, "mean nonzeros per row ≈ 175, got " + mean);
    for (int r = 1234; r < all.rows(); r += 113) {
      assertEquals(all.label(r), tail.label(r - 1234));
      double[] a = new double[DATA.d()];
      double[] b = new double[DATA.d()];
      all.axpy(r, 1.0, a);
      tail.axpy(r - 1234, 1.0, b);
      assertArrayEquals(a, b, 0.0, "row " + r + " depends on the range it was generated in");
    }
  }

  @Test
  void frequentTokensAreInMostRowsAndLabelsFollowTheTeacher() {
    RowBlock all = DATA.generate(0, DATA.n());
    int[] df = new int[DATA.d()];
    int agree = 0;
    for (int r = 0; r < all.rows(); r++) {
      all.forEachEntry(r, (j, v) -> df[j]++);
      double[] m = {0};
      all.forEachEntry(r, (j, v) -> m[0] += DATA.teacherWeight(j) * v);
      if (Math.signum(m[0]) == all.label(r)) agree++;
    }
    int max = 0;
    int touched = 0;
    for (int c : df) {
      max = Math.max(max, c);
      if (c > 0) touched++;
    }
    // The most frequent token (rank 1, p ≈ 0.09 at alpha 1.1) is in nearly every document: no idf here.
    assertTrue(max > 0.9 * all.rows(), "top bucket in " + max + " of " + all.rows() + " rows");
    // ... while the long tail spreads over many buckets: d ≫ n in the sense that matters.
    assertTrue(touched > 50_000, "buckets touched: " + touched);
    // scale 5: the teacher's sign is the label for most rows, not all (logistic noise).
    double rate = (double) agree / all.rows();
    assertTrue(rate > 0.75 && rate < 0.99, "teacher agreement " + rate);
  }

  @Test
  void tokenRanksFollowThePowerLaw() {
    // P(rank 0) / P(rank 9) = 10^alpha for the continuous law, floored: check the ratio of counts.
    int[] c = new int[10];
    java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
    for (int i = 0; i < 400_000; i++) {
      long t = DATA.token(rng.nextDouble());
      if (t < 10) c[(int) t]++;
    }
    double ratio = (double) c[0] / c[9];
    // Flooring a continuous power law: P(0)/P(9) = (1 − 2^{-0.1})/(10^{-0.1} − 11^{-0.1})·… ≈ 13.7 at alpha 1.1.
    double expected = (1 - Math.pow(2, -0.1)) / (Math.pow(10, -0.1) - Math.pow(11, -0.1));
    assertEquals(expected, ratio, 0.1 * expected);
  }

  @Test
  void specRoundTripsAndBadSpecsSayWhy() {
    assertEquals(DATA, HashedTextData.parse(DATA.toSpec()));
    assertEquals(4L * 262144, DATA.vocab());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> HashedTextData.parse("hashtext:nnzmin=300,nnzmax=50"))
        .getMessage().contains("nnzmin"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> HashedTextData.parse("hashtext:k=3"))
        .getMessage().contains("unknown key"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> HashedTextData.parse("hashtext:d=100,vocab=10"))
        .getMessage().contains("vocab"));
  }
}
