/**
 * The Spark constructors of the oracles written in core: {@link org.stochopt.spark.oracle.SparkGradientOracle}
 * (rows) and {@link org.stochopt.spark.oracle.SparkFeatureShards} (random-feature shards). They only
 * build a {@link org.stochopt.spark.runtime.SparkPartitionRunner}; the operations are core's.
 */
package org.stochopt.spark.oracle;
