/**
 * SGD-influence (Hara, Nitanda &amp; Maehara, NeurIPS 2019): which training rows hurt a model
 * trained by minibatch SGD, computed by replaying that SGD backwards with Hessian–vector products.
 *
 * <p>The pieces: {@link org.stochopt.core.influence.RowModel} (a per-row loss with its gradient
 * and Hessian–vector product), {@link org.stochopt.core.influence.ReplayableSgd} (the training,
 * whose minibatches are pure functions of (seed, step) and whose iterates are kept in an
 * {@link org.stochopt.core.influence.IterateLog} under a memory bound),
 * {@link org.stochopt.core.influence.SgdInfluence} (the backward replay),
 * {@link org.stochopt.core.influence.KohLiangInfluence} (the influence-function baseline),
 * {@link org.stochopt.core.influence.ExactCounterfactual} (retraining without a row, same batches)
 * and {@link org.stochopt.core.influence.RankAgreement} (Kendall τ, top-k Jaccard). Every pass
 * over the rows is a task over a {@link org.stochopt.core.runtime.PartitionRunner}, so the
 * in-process and Spark backends run the same arithmetic.
 */
package org.stochopt.core.influence;
