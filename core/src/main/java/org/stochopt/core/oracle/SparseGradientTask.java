package org.stochopt.core.oracle;

import java.io.Serializable;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.objective.FiniteSumObjective;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.runtime.ArgTask;
import org.stochopt.core.sampling.Minibatch;

/**
 * The partition side of a sparse minibatch round ({@link SparseBatchRows}): on partition p, with
 * S_p the sorted support of its rows of minibatch B ({@link BatchColumns}),
 *
 * <pre>
 *   in:   S_p, w_S = w restricted to S_p  (and w̃_S, the anchor on S_p, for a difference)
 *   out:  g_S = Σ_{i∈B_p} c_i ∇f_i(w)            on S_p   (gradient), or
 *         g_S = Σ_{i∈B_p} c_i (∇f_i(w) − ∇f_i(w̃)) on S_p  (difference),
 *         Σ c_i f_i(w), Σ c_i, and S'_p = the support of the partition's rows of the next minibatch
 * </pre>
 *
 * Why the next support rides along: to send w on S_p the driver must know S_p before the round,
 * and only the partition can read its rows. Reporting the next minibatch's support with this
 * round's gradient lets every round of a run but the first go out with its coordinates already
 * known (minibatches are pure in (seed, step, partition), so the partition can draw the next one).
 */
final class SparseGradientTask implements ArgTask<RowBlock, SparseGradientTask.Values, SparseGradientTask.Part> {
  private static final long serialVersionUID = 1L;

  /**
   * What the driver sends partition p: S_p (sorted) and w and (for a difference) the anchor on it.
   * Sending S_p back spares the partition a sort, and makes a stale support an error rather than a
   * wrong sum ({@link BatchColumns#of}).
   */
  record Values(int[] support, double[] w, double[] anchor) implements Serializable {}

  /**
   * What partition p returns: the summed gradient on S_p (in S_p's order; empty when the partition
   * has no batch rows), Σ c_i f_i (0 for a difference), Σ c_i, and S'_p (null when not asked for).
   */
  record Part(double[] gradient, double loss, double count, int[] nextSupport) implements Serializable {}

  private final FiniteSumObjective objective;
  private final Minibatch batch;
  private final Minibatch next;
  private final boolean difference;

  /**
   * @param next the minibatch whose support to report with the result, or null
   * @param difference whether to sum ∇f_i(w) − ∇f_i(w̃) (anchor in {@link Values#anchor}) or ∇f_i(w)
   */
  SparseGradientTask(FiniteSumObjective objective, Minibatch batch, Minibatch next, boolean difference) {
    this.objective = objective;
    this.batch = batch;
    this.next = next;
    this.difference = difference;
  }

  @Override
  public Part apply(int p, RowBlock block, Values values) {
    if (block == null) return null; // a partition without a block holds no rows
    CsrRowBlock rows = (CsrRowBlock) block;
    int[] nextSupport = next == null ? null : support(p, block, next);
    if (batch.countFor(p) == 0) return new Part(new double[0], 0.0, 0.0, nextSupport);
    BatchColumns cols = BatchColumns.of(rows, batch.select(p, rows), values.support());
    GradientSum acc = new GradientSum(values.support().length);
    if (difference) {
      objective.accumulateDifference(values.w(), values.anchor(), cols.rows(), cols.order(), cols.weights(), acc);
    } else {
      objective.accumulateRows(values.w(), cols.rows(), cols.order(), cols.weights(), acc);
    }
    return new Part(acc.gradient(), acc.loss(), acc.count(), nextSupport);
  }

  /** Partition p's support of {@code batch} (null without a block; empty without batch rows). */
  static int[] support(int p, RowBlock block, Minibatch batch) {
    if (block == null || batch.countFor(p) == 0) return new int[0];
    CsrRowBlock rows = (CsrRowBlock) block;
    return BatchColumns.supportOf(rows, batch.select(p, rows).rows());
  }
}
