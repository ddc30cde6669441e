package org.stochopt.core.meanfield;

/**
 * Particle dual averaging settings.
 *
 * @param eta inner Langevin step in the MFLD parameterization (θ ← θ − η∇V + sqrt(2λ₂η)ξ); the
 *     paper's inner step on g = V/λ₂ is η_in = λ₂·η
 * @param innerSteps Langevin steps per outer iteration T_in (constant; see {@link ParticleDualAveraging})
 * @param seed run seed (noise)
 */
public record PdaConfig(double eta, int innerSteps, long seed) {
  public PdaConfig {
    if (!(eta > 0 && Double.isFinite(eta))) throw new IllegalArgumentException("--step must be positive and finite, got " + eta);
    if (innerSteps < 1) throw new IllegalArgumentException("--inner-steps must be at least 1, got " + innerSteps);
  }
}
