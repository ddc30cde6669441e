package org.stochopt.core.reference;

/**
 * A high-precision minimizer of F used to measure suboptimality.
 *
 * @param objective F(w*)
 * @param solution w*
 * @param iterations solver iterations used
 * @param optimalityResidual ‖pseudo-gradient‖∞ at w* (the minimum-norm subgradient of F)
 */
public record ReferenceOptimum(double objective, double[] solution, int iterations, double optimalityResidual) {}
