/**
 * The one partitioned runtime every model runs on: a {@link org.stochopt.core.runtime.PartitionRunner}
 * holds P blocks (row blocks, particle blocks, feature shards, …) where they live — in this JVM or
 * in a cached Spark RDD — runs a serializable task next to each block and hands the P results back
 * in partition order. Oracles, particle ensembles and feature shards are written once, as tasks over
 * a runner; the two backends ({@link org.stochopt.core.runtime.LocalPartitionRunner} here, the Spark
 * runner in {@code spark-jobs}) only move tasks and results, so they agree by construction.
 *
 * <p>Conventions: results come back indexed by partition, never in arrival order; a partition
 * that holds no block yields {@code null}; every merge is a left fold in partition order, which is
 * what makes in-process and Spark runs bit-identical.
 */
package org.stochopt.core.runtime;
