package org.stochopt.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import java.util.ArrayList;
import java.util.List;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.RowSelection;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;

class SamplingPlanTest {
  private static final int[] SIZES = {30, 0, 45, 25};
  private static final SamplingScheme[] UNIFORM = {SamplingScheme.WITH_REPLACEMENT, SamplingScheme.WITHOUT_REPLACEMENT};

  /** Rows with ‖x_i‖² = 1 + (i mod 7), split like SIZES. */
  private static List<RowBlock> weightedBlocks() {
    RowBlockBuilder all = new RowBlockBuilder();
    for (int i = 0; i < 100; i++) all.addRow(1.0, new int[] {0}, new double[] {Math.sqrt(1 + i % 7)}, 1);
    RowBlock block = all.build(1, 0);
    List<RowBlock> out = new ArrayList<>();
    int from = 0;
    for (int size : SIZES) {
      out.add(block.slice(from, from + size));
      from += size;
    }
    return out;
  }

  private static double[] masses(List<RowBlock> blocks) {
    double[] m = new double[blocks.size()];
    for (int p = 0; p < m.length; p++) for (int r = 0; r < blocks.get(p).rows(); r++) m[p] += blocks.get(p).squaredNorm(r);
    return m;
  }

  /** Importance sampling: row i is drawn with probability ∝ ‖x_i‖² (chi-square) and weighted 1/(n p_i). */
  @Test
  void importanceSamplingDrawsProportionallyToSquaredNormsWithUnbiasingWeights() {
    List<RowBlock> blocks = weightedBlocks();
    double[] mass = masses(blocks);
    double total = 0;
    for (double m : mass) total += m;
    SamplingPlan plan = new SamplingPlan(3, SIZES, SamplingScheme.IMPORTANCE, mass);
    int n = 100;
    long[] hits = new long[n];
    int steps = 4000;
    int b = 10;
    for (int t = 0; t < steps; t++) {
      Minibatch batch = plan.draw(t, b);
      int offset = 0;
      int count = 0;
      for (int p = 0; p < SIZES.length; p++) {
        RowSelection sel = batch.select(p, blocks.get(p));
        for (int k = 0; k < sel.rows().length; k++) {
          int r = sel.rows()[k];
          hits[offset + r]++;
          double pi = blocks.get(p).squaredNorm(r) / total;
          assertEquals(1.0 / (n * pi), sel.weights()[k], 1e-12, "weight 1/(n p_i)");
          count++;
        }
        offset += SIZES[p];
      }
      assertEquals(b, count);
    }
    double chi2 = 0;
    for (int i = 0; i < n; i++) {
      double expected = (double) steps * b * (1 + i % 7) / total;
      chi2 += (hits[i] - expected) * (hits[i] - expected) / expected;
    }
    assertTrue(chi2 < 148, "chi2 = " + chi2);
    assertThrows(IllegalArgumentException.class, () -> new SamplingPlan(1, SIZES, SamplingScheme.IMPORTANCE));
    assertThrows(IllegalArgumentException.class, () -> new SamplingPlan(1, SIZES, SamplingScheme.IMPORTANCE, new double[4]));
  }

  @Test
  void batchesHaveExactlyBRowsInRange() {
    for (SamplingScheme scheme : UNIFORM) {
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
    for (SamplingScheme scheme : UNIFORM) {
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
