package org.stochopt.core.precond;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * The exact trajectory of preconditioned GD on the squared loss f(θ) = (1/2n)‖Xθ − y‖², from θ_0 = 0,
 * in the overparameterised regime n &lt; d, written in a basis where P is diagonal (P = diag(g);
 * for P = V g(Λ) Vᵀ pass Z = X V and map the weights back with V).
 *
 * <p>The iterates stay in range(P Xᵀ): θ_t = P Xᵀ a_t. With K = X P Xᵀ / n = U diag(κ) Uᵀ the
 * recursion a_{t+1} = (I − ηK) a_t + (η/n) y gives, for η &lt; 2/κ_max,
 *
 * <pre>
 *   a_t = U diag( (1 − (1 − ηκ_i)^t) / (n κ_i) ) Uᵀ y           (early stopping at step t)
 *   a_∞ = (X P Xᵀ)⁻¹ y,   θ_∞ = P Xᵀ (X P Xᵀ)⁻¹ y              (the ridgeless interpolant)
 * </pre>
 *
 * θ_∞ is the interpolant of least P⁻¹-norm. The study evaluates many α and seeds through these
 * formulas (each costs n×n work after one n×n×d product); {@code PreconditionedGdTest} checks them
 * against {@link org.stochopt.core.method.PreconditionedGd} run step by step through the oracle.
 * a_∞ is solved with a Cholesky factor of X P Xᵀ (LAPACK dpotrf/dpotrs), which also refuses a
 * singular system (n ≥ d, or repeated rows) instead of returning a meaningless interpolant.
 */
public final class RidgelessPath {
  private final int n;
  private final int d;
  private final double[] z;
  private final double[] gains;
  private final double[] kappa;
  private final double[] u;
  private final double[] cholesky;

  /**
   * @param z rows z_i of X in P's eigenbasis, row-major n × d
   * @param gains P's diagonal in that basis
   */
  public RidgelessPath(double[] z, int n, int d, double[] gains) {
    if (z.length != n * d || gains.length != d) throw new IllegalArgumentException("shapes do not match n=" + n + " d=" + d);
    if (n >= d) throw new IllegalArgumentException("the ridgeless path needs n < d (overparameterised), got n=" + n + " d=" + d);
    this.n = n;
    this.d = d;
    this.z = z;
    this.gains = gains.clone();
    double[] gram = new double[n * n]; // X P Xᵀ, symmetric
    double[] scaled = new double[d];
    for (int i = 0; i < n; i++) {
      int bi = i * d;
      for (int j = 0; j < d; j++) scaled[j] = gains[j] * z[bi + j];
      for (int k = i; k < n; k++) {
        int bk = k * d;
        double s = 0;
        for (int j = 0; j < d; j++) s += scaled[j] * z[bk + j];
        gram[i * n + k] = s;
        gram[k * n + i] = s;
      }
    }
    LAPACK lapack = LAPACK.getInstance();
    intW info = new intW(0);
    this.cholesky = gram.clone();
    lapack.dpotrf("U", n, cholesky, n, info);
    if (info.val != 0) {
      throw new IllegalArgumentException("X P Xᵀ is not positive definite (dpotrf info " + info.val + "): repeated rows or n ≥ rank");
    }
    double[] a = new double[n * n];
    for (int i = 0; i < a.length; i++) a[i] = gram[i] / n;
    double[] w = new double[n];
    double[] query = new double[1];
    lapack.dsyev("V", "U", n, a, n, w, query, -1, info);
    double[] work = new double[Math.max(1, (int) query[0])];
    lapack.dsyev("V", "U", n, a, n, w, work, work.length, info);
    if (info.val != 0) throw new IllegalStateException("dsyev failed (info " + info.val + ")");
    this.kappa = w;
    this.u = a;
  }

  /** κ_max = λ_max(X P Xᵀ / n) = L_P of the squared loss: the default step is 1/κ_max. */
  public double maxCurvature() {
    return kappa[n - 1];
  }

  /** a_∞ = (X P Xᵀ)⁻¹ y. */
  public double[] limitDual(double[] y) {
    double[] b = y.clone();
    intW info = new intW(0);
    LAPACK.getInstance().dpotrs("U", n, 1, cholesky, n, b, n, info);
    if (info.val != 0) throw new IllegalStateException("dpotrs failed (info " + info.val + ")");
    return b;
  }

  /** a_t after t steps of size η from θ_0 = 0. */
  public double[] pathDual(double[] y, double eta, long t) {
    double[] c = new double[n]; // Uᵀ y, U column-major
    for (int k = 0; k < n; k++) {
      double s = 0;
      for (int i = 0; i < n; i++) s += u[k * n + i] * y[i];
      double ek = eta * kappa[k];
      // (1 − (1 − ηκ)^t)/(nκ), written to stay accurate when ηκ is tiny (→ ηt/n)
      double factor;
      if (kappa[k] <= 0) factor = eta * t / n;
      else if (ek < 1) factor = -Math.expm1(t * Math.log1p(-ek)) / (n * kappa[k]);
      else factor = (1 - Math.pow(1 - ek, t)) / (n * kappa[k]); // 1 ≤ ηκ: oscillates (and diverges past 2)
      c[k] = factor * s;
    }
    double[] a = new double[n];
    for (int k = 0; k < n; k++) for (int i = 0; i < n; i++) a[i] += u[k * n + i] * c[k];
    return a;
  }

  /** θ = P Xᵀ a, in P's eigenbasis: θ_j = g_j Σ_i z_ij a_i. */
  public double[] weights(double[] a) {
    double[] out = new double[d];
    for (int i = 0; i < n; i++) {
      double ai = a[i];
      int bi = i * d;
      for (int j = 0; j < d; j++) out[j] += ai * z[bi + j];
    }
    for (int j = 0; j < d; j++) out[j] *= gains[j];
    return out;
  }
}
