/**
 * Graph and ordinal embeddings in Euclidean and hyperbolic space, trained by Riemannian SGD with
 * sparse row gradients over a {@link org.stochopt.core.runtime.PartitionRunner}.
 *
 * <p>The executors only compute Euclidean gradients of the loss with respect to the rows their
 * minibatch touches; the Riemannian correction and the retraction ({@link Manifold#step}) run where
 * the rows live (the driver, or the row shards). Geometry: {@link EuclideanSpace},
 * {@link PoincareBall}, {@link LorentzModel}. Losses: {@link LinkObjective} (negative sampling,
 * softmax or logistic) and {@link OrdinalObjective} (hinge on quadruplet comparisons).
 */
package org.stochopt.core.embed;
