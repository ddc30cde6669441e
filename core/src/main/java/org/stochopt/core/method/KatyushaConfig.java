package org.stochopt.core.method;

import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.StepSizes;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * Minibatch Katyusha settings (Allen-Zhu, STOC 2017 / JMLR 2018, §5 "mini-batch").
 *
 * @param batchSize b
 * @param tau1 τ₁, the weight of the mirror sequence z in x_{k+1} (strongly convex case; in the
 *     non-strongly-convex case τ₁ = 2/(s+4) per epoch s and this field is ignored)
 * @param tau2 τ₂, the Katyusha momentum: the pull of x_{k+1} towards the anchor x̃
 * @param step η = 1/(3L̃), the gradient step of the y sequence; the mirror step is α = η/τ₁
 * @param epochLength m, steps between anchors (⌈n/b⌉)
 * @param sigma σ, the strong convexity of R used in the anchor weights (1+ασ)^j; 0 selects the
 *     non-strongly-convex variant Katyusha^ns
 */
public record KatyushaConfig(int batchSize, double tau1, double tau2, double step, long epochLength, double sigma) {

  public KatyushaConfig {
    if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    if (!(tau2 >= 0 && tau2 <= 0.5)) throw new IllegalArgumentException("tau2 must be in [0, 1/2], got " + tau2);
    if (sigma > 0 && !(tau1 > 0 && tau1 + tau2 <= 1.0)) {
      throw new IllegalArgumentException("tau1 must be in (0, 1 - tau2], got tau1=" + tau1 + ", tau2=" + tau2);
    }
    if (!(step > 0) || !Double.isFinite(step)) throw new IllegalArgumentException("step size must be positive, got " + step);
    if (epochLength <= 0) throw new IllegalArgumentException("epoch length must be positive, got " + epochLength);
    if (!(sigma >= 0)) throw new IllegalArgumentException("sigma must be >= 0, got " + sigma);
  }

  public boolean stronglyConvex() {
    return sigma > 0;
  }

  /**
   * The theory parameters from n, b, L, L̄ (or L_max), μ. With L_Q the sampling smoothness
   * ({@link StepSizes#samplingSmoothness}: L̄ under importance sampling, L_max under uniform) and
   * the phase transition b₀ = √(n·L_Q/L):
   * <pre>
   *   m  = ⌈n/b⌉,   τ₂ = min(L_Q/(2Lb), 1/2)
   *   b ≤ b₀ (mini-batch phase):  L̃ = L_Q/(2bτ₂) ≥ L,  τ₁ = min(√(8bmσ/(3L_Q))·τ₂, τ₂)
   *   b > b₀ (full-batch phase):  L̃ = L,               τ₁ = min(√(2σ/(3L)), 1/2)
   *   η = 1/(3L̃),  α = 1/(3τ₁L̃) = η/τ₁
   * </pre>
   * so that 1/(ασ) = 3τ₁L̃/σ is √(6n·L_Q/σ)/b below b₀ and √(6L/σ) above it: the two terms of
   * T(b) = O(n/b + √κ + √(nL_Q/μ)/b), continuous at b₀ (docs/minibatch-methods.md).
   */
  public static KatyushaConfig theory(ProblemConstants c, int b, SamplingScheme scheme) {
    double lq = StepSizes.samplingSmoothness(c, scheme);
    double l = c.globalL();
    long m = (c.n() + b - 1) / b;
    double sigma = c.mu();
    double tau2 = Math.min(lq / (2.0 * l * b), 0.5);
    double b0 = Math.sqrt(c.n() * lq / l);
    double lTilde;
    double tau1;
    if (b <= b0) {
      lTilde = lq / (2.0 * b * tau2);
      tau1 = Math.min(Math.sqrt(8.0 * b * m * sigma / (3.0 * lq)) * tau2, tau2);
    } else {
      lTilde = l;
      tau1 = Math.min(Math.sqrt(2.0 * sigma / (3.0 * l)), 0.5);
    }
    if (sigma == 0) tau1 = 0.5; // unused: Katyusha^ns sets τ₁ per epoch
    return new KatyushaConfig(b, tau1, tau2, 1.0 / (3.0 * lTilde), m, sigma);
  }

  public KatyushaConfig withStep(double newStep) {
    return new KatyushaConfig(batchSize, tau1, tau2, newStep, epochLength, sigma);
  }

  public KatyushaConfig withTaus(double newTau1, double newTau2) {
    return new KatyushaConfig(batchSize, newTau1, newTau2, step, epochLength, sigma);
  }
}
