/**
 * Losses on the margin z = ⟨w, x⟩: φ(z; y), φ′ and the curvature bound c = sup φ″ that fixes the
 * smoothness constants L_i = c‖x_i‖². Classification losses take y ∈ {−1, +1}; the multi-class
 * losses act on K margins with labels 0..K−1. Numerically stable primitives live in
 * {@link org.stochopt.core.loss.Numerics}. Conventions and formulas: docs/conventions.md.
 */
package org.stochopt.core.loss;
