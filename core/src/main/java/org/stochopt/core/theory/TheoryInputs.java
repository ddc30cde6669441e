package org.stochopt.core.theory;

import org.stochopt.core.optim.ProblemConstants;

/**
 * What the minibatch theory needs to know about a problem.
 *
 * @param constants n, d, L (of f), L̄ (mean L_i), L_max, μ (strong convexity of R)
 * @param epsilon target absolute suboptimality F(x) − F* (the sweep passes ε_rel·|F*|)
 * @param distanceSquared R² = ‖x₀ − x*‖², used only when μ = 0 (the non-strongly-convex bounds are
 *     in terms of L·R²/ε); NaN when unknown
 * @param noiseAtOptimum σ*² = (1/n)Σ‖∇f_i(x*) − ∇f(x*)‖², the per-example gradient variance at the
 *     optimum, used only by plain SGD (variance-reduced methods do not depend on it); NaN when unknown
 */
public record TheoryInputs(ProblemConstants constants, double epsilon, double distanceSquared, double noiseAtOptimum) {
  public TheoryInputs {
    if (constants == null) throw new IllegalArgumentException("constants are required");
    if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
      throw new IllegalArgumentException("target suboptimality must be positive and finite, got " + epsilon);
    }
    if (distanceSquared < 0) throw new IllegalArgumentException("distanceSquared must be >= 0 or NaN");
    if (noiseAtOptimum < 0) throw new IllegalArgumentException("noiseAtOptimum must be >= 0 or NaN");
  }

  public static TheoryInputs stronglyConvex(ProblemConstants constants, double epsilon) {
    return new TheoryInputs(constants, epsilon, Double.NaN, Double.NaN);
  }

  boolean stronglyConvex() {
    return constants.mu() > 0;
  }
}
