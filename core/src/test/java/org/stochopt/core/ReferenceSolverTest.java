package org.stochopt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.loss.SquaredLoss;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.reference.OwlqnSolver;
import org.stochopt.core.reference.ReferenceOptimum;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;

class ReferenceSolverTest {

  /** Ridge: the closed form (XᵀX/n + λI) w = Xᵀy/n, solved here by Gaussian elimination. */
  @Test
  void matchesTheRidgeClosedForm() {
    int n = 200;
    int d = 6;
    double lambda = 0.05;
    RowBlock block = TestData.builder(n, d, 1.0, false, 4).buildDense(d, 0);
    double[][] a = new double[d][d + 1];
    for (int i = 0; i < n; i++) {
      double[] x = new double[d];
      int row = i;
      block.forEachEntry(row, (j, v) -> x[j] = v);
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) a[j][k] += x[j] * x[k] / n;
        a[j][d] += x[j] * block.label(i) / n;
      }
    }
    for (int j = 0; j < d; j++) a[j][j] += lambda;
    double[] closed = solve(a);
    InMemoryOracle oracle = new InMemoryOracle(new LinearObjective(new SquaredLoss(), d), List.of(block));
    ReferenceOptimum opt = OwlqnSolver.highPrecision().solve(oracle, Regularizers.parse("l2:" + lambda), new double[d]);
    for (int j = 0; j < d; j++) assertEquals(closed[j], opt.solution()[j], 1e-9);
  }

  /** L1-logistic: the KKT conditions hold at the answer, and some coordinates are exactly zero. */
  @Test
  void satisfiesL1OptimalityConditions() {
    int d = 20;
    RowBlock block = TestData.builder(300, d, 0.5, true, 8).build(d, 0);
    InMemoryOracle oracle = new InMemoryOracle(new LinearObjective(new LogisticLoss(), d), List.of(block));
    double l1 = 0.02;
    Regularizer reg = Regularizers.parse("l1:" + l1);
    ReferenceOptimum opt = OwlqnSolver.highPrecision().solve(oracle, reg, new double[d]);
    double[] g = new double[d];
    oracle.evaluate(opt.solution(), g);
    int zeros = 0;
    for (int j = 0; j < d; j++) {
      double w = opt.solution()[j];
      if (w == 0) {
        zeros++;
        assertTrue(Math.abs(g[j]) <= l1 + 1e-9, "zero coordinate " + j + " gradient " + g[j]);
      } else {
        assertEquals(-l1 * Math.signum(w), g[j], 1e-8, "coordinate " + j);
      }
    }
    assertTrue(zeros > 0 && zeros < d, "expected a sparse but nonzero answer, zeros = " + zeros);
  }

  static double[] solve(double[][] a) {
    int d = a.length;
    for (int c = 0; c < d; c++) {
      int piv = c;
      for (int r = c + 1; r < d; r++) if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
      double[] t = a[c];
      a[c] = a[piv];
      a[piv] = t;
      for (int r = 0; r < d; r++) {
        if (r == c) continue;
        double f = a[r][c] / a[c][c];
        for (int k = c; k <= d; k++) a[r][k] -= f * a[c][k];
      }
    }
    double[] x = new double[d];
    for (int j = 0; j < d; j++) x[j] = a[j][d] / a[j][j];
    return x;
  }
}
