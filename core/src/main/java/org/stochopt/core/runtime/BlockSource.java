package org.stochopt.core.runtime;

import java.io.Serializable;

/**
 * Makes partition p's initial block where the block will live (on the executor on Spark): data
 * generated from (seed, row), particles drawn from (seed, particle). Must be a pure function of p.
 */
@FunctionalInterface
public interface BlockSource<B> extends Serializable {
  B create(int partition);
}
