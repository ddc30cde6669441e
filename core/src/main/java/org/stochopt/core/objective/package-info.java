/**
 * Finite-sum objectives f(w) = (1/n) Σ f_i(w) and their one mergeable accumulator,
 * {@link org.stochopt.core.objective.GradientSum} (Σ∇f_i, Σf_i, the count). Objectives are stateless
 * and serializable: the same object runs in tests, in-process and inside Spark tasks. Sums are never
 * divided inside a partition; the driver divides once, by n or by b.
 */
package org.stochopt.core.objective;
