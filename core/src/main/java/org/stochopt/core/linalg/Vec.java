package org.stochopt.core.linalg;

/**
 * Level-1 kernels on {@code double[]}. Plain loops: the JIT vectorizes them, and they avoid
 * the per-call overhead of a BLAS binding for the short vectors (d up to ~10^5) used here.
 * Output arrays are named {@code out} and may alias an input only where stated.
 */
public final class Vec {
  private Vec() {}

  public static double dot(double[] a, double[] b) {
    double s = 0.0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  /** y += a * x. */
  public static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) y[i] += a * x[i];
  }

  /** x *= a. */
  public static void scal(double a, double[] x) {
    for (int i = 0; i < x.length; i++) x[i] *= a;
  }

  /**
   * Euclidean norm with scaling, as reference BLAS dnrm2: squares of huge entries would overflow
   * and squares of tiny ones underflow, so the sum is kept relative to the largest magnitude.
   */
  public static double norm2(double[] x) {
    double scale = 0.0;
    double ssq = 1.0;
    for (double v : x) {
      if (v != 0.0) {
        double a = Math.abs(v);
        if (scale < a) {
          ssq = 1.0 + ssq * (scale / a) * (scale / a);
          scale = a;
        } else {
          ssq += (a / scale) * (a / scale);
        }
      }
    }
    return scale * Math.sqrt(ssq);
  }

  /** ‖a − b‖₂. */
  public static double distance(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) d[i] = a[i] - b[i];
    return norm2(d);
  }

  public static double normInf(double[] x) {
    double m = 0.0;
    for (double v : x) m = Math.max(m, Math.abs(v));
    return m;
  }

  public static int countNonZeros(double[] x) {
    int c = 0;
    for (double v : x) if (v != 0.0) c++;
    return c;
  }

  public static boolean allFinite(double[] x) {
    for (double v : x) if (!Double.isFinite(v)) return false;
    return true;
  }

  /** out = x − eta * g; out may alias x. */
  public static void gradientStep(double[] x, double eta, double[] g, double[] out) {
    for (int i = 0; i < x.length; i++) out[i] = x[i] - eta * g[i];
  }
}
