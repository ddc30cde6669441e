package org.stochopt.core.ntk;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Kernel ridge regression, the infinite-width reference of averaged SGD: the minimiser of
 * (1/2n) Σ_i (f(x_i) − y_i)² + (λ/2)‖f‖²_H over the RKHS of k is f = Σ_j α_j k(x_j, ·) with
 * (K + nλI) α = y, solved by Cholesky (LAPACK {@code dposv}). The same λ as the L2 pull of averaged
 * SGD makes the two estimate the same regularised population problem.
 */
public final class KernelRidge {
  private KernelRidge() {}

  /**
   * @param gram n × n column-major (copied, not changed)
   * @return α
   */
  public static double[] fit(double[] gram, int n, double[] y, double lambda) {
    if (!(lambda > 0)) throw new IllegalArgumentException("kernel ridge needs λ > 0, got " + lambda);
    double[] a = gram.clone();
    for (int i = 0; i < n; i++) a[i * n + i] += n * lambda;
    double[] alpha = y.clone();
    intW info = new intW(0);
    LAPACK.getInstance().dposv("L", n, 1, a, n, alpha, n, info);
    if (info.val != 0) throw new ArithmeticException("dposv failed (K + nλI not positive definite?): info = " + info.val);
    return alpha;
  }

  /** f(x) = Σ_j α_j k(x_j, x) given the cross-kernel (m × n row-major: row i holds k(x′_i, x_j)). */
  public static double[] predict(double[] cross, int m, int n, double[] alpha) {
    double[] out = new double[m];
    for (int i = 0; i < m; i++) {
      double s = 0.0;
      for (int j = 0; j < n; j++) s += cross[i * n + j] * alpha[j];
      out[i] = s;
    }
    return out;
  }
}
