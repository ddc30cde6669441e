/**
 * {@code stochopt bench}: stochopt in-process and on Spark against Spark MLlib (same session, same
 * cached rows, its objective checked against ours) and LIBLINEAR (same rows, exported), with
 * time-to-accuracy curves, memory peaks and a Markdown report.
 */
package org.stochopt.spark.bench;
