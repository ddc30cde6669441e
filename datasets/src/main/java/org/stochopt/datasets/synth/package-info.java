/**
 * Synthetic problems with a known ground truth, generated row by row from a seed.
 *
 * <p>Every row is a pure function of (seed, global row id), so a Spark job can generate each
 * partition on its executor instead of shipping data, and any partitioning of the rows yields
 * bit-identical data. Only fully specified primitives are used ({@link java.util.SplittableRandom},
 * {@link StrictMath}, own Gaussian sampler) so the data is also identical across JDKs and CPUs.
 */
package org.stochopt.datasets.synth;
