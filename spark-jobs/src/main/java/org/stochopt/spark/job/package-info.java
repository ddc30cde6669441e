/**
 * The train pipeline: typed {@link org.stochopt.spark.job.TrainConfig} → data → constants →
 * reference optimum → {@link org.stochopt.core.method.MethodRun} → outputs. The same path serves
 * {@code --master in-process} and every Spark master.
 */
package org.stochopt.spark.job;
