/**
 * The reference optimum F* that suboptimalities are measured against: OWL-QN (L-BFGS with orthant
 * projection for the ℓ1 part) to a pseudo-gradient ∞-norm of 1e-12·max(1, |F|), cached on disk under
 * the data fingerprint, n, d, loss and regularizer, written atomically as exact hexadecimal doubles.
 */
package org.stochopt.core.reference;
