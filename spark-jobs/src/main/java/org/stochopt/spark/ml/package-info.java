/**
 * Spark ML pipeline stages over stochopt's core (Java API only): the random-feature map as a
 * {@link org.apache.spark.ml.Transformer}, so it can precede any MLlib classifier in a
 * {@link org.apache.spark.ml.Pipeline}.
 */
package org.stochopt.spark.ml;
