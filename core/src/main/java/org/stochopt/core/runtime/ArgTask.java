package org.stochopt.core.runtime;

import java.io.Serializable;

/**
 * A task with a per-partition argument: partition p receives only {@code args.get(p)} (its slice
 * of the iterate, its rows), so a call ships Σ_p |arg_p| rather than P·Σ_p |arg_p|.
 */
@FunctionalInterface
public interface ArgTask<B, A, R> extends Serializable {
  R apply(int partition, B block, A arg);
}
