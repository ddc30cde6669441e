package org.stochopt.core.oracle;

import java.io.Serializable;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.objective.FiniteSumObjective;

/**
 * Work a method runs next to one partition's rows in a communication-efficient round: many
 * steps on local data, one vector back. The oracle runs {@link #run} on every partition (Spark
 * tasks or in-process) and returns Σ_p (n_p/n)·run_p, summed in partition order, so the same work
 * object gives the same result on both backends.
 *
 * <p>A work object carries its inputs (the driver's iterate, the anchor, the round's seed): it is
 * shipped once per round. Its output must be meaningful under the n_p/n-weighted average — a
 * concatenation of iterates and linear statistics, never a quantity that is not linear in the
 * partition's contribution.
 */
public interface LocalWork extends Serializable {
  /** Length of the vector {@link #run} returns. */
  int outputLength();

  /**
   * The partition's contribution, computed from its rows only. {@code block} may hold zero rows:
   * such a partition has weight 0 in the average, but must still return a vector of
   * {@link #outputLength()}.
   */
  double[] run(FiniteSumObjective objective, RowBlock block, int partition);

  /** Component gradients one partition evaluates in a round (for pass counting). */
  long gradientsPerPartition();

  /** Refuses an output buffer of the wrong length (every oracle checks before shipping the work). */
  default void checkOutput(double[] out) {
    if (out.length != outputLength()) {
      throw new IllegalArgumentException("local round output has length " + out.length + ", the work returns " + outputLength());
    }
  }
}
