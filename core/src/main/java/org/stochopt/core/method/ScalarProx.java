package org.stochopt.core.method;

/**
 * The prox of R(u) = λ₁|u| + (λ₂/2)u² on one coordinate, with {@code ElasticNet.prox}'s own
 * arithmetic (soft-threshold by τ = ηλ₁, then multiply by s = 1/(1 + ηλ₂)), so that a lazy step
 * that replays a dense one gives the same bits.
 */
final class ScalarProx {
  private ScalarProx() {}

  /** sign(v)·max(|v| − τ, 0)·s. */
  static double apply(double v, double threshold, double shrink) {
    double mag = Math.abs(v) - threshold;
    return mag > 0 ? Math.copySign(mag, v) * shrink : 0.0;
  }
}
