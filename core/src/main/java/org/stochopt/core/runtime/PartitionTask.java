package org.stochopt.core.runtime;

import java.io.Serializable;

/**
 * What one partition computes from its block (runs inside a Spark task on a cluster, so it must
 * be serializable and must not capture the driver's mutable state: copy or {@link Shipped} what it
 * reads).
 *
 * @param <B> the block type
 * @param <R> the result type
 */
@FunctionalInterface
public interface PartitionTask<B, R> extends Serializable {
  R apply(int partition, B block);
}
