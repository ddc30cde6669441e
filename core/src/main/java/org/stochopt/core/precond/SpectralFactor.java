package org.stochopt.core.precond;

import dev.ludovic.netlib.lapack.LAPACK;
import java.io.Serializable;
import org.netlib.util.intW;

/**
 * Σ_X = V Λ Vᵀ, computed once on the driver with LAPACK {@code dsyev} (dev.ludovic.netlib: a native
 * LAPACK when one is installed, its pure-Java F2J translation otherwise). Every preconditioner
 * P = V g(Λ) Vᵀ of every α is then a rescaling of the same factor, which is what makes an α-sweep
 * cost one factorisation.
 */
public final class SpectralFactor implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Eigenvalues below this fraction of λ_max are rounding noise of a singular Σ_X. */
  static final double SINGULAR = 1e-12;

  private final int d;
  private final double[] eigenvalues;
  private final double[] vectors;
  private final double meanEigenvalue;

  private SpectralFactor(int d, double[] eigenvalues, double[] vectors) {
    this.d = d;
    this.eigenvalues = eigenvalues;
    this.vectors = vectors;
    double t = 0;
    for (double l : eigenvalues) t += l;
    this.meanEigenvalue = t / d;
  }

  /** Eigendecomposition of a symmetric d × d matrix (row- or column-major: it is symmetric). */
  public static SpectralFactor of(double[] symmetric, int d) {
    if (symmetric.length != d * d) throw new IllegalArgumentException("expected " + d * d + " entries, got " + symmetric.length);
    double[] a = symmetric.clone();
    double[] w = new double[d];
    LAPACK lapack = LAPACK.getInstance();
    intW info = new intW(0);
    double[] query = new double[1];
    lapack.dsyev("V", "U", d, a, d, w, query, -1, info); // workspace query
    double[] work = new double[Math.max(1, (int) query[0])];
    lapack.dsyev("V", "U", d, a, d, w, work, work.length, info);
    if (info.val != 0) throw new IllegalStateException("dsyev failed to converge (info = " + info.val + ")");
    return new SpectralFactor(d, w, a);
  }

  /** Eigendecomposition of the full second moment. */
  public static SpectralFactor of(SecondMoment m) {
    return of(m.matrix(), m.dim());
  }

  public int dim() {
    return d;
  }

  /** λ_1 ≤ … ≤ λ_d, a copy. */
  public double[] eigenvalues() {
    return eigenvalues.clone();
  }

  /** V, column-major (eigenvector k at [k·d, k·d+d)), the factor's own array: do not write. */
  public double[] vectorsView() {
    return vectors;
  }

  /** tr Σ / d. */
  public double meanEigenvalue() {
    return meanEigenvalue;
  }

  /**
   * P = V g(Λ) Vᵀ for a spec.
   *
   * @param relativeDamping δ; the damping is ε = δ·tr(Σ)/d
   */
  public SpectralPreconditioner preconditioner(PreconditionerSpec spec, double relativeDamping) {
    double eps = relativeDamping * meanEigenvalue;
    double[] gains = new double[d];
    double floor = SINGULAR * Math.max(eigenvalues[d - 1], 0.0);
    boolean inverts = spec.kind() != PreconditionerSpec.Kind.NONE
        && !(spec.kind() == PreconditionerSpec.Kind.ADDITIVE && spec.alpha() < 1) && !(spec.kind() == PreconditionerSpec.Kind.FISHER && spec.alpha() == 0);
    for (int k = 0; k < d; k++) {
      gains[k] = spec.g(eigenvalues[k], eps, meanEigenvalue);
      // An undamped eigenvalue at rounding level (n < d) would give a finite but meaningless 1e16 gain.
      if (!(gains[k] > 0 && Double.isFinite(gains[k])) || (inverts && Math.max(eigenvalues[k], 0.0) + eps <= floor)) {
        throw new IllegalArgumentException("Σ_X is singular (eigenvalue " + eigenvalues[k] + ") and --precondition " + spec.spec()
            + " inverts it: give --precondition-damping > 0");
      }
    }
    return new SpectralPreconditioner(d, vectors, gains, spec.spec() + " full d=" + d);
  }
}
