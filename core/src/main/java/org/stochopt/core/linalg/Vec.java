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

  /**
   * Σ_{j<len} a[off + j]·b[j] with four independent partial sums, combined as (s0 + s1) + (s2 + s3).
   * Java keeps floating-point additions in program order, so a single running sum waits one add
   * latency per element; four chains let the multiply-adds overlap. Measured (bench/,
   * docs/performance.md): 1.76× faster dense dot+axpy pass at d = 784. Every dense row kernel
   * (stored or computed features) uses this one function, so they stay bit-identical to each other.
   */
  public static double dot(double[] a, int off, double[] b, int len) {
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int j = 0;
    for (; j + 3 < len; j += 4) {
      s0 += a[off + j] * b[j];
      s1 += a[off + j + 1] * b[j + 1];
      s2 += a[off + j + 2] * b[j + 2];
      s3 += a[off + j + 3] * b[j + 3];
    }
    for (; j < len; j++) s0 += a[off + j] * b[j];
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * Σ_{j<len} a[aOff + j]·b[bOff + j], with the same four partial sums as
   * {@link #dot(double[], int, double[], int)} (so a block of a longer b gives the same bits as a
   * copy of that block): the margin of one class block of a multi-output weight vector.
   */
  public static double dot(double[] a, int aOff, double[] b, int bOff, int len) {
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int j = 0;
    for (; j + 3 < len; j += 4) {
      s0 += a[aOff + j] * b[bOff + j];
      s1 += a[aOff + j + 1] * b[bOff + j + 1];
      s2 += a[aOff + j + 2] * b[bOff + j + 2];
      s3 += a[aOff + j + 3] * b[bOff + j + 3];
    }
    for (; j < len; j++) s0 += a[aOff + j] * b[bOff + j];
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * out[0] = Σ_{j<len} a[off + j]·b[j] and out[1] = Σ_{j<len} a[off + j]·c[j] in one pass over a:
   * each sum with the same four partial sums, in the same order, as {@link #dot(double[], int,
   * double[], int)}, so the results are bit-identical to two separate calls. The row is read once
   * instead of twice (the variance-reduced minibatch step needs its margins at w and at the anchor).
   */
  public static void dot2(double[] a, int off, double[] b, double[] c, int len, double[] out) {
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    double t0 = 0.0;
    double t1 = 0.0;
    double t2 = 0.0;
    double t3 = 0.0;
    int j = 0;
    for (; j + 3 < len; j += 4) {
      double x0 = a[off + j];
      double x1 = a[off + j + 1];
      double x2 = a[off + j + 2];
      double x3 = a[off + j + 3];
      s0 += x0 * b[j];
      s1 += x1 * b[j + 1];
      s2 += x2 * b[j + 2];
      s3 += x3 * b[j + 3];
      t0 += x0 * c[j];
      t1 += x1 * c[j + 1];
      t2 += x2 * c[j + 2];
      t3 += x3 * c[j + 3];
    }
    for (; j < len; j++) {
      s0 += a[off + j] * b[j];
      t0 += a[off + j] * c[j];
    }
    out[0] = (s0 + s1) + (s2 + s3);
    out[1] = (t0 + t1) + (t2 + t3);
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
