package org.stochopt.core.precond;

import java.util.SplittableRandom;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.RowBlockBuilder;

/** Correlated Gaussian designs for the preconditioner tests. */
final class PrecondTestData {
  private PrecondTestData() {}

  /**
   * A fixed mixing matrix A = Q·diag(s) (Q a seeded random rotation, s_j = spread^(−j/(2(d−1)))):
   * x = A s with s ~ N(0, I) has Σ_X = Q diag(s²) Qᵀ, far from diagonal, with condition number spread.
   */
  static double[][] mixing(int d, double spread, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] q = new double[d][d]; // columns q[.][j], Gram–Schmidt of Gaussian vectors
    for (int j = 0; j < d; j++) {
      double[] c = new double[d];
      for (int k = 0; k < d; k++) c[k] = gauss(rng);
      for (int i = 0; i < j; i++) {
        double dot = 0;
        for (int k = 0; k < d; k++) dot += q[k][i] * c[k];
        for (int k = 0; k < d; k++) c[k] -= dot * q[k][i];
      }
      double norm = 0;
      for (double v : c) norm += v * v;
      norm = Math.sqrt(norm);
      for (int k = 0; k < d; k++) q[k][j] = c[k] / norm;
    }
    double[][] a = new double[d][d];
    for (int j = 0; j < d; j++) {
      double scale = Math.pow(spread, -j / (2.0 * Math.max(1, d - 1)));
      for (int k = 0; k < d; k++) a[k][j] = scale * q[k][j];
    }
    return a;
  }

  /** n rows x = A s and labels y = ⟨w*, x⟩ + σ·noise (w* = null: labels 0). */
  static RowBlock rows(double[][] a, int n, double[] teacher, double sigma, long seed) {
    int d = a.length;
    SplittableRandom rng = new SplittableRandom(seed);
    RowBlockBuilder b = new RowBlockBuilder();
    int[] idx = new int[d];
    double[] x = new double[d];
    double[] s = new double[d];
    for (int j = 0; j < d; j++) idx[j] = j;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) s[k] = gauss(rng);
      double y = 0;
      for (int j = 0; j < d; j++) {
        double v = 0;
        for (int k = 0; k < d; k++) v += a[j][k] * s[k];
        x[j] = v;
        if (teacher != null) y += teacher[j] * v;
      }
      b.addRow(y + sigma * gauss(rng), idx, x.clone(), d);
    }
    return b.build(d, 0);
  }

  static double[] vector(int d, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[d];
    for (int j = 0; j < d; j++) v[j] = gauss(rng);
    return v;
  }

  static double gauss(SplittableRandom rng) {
    double u = rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
  }

  /** X as a dense n × d array. */
  static double[][] dense(RowBlock block) {
    double[][] x = new double[block.rows()][block.dim()];
    for (int i = 0; i < block.rows(); i++) {
      double[] row = x[i];
      block.forEachEntry(i, (j, v) -> row[j] = v);
    }
    return x;
  }

  /** Solves M a = b by Gaussian elimination with partial pivoting (independent of LAPACK). */
  static double[] solve(double[][] m, double[] b) {
    int n = b.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) a[i] = m[i].clone();
    double[] x = b.clone();
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
      double[] t = a[c];
      a[c] = a[p];
      a[p] = t;
      double tb = x[c];
      x[c] = x[p];
      x[p] = tb;
      for (int r = c + 1; r < n; r++) {
        double f = a[r][c] / a[c][c];
        if (f == 0) continue;
        for (int k = c; k < n; k++) a[r][k] -= f * a[c][k];
        x[r] -= f * x[c];
      }
    }
    for (int r = n - 1; r >= 0; r--) {
      double s = x[r];
      for (int k = r + 1; k < n; k++) s -= a[r][k] * x[k];
      x[r] = s / a[r][r];
    }
    return x;
  }

  static double maxAbsDiff(double[] a, double[] b) {
    double m = 0;
    for (int j = 0; j < a.length; j++) m = Math.max(m, Math.abs(a[j] - b[j]));
    return m;
  }

  static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) m = Math.max(m, Math.abs(v));
    return m;
  }
}
