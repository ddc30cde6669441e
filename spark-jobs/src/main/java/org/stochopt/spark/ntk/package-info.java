/**
 * {@code train --model ntk} and {@code ntk-spectrum}: the Spark side of the NTK model of
 * {@link org.stochopt.core.ntk}. Neuron blocks live in a cached RDD through
 * {@link org.stochopt.spark.runtime.SparkPartitionRunner}; the model code is the in-process code.
 */
package org.stochopt.spark.ntk;
