/**
 * The seam between methods and data: {@link org.stochopt.core.oracle.GradientOracle}, written once
 * for every backend as {@link org.stochopt.core.oracle.PartitionedOracle} (row partitions over a
 * {@link org.stochopt.core.runtime.PartitionRunner}) and
 * {@link org.stochopt.core.oracle.FeatureShardedOracle} (random features split by feature blocks).
 * Every counted call is one communication round; gradients are of the quantity minimized; partition
 * sums are merged in partition order.
 */
package org.stochopt.core.oracle;
