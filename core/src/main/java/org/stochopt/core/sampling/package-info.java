/**
 * Minibatch sampling planned on the driver and drawn inside the partitions: the split of b over
 * partitions comes from (seed, step), each partition draws its own sorted local rows from
 * (seed, step, partition). With and without replacement, and importance sampling p_i ∝ L_i with
 * weights 1/(n p_i) (alias tables per block). Both backends call the same code, so they touch
 * identical rows.
 */
package org.stochopt.core.sampling;
