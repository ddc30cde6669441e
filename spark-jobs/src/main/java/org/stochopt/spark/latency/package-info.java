/**
 * {@code stochopt latency}: what one Spark minibatch round costs, split into phases from Spark's listener events.
 */
package org.stochopt.spark.latency;
