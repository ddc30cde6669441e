package org.stochopt.core.runtime;

import java.util.List;

/**
 * The results of one call, indexed by partition ({@code null} where a partition holds no block),
 * and the compute time of the slowest task: the part of the round's wall time that is not
 * communication.
 */
public record Round<R>(List<R> results, long slowestTaskNanos) {
  public Round {
    results = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(results));
  }

  /** Left fold of the non-null results in partition order, starting from {@code zero}. */
  public R fold(R zero, Merge<R> merge) {
    R total = zero;
    for (R r : results) if (r != null) total = merge.apply(total, r);
    return total;
  }
}
