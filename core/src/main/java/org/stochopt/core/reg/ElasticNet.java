package org.stochopt.core.reg;

/**
 * R(w) = λ₁‖w‖₁ + (λ₂/2)‖w‖², the common form of which L2, L1 and the elastic net are special
 * cases (λ₁ = 0, λ₂ = 0, both positive). Its prox is separable and exact:
 * prox_{ηR}(v)_j = sign(v_j) · max(|v_j| − ηλ₁, 0) / (1 + ηλ₂) — soft-threshold, then shrink.
 *
 * <p>The command-line spec {@code elasticnet:λ,α} follows Spark MLlib's convention
 * λ(α‖w‖₁ + (1−α)/2 ‖w‖²), so λ₁ = αλ and λ₂ = (1−α)λ, and the same numbers can be passed to
 * MLlib's {@code regParam}/{@code elasticNetParam}.
 */
public final class ElasticNet implements Regularizer {
  private static final long serialVersionUID = 1L;

  private final double l1;
  private final double l2;
  private final String spec;

  public ElasticNet(double l1, double l2, String spec) {
    if (!(l1 >= 0) || !(l2 >= 0) || !Double.isFinite(l1) || !Double.isFinite(l2)) {
      throw new IllegalArgumentException(
          "regularization weights must be finite and non-negative, got l1=" + l1 + ", l2=" + l2);
    }
    this.l1 = l1;
    this.l2 = l2;
    this.spec = spec;
  }

  public static ElasticNet l2(double lambda) {
    return new ElasticNet(0.0, lambda, "l2:" + lambda);
  }

  public static ElasticNet l1(double lambda) {
    return new ElasticNet(lambda, 0.0, "l1:" + lambda);
  }

  /** Spark's parameterization: λ(α‖w‖₁ + (1−α)/2 ‖w‖²). */
  public static ElasticNet sparkStyle(double lambda, double alpha) {
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("elastic-net mixing alpha must be in [0, 1], got " + alpha);
    }
    return new ElasticNet(alpha * lambda, (1 - alpha) * lambda, "elasticnet:" + lambda + "," + alpha);
  }

  public static ElasticNet none() {
    return new ElasticNet(0.0, 0.0, "none");
  }

  @Override
  public double value(double[] w) {
    double a = 0.0;
    double s = 0.0;
    for (double v : w) {
      a += Math.abs(v);
      s += v * v;
    }
    return l1 * a + 0.5 * l2 * s;
  }

  @Override
  public void prox(double[] v, double eta, double[] out) {
    double t = eta * l1;
    double shrink = 1.0 / (1.0 + eta * l2);
    for (int j = 0; j < v.length; j++) out[j] = proxCoordinate(v[j], t, shrink);
  }

  /**
   * The prox on one coordinate: sign(x)·max(|x| − τ, 0)·s with τ = ηλ₁, s = 1/(1 + ηλ₂). Every lazy
   * (just-in-time) step that replays or catches up dense steps calls this, so that it reproduces the
   * dense path's bits; with s = 1 it is the plain soft-threshold.
   */
  public static double proxCoordinate(double x, double threshold, double shrink) {
    double m = Math.abs(x) - threshold;
    return m > 0 ? Math.copySign(m, x) * shrink : 0.0;
  }

  @Override
  public double strongConvexity() {
    return l2;
  }

  @Override
  public boolean isSmooth() {
    return l1 == 0.0;
  }

  @Override
  public double l1Weight() {
    return l1;
  }

  @Override
  public String spec() {
    return spec;
  }

  @Override
  public String toString() {
    return spec;
  }
}
