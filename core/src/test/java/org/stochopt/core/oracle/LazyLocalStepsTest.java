package org.stochopt.core.oracle;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;

/**
 * Just-in-time local prox-SVRG steps on sparse rows agree with the dense steps to 1e-12, for L2,
 * L1 and the elastic net (the L1 cases drive many coordinates through zero during skipped steps).
 */
public class LazyLocalStepsTest {
  public static final int D = 20_000;

  /** Sparse rows with a few frequent features (in most rows) and a long tail, unit norm. */
  public static CsrRowBlock rows(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    RowBlockBuilder b = new RowBlockBuilder();
    int[] idx = new int[40];
    double[] val = new double[40];
    for (int r = 0; r < n; r++) {
      java.util.TreeSet<Integer> cols = new java.util.TreeSet<>();
      for (int j = 0; j < 5; j++) if (rng.nextDouble() < 0.7) cols.add(j);
      while (cols.size() < 30) cols.add((int) Math.min(D - 1, Math.floor(Math.exp(rng.nextDouble() * Math.log(D)))));
      int k = 0;
      double norm = 0;
      for (int j : cols) {
        idx[k] = j;
        val[k] = rng.nextGaussian();
        norm += val[k] * val[k];
        k++;
      }
      for (int q = 0; q < k; q++) val[q] /= Math.sqrt(norm);
      b.addRow(rng.nextBoolean() ? 1 : -1, idx, val, k);
    }
    return b.buildSparse(D, 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"l2:1e-3", "l2:1e-6", "none", "l1:1e-3", "elasticnet:2e-3,0.5"})
  void lazyStepsAgreeWithDenseSteps(String reg) {
    CsrRowBlock block = rows(800, 3);
    LinearObjective f = new LinearObjective(new LogisticLoss(), D);
    Regularizer r = Regularizers.parse(reg);
    SplittableRandom rng = new SplittableRandom(4);
    double[] w = new double[D];
    double[] anchor = new double[D];
    double[] mu = new double[D];
    for (int j = 0; j < D; j++) {
      w[j] = rng.nextGaussian() * 0.1;
      anchor[j] = w[j] + rng.nextGaussian() * 0.01;
      mu[j] = rng.nextGaussian() * 1e-3;
    }
    LocalSvrgSteps work = new LocalSvrgSteps(r, 0.5, 400, 4, w, anchor, mu, 11, 2);
    assertTrue(work.lazyApplies(block));
    double[] lazy = work.run(f, block, 1);
    double[] dense = work.dense().run(f, block, 1);
    double scale = Arrays.stream(dense).map(Math::abs).max().orElseThrow();
    int identical = 0;
    for (int j = 0; j < D; j++) {
      assertEquals(dense[j], lazy[j], 1e-12 * scale, "coordinate " + j);
      if (dense[j] == lazy[j]) identical++;
    }
    assertEquals(dense[D], lazy[D], 0.0, "the start loss");
    // Not the same bits everywhere: a closed-form coordinate's last ulp reaches the margins, and
    // through them every coordinate.
    assertTrue(identical < D, "the lazy path must really have run (" + identical + " identical coordinates)");
    if (r.l1Weight() > 0) {
      int zeros = 0;
      int crossed = 0;
      for (int j = 0; j < D; j++) {
        if (dense[j] == 0.0) zeros++;
        if (dense[j] * w[j] < 0) crossed++;
      }
      assertTrue(zeros > D / 10, "L1 must have set coordinates to zero (" + zeros + ")");
      assertTrue(crossed > 0, "some coordinates must have crossed zero (" + crossed + ")");
    }
  }

  @Test
  void denseRowsKeepTheDensePath() {
    LocalSvrgSteps work = new LocalSvrgSteps(Regularizers.parse("elasticnet:1e-3,0.5"), 0.5, 10, 4,
        new double[D], new double[D], new double[D], 1, 0);
    assertTrue(work.lazyApplies(rows(50, 5)));
    assertFalse(work.lazyApplies(new RowBlockBuilder().addDenseRow(1, new double[D]).buildDense(D, 0)));
  }
}
