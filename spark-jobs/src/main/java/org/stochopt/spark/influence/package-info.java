/**
 * The {@code stochopt influence} and {@code stochopt cleanse} jobs: data split into training,
 * validation and test rows (optionally with flipped training labels), SGD with a replay log,
 * the SGD-influence estimate and its baselines ({@link org.stochopt.core.influence}), and the
 * reports (CSV, histogram, test error against the number of removed rows). In-process and on
 * Spark the same core tasks run; only the {@link org.stochopt.core.runtime.PartitionRunner} differs.
 */
package org.stochopt.spark.influence;
