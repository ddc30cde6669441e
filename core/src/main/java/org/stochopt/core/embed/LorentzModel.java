package org.stochopt.core.embed;

import java.util.SplittableRandom;

/**
 * The hyperboloid {θ ∈ ℝ^{d+1} : ⟨θ, θ⟩_L = −1, θ₀ &gt; 0} with ⟨u, v⟩_L = −u₀v₀ + Σ_{i≥1} uᵢvᵢ
 * (Nickel &amp; Kiela 2018).
 *
 * <pre>
 *   d(a, b) = arcosh(x),  x = −⟨a, b⟩_L
 *   ∂d/∂a   = (b₀, −b₁, …, −b_d) / √(x² − 1)
 *   step:     h ← ∇_E with h₀ negated                 (raise the index with diag(−1, 1, …, 1))
 *             h ← h + ⟨θ, h⟩_L θ                      (project onto the tangent space at θ)
 *             v ← −lr h,  ‖v‖_L = √max(⟨v, v⟩_L, 0),  t = min(‖v‖_L, 1)
 *             θ ← cosh(t) θ + sinh(t) v / ‖v‖_L       (exponential map, step length clipped at 1)
 *             θ₀ ← √(1 + ‖θ_{1:}‖²)                    (back onto the hyperboloid against rounding)
 *   radius:   d(o, θ) = arcosh θ₀,  o = (1, 0, …, 0)
 *   to ball:  p = θ_{1:} / (1 + θ₀)                    (the isometry onto the Poincaré ball)
 * </pre>
 */
public final class LorentzModel implements Manifold {
  private static final long serialVersionUID = 1L;
  /** The longest exponential-map step (as in the reference code). */
  public static final double MAX_STEP = 1.0;

  @Override
  public String name() {
    return "lorentz";
  }

  @Override
  public int ambientDim(int dim) {
    return dim + 1;
  }

  static double minkowski(double[] a, int ao, double[] b, int bo, int n) {
    double s = -a[ao] * b[bo];
    for (int i = 1; i < n; i++) s += a[ao + i] * b[bo + i];
    return s;
  }

  @Override
  public double distance(double[] a, int ao, double[] b, int bo, int n) {
    return PoincareBall.arcosh(-minkowski(a, ao, b, bo, n));
  }

  @Override
  public void addDistanceGradient(double[] a, int ao, double[] b, int bo, int n, double c, double[] ga, int gao, double[] gb, int gbo) {
    double x = Math.max(1.0, -minkowski(a, ao, b, bo, n));
    double k = c / Math.sqrt(Math.max(x * x - 1, PoincareBall.MIN_SQUARE));
    ga[gao] += k * b[bo];
    gb[gbo] += k * a[ao];
    for (int i = 1; i < n; i++) {
      ga[gao + i] -= k * b[bo + i];
      gb[gbo + i] -= k * a[ao + i];
    }
  }

  @Override
  public void step(double[] x, int xo, double[] g, int go, int n, double lr) {
    double[] h = new double[n];
    h[0] = -g[go];
    for (int i = 1; i < n; i++) h[i] = g[go + i];
    double inner = minkowski(x, xo, h, 0, n);
    for (int i = 0; i < n; i++) h[i] = -lr * (h[i] + inner * x[xo + i]);
    double norm = Math.sqrt(Math.max(minkowski(h, 0, h, 0, n), 0));
    if (norm > 0) {
      double t = Math.min(norm, MAX_STEP);
      double ch = Math.cosh(t), sh = Math.sinh(t) / norm;
      for (int i = 0; i < n; i++) x[xo + i] = ch * x[xo + i] + sh * h[i];
    }
    reproject(x, xo, n);
  }

  private static void reproject(double[] x, int xo, int n) {
    double sq = 0;
    for (int i = 1; i < n; i++) sq += x[xo + i] * x[xo + i];
    x[xo] = Math.sqrt(1 + sq);
  }

  @Override
  public double radius(double[] x, int xo, int n) {
    return PoincareBall.arcosh(x[xo]);
  }

  @Override
  public void boundRadius(double[] x, int xo, int n, double r) {
    if (x[xo] <= Math.cosh(r)) return;
    double sq = 0;
    for (int i = 1; i < n; i++) sq += x[xo + i] * x[xo + i];
    double k = Math.sinh(r) / Math.sqrt(sq);
    for (int i = 1; i < n; i++) x[xo + i] *= k;
    reproject(x, xo, n);
  }

  @Override
  public void init(SplittableRandom rng, double scale, double[] x, int xo, int n) {
    for (int i = 1; i < n; i++) x[xo + i] = scale * (2 * rng.nextDouble() - 1);
    reproject(x, xo, n);
  }

  @Override
  public boolean contains(double[] x, int xo, int n, double tol) {
    for (int i = 0; i < n; i++) if (!Double.isFinite(x[xo + i])) return false;
    return x[xo] > 0 && Math.abs(minkowski(x, xo, x, xo, n) + 1) <= tol * Math.max(1, x[xo] * x[xo]);
  }

  @Override
  public double[] toBall(double[] x, int xo, int n) {
    double[] p = new double[n - 1];
    for (int i = 1; i < n; i++) p[i - 1] = x[xo + i] / (1 + x[xo]);
    return p;
  }

  /** The inverse isometry: a Poincaré-ball point p ↦ ((1 + ‖p‖²), 2p) / (1 − ‖p‖²). */
  public static double[] fromBall(double[] p) {
    double sq = 0;
    for (double v : p) sq += v * v;
    double[] x = new double[p.length + 1];
    x[0] = (1 + sq) / (1 - sq);
    for (int i = 0; i < p.length; i++) x[i + 1] = 2 * p[i] / (1 - sq);
    return x;
  }
}
