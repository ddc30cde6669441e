/**
 * {@code train --model resfgb} and the comparison against MLlib: loading the rows, placing them in
 * partitions that hold their features (in-process or cached RDD blocks), the job with its per-layer
 * state for resume, the report, and MLlib's MLP and gradient-boosted trees fitted on the same rows.
 */
package org.stochopt.spark.resfgb;
