/**
 * {@code train --model meanfield}: config, data, the Spark particle ensemble and the report of a mean-field run.
 */
package org.stochopt.spark.meanfield;
