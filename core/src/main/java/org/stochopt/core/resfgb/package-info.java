/**
 * ResFGB: functional-gradient boosting of residual networks (Nitanda &amp; Suzuki, ICML 2018;
 * AISTATS 2020). A network is grown one block at a time; each block is a step of functional
 * gradient descent on the feature map, z ← z − ι(z)ᵀW, with the embedding ι an MLP fitted to the
 * normalised functional gradient of the current linear head's loss ({@link
 * org.stochopt.core.resfgb.ResFgbTraining}). Rows live in partitions that hold their current
 * features ({@link org.stochopt.core.resfgb.FeatureRows}); the head is refitted by the project's
 * own methods through a {@link org.stochopt.core.oracle.PartitionedOracle} over the same
 * partitions, the block by distributed minibatch Nesterov steps ({@link
 * org.stochopt.core.resfgb.BlockFitter}); all of it is tasks over a {@link
 * org.stochopt.core.runtime.PartitionRunner}, so in-process and Spark runs agree bit for bit.
 */
package org.stochopt.core.resfgb;
