package org.stochopt.core.embed;

import java.util.SplittableRandom;

/**
 * The Poincaré ball {θ : ‖θ‖ &lt; 1} with the metric (2 / (1 − ‖θ‖²))²·I (Nickel &amp; Kiela 2017).
 *
 * <pre>
 *   d(a, b) = arcosh(γ),  γ = 1 + 2‖a − b‖² / (α β),  α = 1 − ‖a‖², β = 1 − ‖b‖²
 *   ∂d/∂a   = 4 / (β √(γ² − 1)) · ( (‖b‖² − 2⟨a, b⟩ + 1) / α² · a − b / α )
 *   step:     θ ← θ − lr · ((1 − ‖θ‖²)² / 4) · ∇_E        (the inverse metric rescales the gradient)
 *             if ‖θ‖ ≥ 1 − ε:  θ ← θ (1 − ε) / ‖θ‖        (ε = 1e-5, back inside the ball)
 *   radius:   d(0, θ) = 2 artanh ‖θ‖
 * </pre>
 *
 * γ² − 1 is clamped at 1e-12 (as the reference code clamps it), so coincident points give a large
 * but finite gradient.
 */
public final class PoincareBall implements Manifold {
  private static final long serialVersionUID = 1L;
  /** How far inside the unit sphere a step must stay. */
  public static final double EPS = 1e-5;
  static final double MIN_SQUARE = 1e-12;

  @Override
  public String name() {
    return "poincare";
  }

  @Override
  public int ambientDim(int dim) {
    return dim;
  }

  @Override
  public double distance(double[] a, int ao, double[] b, int bo, int n) {
    double aa = 0, bb = 0, diff = 0;
    for (int i = 0; i < n; i++) {
      double x = a[ao + i], y = b[bo + i], d = x - y;
      aa += x * x;
      bb += y * y;
      diff += d * d;
    }
    double gamma = 1 + 2 * diff / ((1 - aa) * (1 - bb));
    return arcosh(gamma);
  }

  static double arcosh(double x) {
    if (x <= 1) return 0;
    return Math.log(x + Math.sqrt((x - 1) * (x + 1)));
  }

  @Override
  public void addDistanceGradient(double[] a, int ao, double[] b, int bo, int n, double c, double[] ga, int gao, double[] gb, int gbo) {
    double aa = 0, bb = 0, ab = 0;
    for (int i = 0; i < n; i++) {
      double x = a[ao + i], y = b[bo + i];
      aa += x * x;
      bb += y * y;
      ab += x * y;
    }
    double alpha = 1 - aa, beta = 1 - bb;
    double diff = Math.max(0, aa - 2 * ab + bb);
    double gamma = 1 + 2 * diff / (alpha * beta);
    double root = Math.sqrt(Math.max(gamma * gamma - 1, MIN_SQUARE));
    // ∂d/∂a = ka·a − kb·b with the coefficients below; symmetric for ∂d/∂b.
    double fa = 4 * c / (beta * root);
    double caa = fa * (bb - 2 * ab + 1) / (alpha * alpha), cab = fa / alpha;
    double fb = 4 * c / (alpha * root);
    double cbb = fb * (aa - 2 * ab + 1) / (beta * beta), cba = fb / beta;
    for (int i = 0; i < n; i++) {
      double x = a[ao + i], y = b[bo + i];
      ga[gao + i] += caa * x - cab * y;
      gb[gbo + i] += cbb * y - cba * x;
    }
  }

  @Override
  public void step(double[] x, int xo, double[] g, int go, int n, double lr) {
    double sq = 0;
    for (int i = 0; i < n; i++) sq += x[xo + i] * x[xo + i];
    double k = lr * (1 - sq) * (1 - sq) / 4;
    for (int i = 0; i < n; i++) x[xo + i] -= k * g[go + i];
    project(x, xo, n, 1 - EPS);
  }

  private static void project(double[] x, int xo, int n, double maxNorm) {
    double sq = 0;
    for (int i = 0; i < n; i++) sq += x[xo + i] * x[xo + i];
    double norm = Math.sqrt(sq);
    if (norm >= maxNorm) {
      double k = maxNorm / norm;
      for (int i = 0; i < n; i++) x[xo + i] *= k;
    }
  }

  @Override
  public double radius(double[] x, int xo, int n) {
    double sq = 0;
    for (int i = 0; i < n; i++) sq += x[xo + i] * x[xo + i];
    double norm = Math.min(Math.sqrt(sq), 1 - 1e-16);
    return 2 * 0.5 * Math.log((1 + norm) / (1 - norm));
  }

  @Override
  public void boundRadius(double[] x, int xo, int n, double r) {
    double max = Math.tanh(r / 2);
    double sq = 0;
    for (int i = 0; i < n; i++) sq += x[xo + i] * x[xo + i];
    if (Math.sqrt(sq) > max) project(x, xo, n, max);
  }

  @Override
  public void init(SplittableRandom rng, double scale, double[] x, int xo, int n) {
    for (int i = 0; i < n; i++) x[xo + i] = scale * (2 * rng.nextDouble() - 1);
    project(x, xo, n, 1 - EPS);
  }

  @Override
  public boolean contains(double[] x, int xo, int n, double tol) {
    double sq = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(x[xo + i])) return false;
      sq += x[xo + i] * x[xo + i];
    }
    return Math.sqrt(sq) < 1;
  }
}
