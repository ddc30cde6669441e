package org.stochopt.core.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * A sparse minibatch round returns the dense round's sum bit for bit on the batch's support and
 * nothing elsewhere (gradient and difference, every sampling scheme, a partition without batch
 * rows), the announced next support is the one a fresh selection computes, a stale support is
 * refused, and dense data has no sparse rounds.
 */
class SparseBatchRowsTest {
  private static final int D = LazyLocalStepsTest.D;

  @ParameterizedTest
  @ValueSource(strings = {"without-replacement", "with-replacement", "importance"})
  void sparseRoundEqualsDenseRoundBitForBit(String sampling) {
    List<RowBlock> parts = List.of(LazyLocalStepsTest.rows(300, 11), LazyLocalStepsTest.rows(5, 12),
        LazyLocalStepsTest.rows(250, 13));
    InMemoryOracle oracle = new InMemoryOracle(new LinearObjective(new LogisticLoss(), D), parts, 1);
    SparseBatchRows sparse = oracle.sparseBatchRows();
    assertNotNull(sparse);
    SamplingPlan plan = oracle.samplingPlan(7, SamplingScheme.parse(sampling));
    SplittableRandom rng = new SplittableRandom(1);
    double[] w = new double[D];
    double[] anchor = new double[D];
    for (int j = 0; j < D; j++) {
      w[j] = rng.nextGaussian() * 0.3;
      anchor[j] = rng.nextGaussian() * 0.3;
    }
    int b = 6;
    boolean emptyPartitionSeen = false;
    for (long t = 0; t < 12; t++) {
      Minibatch mb = plan.draw(t, b);
      for (int p = 0; p < mb.partitions(); p++) emptyPartitionSeen |= mb.countFor(p) == 0;
      double[] dense = new double[D];
      double[] denseDiff = new double[D];
      oracle.batchGradient(w, mb, dense);
      oracle.batchGradientDifference(w, anchor, mb, denseDiff);
      // Every other step is selected without its announcement (a support-only call first).
      SparseBatchRows.Selected sel = sparse.select(mb, t % 2 == 0 ? plan.draw(t + 1, b) : null);
      int[] support = new int[sel.maxSupport()];
      int s = sel.support(new int[D], 1, support);
      boolean[] inSupport = new boolean[D];
      for (int q = 0; q < s; q++) inSupport[support[q]] = true;
      GradientSum g = new GradientSum(D);
      sel.gradient(w, g);
      GradientSum diff = new GradientSum(D);
      SparseBatchRows.Selected again = sparse.select(mb, null);
      again.difference(w, anchor, diff);
      for (int j = 0; j < D; j++) {
        assertEquals(dense[j], g.gradient()[j] * (1.0 / b), 0.0, "gradient " + j);
        assertEquals(denseDiff[j], diff.gradient()[j] * (1.0 / b), 0.0, "difference " + j);
        if (!inSupport[j]) assertEquals(0.0, g.gradient()[j], 0.0, "outside the support " + j);
      }
      if (!sampling.equals("importance")) assertEquals(b, g.count(), 0.0); // importance: Σ of the weights
    }
    assertTrue(emptyPartitionSeen, "the 5-row partition must miss some minibatches");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void announcedSupportIsTheNextSelectionsSupport(int threads) {
    List<RowBlock> parts = List.of(LazyLocalStepsTest.rows(200, 21), LazyLocalStepsTest.rows(200, 22));
    InMemoryOracle oracle = new InMemoryOracle(new LinearObjective(new LogisticLoss(), D), parts, threads);
    SparseBatchRows sparse = oracle.sparseBatchRows();
    SamplingPlan plan = oracle.samplingPlan(3, SamplingScheme.WITHOUT_REPLACEMENT);
    double[] w = new double[D];
    sparse.select(plan.draw(0, 8), plan.draw(1, 8)).gradient(w, new GradientSum(D));
    SparseBatchRows.Selected announced = sparse.select(plan.draw(1, 8));
    SparseBatchRows.Selected fresh = sparse.select(plan.draw(1, 8));
    int[] a = new int[announced.maxSupport()];
    int[] f = new int[fresh.maxSupport()];
    int na = announced.support(new int[D], 1, a);
    int nf = fresh.support(new int[D], 1, f);
    assertEquals(nf, na);
    assertArrayEquals(java.util.Arrays.copyOf(f, nf), java.util.Arrays.copyOf(a, na));
    assertEquals(oracle.stats().rounds(), 1, "only gradient calls count as rounds");
  }

  @org.junit.jupiter.api.Test
  void aSupportMissingABatchColumnIsRefused() {
    org.stochopt.core.linalg.CsrRowBlock rows = LazyLocalStepsTest.rows(50, 31);
    org.stochopt.core.sampling.RowSelection sel = new org.stochopt.core.sampling.RowSelection(new int[] {3, 7}, null);
    int[] support = BatchColumns.supportOf(rows, sel.rows());
    BatchColumns.of(rows, sel, support); // the true support: fine
    int[] stale = java.util.Arrays.copyOfRange(support, 1, support.length);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> BatchColumns.of(rows, sel, stale));
  }

  @org.junit.jupiter.api.Test
  void denseRowsHaveNoSparseRounds() {
    RowBlock dense = new DenseRowBlock(3, new double[] {1, 0, 2, 0, 1, 1}, new double[] {1, -1}, 0);
    assertNull(new InMemoryOracle(new LinearObjective(new LogisticLoss(), 3), List.of(dense), 1).sparseBatchRows());
  }
}
