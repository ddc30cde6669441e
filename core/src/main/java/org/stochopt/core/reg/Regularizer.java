package org.stochopt.core.reg;

import java.io.Serializable;

/**
 * The composite part R(w) of F(w) = (1/n) Σ f_i(w) + R(w): convex, with a cheap proximal map.
 */
public interface Regularizer extends Serializable {
  double value(double[] w);

  /**
   * out = prox_{ηR}(v) = argmin_u { R(u) + ‖u − v‖² / (2η) }. {@code out} may alias {@code v}.
   */
  void prox(double[] v, double eta, double[] out);

  /** μ_R such that R − (μ_R/2)‖·‖² is convex: λ for (λ/2)‖w‖², 0 for L1. */
  double strongConvexity();

  /** Whether R is differentiable everywhere (then smooth solvers such as L-BFGS apply directly). */
  boolean isSmooth();

  /** Weight of the ℓ1 part, λ₁ in λ₁‖w‖₁ (0 when there is none). */
  double l1Weight();

  /** Weight of the squared-ℓ2 part, λ₂ in (λ₂/2)‖w‖² (0 when there is none). */
  default double l2Weight() {
    return strongConvexity();
  }

  /** The spec this regularizer was parsed from (e.g. {@code l2:1e-4}). */
  String spec();
}
