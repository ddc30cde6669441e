/**
 * Datasets for the experiments: the {@link org.stochopt.datasets.Dataset} value that every reader
 * returns, and loaders for named benchmark data ({@link org.stochopt.datasets.FashionMnist}).
 *
 * <p>This module is plain Java on purpose (it depends only on {@code core}): the same readers and
 * generators run in unit tests, in the single-machine reference solvers and inside Spark tasks,
 * so they must not drag in Spark or Hadoop. File parsing lives in {@code io}, synthetic problems
 * in {@code synth}.
 */
package org.stochopt.datasets;
