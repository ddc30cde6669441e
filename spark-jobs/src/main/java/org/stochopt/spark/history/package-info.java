/**
 * The history of scheduled sweeps: every {@code stochopt sweep} run appends its cells, its
 * recommendation and its provenance to a Parquet dataset ({@link org.stochopt.spark.history.SweepHistory}),
 * and {@code stochopt sweep-history} turns it into a trend report with a regression verdict
 * ({@link org.stochopt.spark.history.TrendReport}) that a scheduler can alert on.
 */
package org.stochopt.spark.history;
