package org.stochopt.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;

class SamplingPlanTest {
  private static final int[] SIZES = {30, 0, 45, 25};

  @Test
  void batchesHaveExactlyBRowsInRange() {
    for (SamplingScheme scheme : SamplingScheme.values()) {
      SamplingPlan plan = new SamplingPlan(1, SIZES, scheme);
      for (int b : new int[] {1, 7, 60, 100}) {
        Minibatch batch = plan.draw(b, b);
        int total = 0;
        for (int p = 0; p < SIZES.length; p++) {
          int[] rows = batch.rowsOf(p, SIZES[p]);
          total += rows.length;
          for (int r : rows) assertTrue(r >= 0 && r < SIZES[p]);
          if (scheme == SamplingScheme.WITHOUT_REPLACEMENT) {
            Set<Integer> distinct = new HashSet<>();
            for (int r : rows) distinct.add(r);
            assertEquals(rows.length, distinct.size(), "rows must be distinct without replacement");
          }
        }
        assertEquals(b, total);
      }
    }
  }

  @Test
  void drawsArePureFunctionsOfSeedAndStep() {
    SamplingPlan a = new SamplingPlan(42, SIZES, SamplingScheme.WITH_REPLACEMENT);
    SamplingPlan b = new SamplingPlan(42, SIZES, SamplingScheme.WITH_REPLACEMENT);
    for (int p = 0; p < SIZES.length; p++) {
      assertArrayEquals(a.draw(9, 20).rowsOf(p, SIZES[p]), b.draw(9, 20).rowsOf(p, SIZES[p]));
    }
    SamplingPlan c = new SamplingPlan(43, SIZES, SamplingScheme.WITH_REPLACEMENT);
    boolean differs = false;
    for (int p = 0; p < SIZES.length; p++) {
      differs |= !java.util.Arrays.equals(a.draw(9, 20).rowsOf(p, SIZES[p]), c.draw(9, 20).rowsOf(p, SIZES[p]));
    }
    assertTrue(differs);
  }

  /** Every row is drawn with probability b/n: a chi-square test over many steps, for both schemes. */
  @Test
  void everyRowIsEquallyLikely() {
    for (SamplingScheme scheme : SamplingScheme.values()) {
      SamplingPlan plan = new SamplingPlan(5, SIZES, scheme);
      int n = 100;
      long[] hits = new long[n];
      int steps = 4000;
      int b = 10;
      for (int t = 0; t < steps; t++) {
        Minibatch batch = plan.draw(t, b);
        int offset = 0;
        for (int p = 0; p < SIZES.length; p++) {
          for (int r : batch.rowsOf(p, SIZES[p])) hits[offset + r]++;
          offset += SIZES[p];
        }
      }
      double expected = (double) steps * b / n;
      double chi2 = 0;
      for (long h : hits) chi2 += (h - expected) * (h - expected) / expected;
      // 99 degrees of freedom: the 99.9% quantile is about 148.
      assertTrue(chi2 < 148, scheme + " chi2 = " + chi2);
    }
  }

  @Test
  void refusesImpossibleBatches() {
    SamplingPlan plan = new SamplingPlan(1, SIZES, SamplingScheme.WITHOUT_REPLACEMENT);
    assertThrows(IllegalArgumentException.class, () -> plan.draw(0, 101));
    assertThrows(IllegalArgumentException.class, () -> plan.draw(0, 0));
    assertThrows(IllegalArgumentException.class, () -> new SamplingPlan(1, new int[] {0, 0}, SamplingScheme.WITH_REPLACEMENT));
  }
}
