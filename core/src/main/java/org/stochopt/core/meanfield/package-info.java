/**
 * Mean-field two-layer networks as particle systems, trained by mean-field Langevin dynamics
 * ({@link org.stochopt.core.meanfield.Mfld}) and particle dual averaging
 * ({@link org.stochopt.core.meanfield.ParticleDualAveraging}).
 *
 * <p>The model is f_q(x) = E_{θ∼q} h(θ, x), represented by M particles: f(x) = (1/M) Σ_r h(θ_r, x).
 * The training objective over particle distributions q is
 * <pre>
 *   P(q) = (1/n) Σ_i ℓ(f_q(x_i), y_i) + λ₁ E_q‖θ‖² + λ₂ E_q log q,
 * </pre>
 * convex in q. Its first variation is δF/δq(θ) = (1/n) Σ_i ℓ'(f_q(x_i), y_i) h(θ, x_i) + λ₁‖θ‖².
 * Particles interact only through the mean predictions f(x_i), so a sharded ensemble
 * ({@link org.stochopt.core.meanfield.ParticleEnsemble}) exchanges batch-length vectors only.
 *
 * <p>Depends on {@code core.loss}, {@code core.rng} and {@code core.sampling}; no Spark.
 * Equations and constants: {@code docs/mean-field.md}.
 */
package org.stochopt.core.meanfield;
