/**
 * Run outputs: trace.csv, summary.json (written atomically), weights, and the convergence plots.
 */
package org.stochopt.spark.report;
