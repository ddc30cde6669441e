/**
 * Random-feature maps: x ∈ ℝ^d ↦ z(x) ∈ ℝ^M with ⟨z(x), z(y)⟩ ≈ k(x, y), so that a kernel problem
 * becomes a linear one that every stochopt method already solves.
 *
 * <p><b>Never shipped, always regenerated.</b> A map serializes only its parameters (kind, d, M,
 * bandwidth σ, seed). Frequencies and offsets are transient and regenerated on first use from
 * {@link org.stochopt.core.rng.Seeds#child} streams keyed by (seed, stream, index), with the
 * JVM-independent {@link org.stochopt.core.rng.GaussianDraws} and {@link StrictMath} only, so
 * every executor computes bit-identical features for the same seed. Feature j depends on (seed, j)
 * (or on its structured block), never on how rows or features are split across machines.
 *
 * <p>Depends on {@code core.linalg} and {@code core.rng} only.
 */
package org.stochopt.core.features;
