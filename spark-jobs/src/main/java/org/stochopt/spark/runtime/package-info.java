/**
 * The Spark backend of the partitioned runtime: {@link org.stochopt.spark.runtime.SparkPartitionRunner}
 * keeps one block per cached RDD partition and runs each call as one Spark job
 * ({@link org.stochopt.spark.runtime.PartitionJob}), returning results in partition order. It moves
 * tasks, broadcasts and results and nothing else: every computation lives in core, written once
 * for both backends.
 */
package org.stochopt.spark.runtime;
