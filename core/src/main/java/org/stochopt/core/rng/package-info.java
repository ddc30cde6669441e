/**
 * Seeded randomness: every stream is a pure function of (seed, purpose, index…) through
 * {@link org.stochopt.core.rng.Seeds}, so a minibatch, a particle's noise or a feature map is the
 * same wherever and whenever it is drawn — what makes in-process and Spark runs, and resumed runs,
 * identical.
 */
package org.stochopt.core.rng;
