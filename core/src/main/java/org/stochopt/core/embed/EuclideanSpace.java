package org.stochopt.core.embed;

import java.util.SplittableRandom;

/**
 * ℝ^d. Distance ‖a − b‖; the link score is either −‖a − b‖² (the Euclidean baseline of Nickel &amp;
 * Kiela 2017, whose code uses the squared distance) or the inner product ⟨a, b⟩ (the linear model
 * of Suzuki et al. 2021). The step is plain SGD, θ ← θ − lr·g.
 */
public final class EuclideanSpace implements Manifold {
  private static final long serialVersionUID = 1L;
  private final boolean dot;

  /** @param dot score by ⟨a, b⟩ instead of −‖a − b‖² */
  public EuclideanSpace(boolean dot) {
    this.dot = dot;
  }

  public boolean dotScore() {
    return dot;
  }

  @Override
  public String name() {
    return dot ? "euclidean-dot" : "euclidean";
  }

  @Override
  public int ambientDim(int dim) {
    return dim;
  }

  @Override
  public double distance(double[] a, int ao, double[] b, int bo, int n) {
    return Math.sqrt(squared(a, ao, b, bo, n));
  }

  static double squared(double[] a, int ao, double[] b, int bo, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double d = a[ao + i] - b[bo + i];
      s += d * d;
    }
    return s;
  }

  @Override
  public void addDistanceGradient(double[] a, int ao, double[] b, int bo, int n, double c, double[] ga, int gao, double[] gb, int gbo) {
    double d = distance(a, ao, b, bo, n);
    if (d == 0) return; // a subgradient: 0
    double k = c / d;
    for (int i = 0; i < n; i++) {
      double t = k * (a[ao + i] - b[bo + i]);
      ga[gao + i] += t;
      gb[gbo + i] -= t;
    }
  }

  @Override
  public double score(double[] a, int ao, double[] b, int bo, int n) {
    if (!dot) return -squared(a, ao, b, bo, n);
    double s = 0;
    for (int i = 0; i < n; i++) s += a[ao + i] * b[bo + i];
    return s;
  }

  @Override
  public void addScoreGradient(double[] a, int ao, double[] b, int bo, int n, double c, double[] ga, int gao, double[] gb, int gbo) {
    for (int i = 0; i < n; i++) {
      if (dot) {
        ga[gao + i] += c * b[bo + i];
        gb[gbo + i] += c * a[ao + i];
      } else {
        double t = -2 * c * (a[ao + i] - b[bo + i]);
        ga[gao + i] += t;
        gb[gbo + i] -= t;
      }
    }
  }

  @Override
  public void step(double[] x, int xo, double[] g, int go, int n, double lr) {
    for (int i = 0; i < n; i++) x[xo + i] -= lr * g[go + i];
  }

  @Override
  public double radius(double[] x, int xo, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += x[xo + i] * x[xo + i];
    return Math.sqrt(s);
  }

  @Override
  public void boundRadius(double[] x, int xo, int n, double r) {
    double norm = radius(x, xo, n);
    if (norm > r) {
      double k = r / norm;
      for (int i = 0; i < n; i++) x[xo + i] *= k;
    }
  }

  @Override
  public void init(SplittableRandom rng, double scale, double[] x, int xo, int n) {
    for (int i = 0; i < n; i++) x[xo + i] = scale * (2 * rng.nextDouble() - 1);
  }

  @Override
  public boolean contains(double[] x, int xo, int n, double tol) {
    for (int i = 0; i < n; i++) if (!Double.isFinite(x[xo + i])) return false;
    return true;
  }
}
