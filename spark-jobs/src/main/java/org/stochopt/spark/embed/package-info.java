/** {@code train --model embedding} and {@code embed-eval}: data, backends, reports for graph and ordinal embeddings. */
package org.stochopt.spark.embed;
