package org.stochopt.core.ntk;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Eigenvalues (and optionally eigenvectors) of a symmetric matrix through LAPACK's divide-and-conquer
 * {@code dsyevd}, via dev.ludovic.netlib (native LAPACK when the system has one, else its Java
 * translation). Results are sorted in decreasing order.
 *
 * @param values μ_1 ≥ μ_2 ≥ … ≥ μ_n
 * @param vectors null, or n × n column-major with column i the unit eigenvector of μ_i
 */
public record SymmetricEigen(int n, double[] values, double[] vectors) {
  /**
   * @param a n × n symmetric, column-major (only the lower triangle is read; overwritten)
   */
  public static SymmetricEigen of(double[] a, int n, boolean withVectors) {
    if (a.length != (long) n * n) throw new IllegalArgumentException("expected " + n + "×" + n + " values, got " + a.length);
    LAPACK lapack = LAPACK.getInstance();
    String jobz = withVectors ? "V" : "N";
    double[] w = new double[n];
    double[] work = new double[1];
    int[] iwork = new int[1];
    intW info = new intW(0);
    lapack.dsyevd(jobz, "L", n, a, Math.max(1, n), w, work, -1, iwork, -1, info);
    work = new double[Math.max(1, (int) work[0])];
    iwork = new int[Math.max(1, iwork[0])];
    lapack.dsyevd(jobz, "L", n, a, Math.max(1, n), w, work, work.length, iwork, iwork.length, info);
    if (info.val != 0) throw new ArithmeticException("dsyevd failed: info = " + info.val);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) values[i] = w[n - 1 - i];
    double[] vectors = null;
    if (withVectors) {
      vectors = new double[n * n];
      for (int i = 0; i < n; i++) System.arraycopy(a, (n - 1 - i) * n, vectors, i * n, n);
    }
    return new SymmetricEigen(n, values, vectors);
  }

  /** The LAPACK implementation in use, for reports. */
  public static String implementation() {
    return LAPACK.getInstance().getClass().getSimpleName();
  }

  /** Unit eigenvector i (0-based, decreasing eigenvalue order), a copy. */
  public double[] vector(int i) {
    if (vectors == null) throw new IllegalStateException("computed without eigenvectors");
    return java.util.Arrays.copyOfRange(vectors, i * n, (i + 1) * n);
  }
}
