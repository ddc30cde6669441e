/**
 * Regularizers with exact proximal maps: one class, {@link org.stochopt.core.reg.ElasticNet}, covers
 * none, l2:λ ((λ/2)‖w‖²), l1:λ and elasticnet:λ,α (MLlib's convention λ(α‖w‖₁ + (1−α)/2‖w‖²)).
 * The prox soft-thresholds first, then shrinks; {@code out} may alias the input.
 */
package org.stochopt.core.reg;
