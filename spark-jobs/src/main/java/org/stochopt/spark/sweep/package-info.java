/**
 * {@code stochopt sweep}: methods × minibatch sizes × step multipliers × seeds on shared cached data,
 * each cell persisted atomically (resumable), analysed against the theory (b*, T(b), the gradient
 * noise scale), with the cluster's fitted round latency and a recommendation.
 */
package org.stochopt.spark.sweep;
