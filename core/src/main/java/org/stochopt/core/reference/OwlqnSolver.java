package org.stochopt.core.reference;

import java.util.ArrayDeque;
import java.util.Deque;
import org.stochopt.core.linalg.Vec;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.reg.Regularizer;

/**
 * Deterministic reference solver: L-BFGS on the smooth part f(w) + (λ₂/2)‖w‖², extended to the
 * ℓ1 part λ₁‖w‖₁ by OWL-QN (Andrew and Gao, ICML 2007): the pseudo-gradient replaces the
 * gradient, the quasi-Newton direction is projected onto the sign pattern of −pseudo-gradient,
 * and the line search stays in the chosen orthant (coordinates that would cross zero are set to
 * zero). With λ₁ = 0 it is exactly L-BFGS with a backtracking Armijo search.
 *
 * <p>Runs on full gradients from the oracle's uncounted {@code evaluate}, so it never perturbs a
 * method's accounting. It stops when the pseudo-gradient's ∞-norm falls below {@code tolerance}
 * times max(1, |F|), or when a line search can no longer decrease F (machine precision).
 */
public final class OwlqnSolver {
  private final int memory;
  private final int maxIterations;
  private final double tolerance;

  public OwlqnSolver(int memory, int maxIterations, double tolerance) {
    this.memory = memory;
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
  }

  public static OwlqnSolver highPrecision() {
    return new OwlqnSolver(20, 20000, 1e-12);
  }

  public ReferenceOptimum solve(GradientOracle oracle, Regularizer reg, double[] w0) {
    int d = oracle.dimension();
    double l1 = reg.l1Weight();
    double l2 = reg.l2Weight();
    double[] w = w0.clone();
    double[] g = new double[d];
    double f = smooth(oracle, l2, w, g);
    double[] pg = new double[d];
    Deque<double[][]> pairs = new ArrayDeque<>();
    double[] dir = new double[d];
    double[] wNew = new double[d];
    double[] gNew = new double[d];
    int it = 0;
    double residual = Double.NaN;
    for (; it < maxIterations; it++) {
      double obj = f + l1 * norm1(w);
      pseudoGradient(w, g, l1, pg);
      residual = Vec.normInf(pg);
      if (residual <= tolerance * Math.max(1.0, Math.abs(obj))) break;
      direction(pg, pairs, dir);
      if (l1 > 0) {
        for (int j = 0; j < d; j++) if (dir[j] * pg[j] >= 0) dir[j] = 0.0;
      }
      double slope = Vec.dot(dir, pg);
      if (!(slope < 0)) {
        // The quasi-Newton model lost positive definiteness: restart from steepest descent.
        pairs.clear();
        for (int j = 0; j < d; j++) dir[j] = -pg[j];
        slope = Vec.dot(dir, pg);
      }
      double alpha = pairs.isEmpty() ? 1.0 / Math.max(1.0, Vec.norm2(pg)) : 1.0;
      double fNew = 0;
      double objNew = Double.POSITIVE_INFINITY;
      boolean accepted = false;
      for (int ls = 0; ls < 60; ls++) {
        for (int j = 0; j < d; j++) {
          double v = w[j] + alpha * dir[j];
          if (l1 > 0) {
            double orthant = w[j] != 0 ? Math.signum(w[j]) : -Math.signum(pg[j]);
            if (v * orthant <= 0) v = 0.0;
          }
          wNew[j] = v;
        }
        fNew = smooth(oracle, l2, wNew, gNew);
        objNew = fNew + l1 * norm1(wNew);
        double decrease = 0;
        for (int j = 0; j < d; j++) decrease += pg[j] * (wNew[j] - w[j]);
        if (objNew <= obj + 1e-4 * decrease) {
          accepted = true;
          break;
        }
        alpha *= 0.5;
      }
      if (!accepted || objNew >= obj) break;
      double[] s = new double[d];
      double[] y = new double[d];
      for (int j = 0; j < d; j++) {
        s[j] = wNew[j] - w[j];
        y[j] = gNew[j] - g[j];
      }
      if (Vec.dot(s, y) > 1e-16 * Vec.dot(y, y)) {
        pairs.addLast(new double[][] {s, y});
        if (pairs.size() > memory) pairs.removeFirst();
      }
      System.arraycopy(wNew, 0, w, 0, d);
      System.arraycopy(gNew, 0, g, 0, d);
      f = fNew;
    }
    pseudoGradient(w, g, l1, pg);
    residual = Vec.normInf(pg);
    return new ReferenceOptimum(f + l1 * norm1(w), w, it, residual);
  }

  /** f(w) + (λ₂/2)‖w‖² and its gradient. */
  private static double smooth(GradientOracle oracle, double l2, double[] w, double[] g) {
    double f = oracle.evaluate(w, g);
    if (l2 > 0) {
      Vec.axpy(l2, w, g);
      f += 0.5 * l2 * Vec.dot(w, w);
    }
    return f;
  }

  /** Minimum-norm subgradient of f + λ₁‖·‖₁ (the gradient itself when λ₁ = 0). */
  static void pseudoGradient(double[] w, double[] g, double l1, double[] out) {
    for (int j = 0; j < w.length; j++) {
      if (l1 == 0) {
        out[j] = g[j];
      } else if (w[j] > 0) {
        out[j] = g[j] + l1;
      } else if (w[j] < 0) {
        out[j] = g[j] - l1;
      } else if (g[j] + l1 < 0) {
        out[j] = g[j] + l1;
      } else if (g[j] - l1 > 0) {
        out[j] = g[j] - l1;
      } else {
        out[j] = 0.0;
      }
    }
  }

  /** dir = −H·pg by the L-BFGS two-loop recursion, H₀ = (sᵀy / yᵀy)·I. */
  private static void direction(double[] pg, Deque<double[][]> pairs, double[] dir) {
    int d = pg.length;
    for (int j = 0; j < d; j++) dir[j] = -pg[j];
    int m = pairs.size();
    double[] alphas = new double[m];
    double[] rhos = new double[m];
    double[][][] arr = pairs.toArray(new double[0][][]);
    for (int i = m - 1; i >= 0; i--) {
      double[] s = arr[i][0];
      double[] y = arr[i][1];
      rhos[i] = 1.0 / Vec.dot(y, s);
      alphas[i] = rhos[i] * Vec.dot(s, dir);
      Vec.axpy(-alphas[i], y, dir);
    }
    if (m > 0) {
      double[] s = arr[m - 1][0];
      double[] y = arr[m - 1][1];
      Vec.scal(Vec.dot(s, y) / Vec.dot(y, y), dir);
    }
    for (int i = 0; i < m; i++) {
      double[] s = arr[i][0];
      double[] y = arr[i][1];
      double beta = rhos[i] * Vec.dot(y, dir);
      Vec.axpy(alphas[i] - beta, s, dir);
    }
  }

  private static double norm1(double[] w) {
    double s = 0;
    for (double v : w) s += Math.abs(v);
    return s;
  }
}
