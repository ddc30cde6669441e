/**
 * {@code stochopt precondition-study}: GD, natural gradient and their interpolations in
 * overparameterised ridgeless regression (Amari et al., ICLR 2021), with bias and variance measured
 * separately over seeds, on a Gaussian design with a covariance spectrum, on random features (the
 * RKHS setting) and on Fashion-MNIST with injected label noise. Σ_X is formed from an unlabeled
 * pool with the same one-aggregation task the training option uses, in-process or on Spark.
 */
package org.stochopt.spark.precond;
