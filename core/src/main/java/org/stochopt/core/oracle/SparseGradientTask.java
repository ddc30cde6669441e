package org.stochopt.core.oracle;

import java.io.Serializable;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.objective.FiniteSumObjective;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.runtime.ArgTask;
import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.RowSelection;

/**
 * The partition side of a sparse minibatch round ({@link SparseBatchRows}): on partition p, with
 * S_p the support of its rows of minibatch B,
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
 *
 * <p>The task runs the objective's own kernel once, on data of one of two layouts ({@link Values}),
 * chosen by the driver from {@code PartitionRunner.inProcess()}: whether its messages are
 * serialized. Both make the same products and additions in the same order, so they give the same
 * bits (SparseRoundLayoutsTest):
 * <ul>
 *   <li><em>compact</em> (Spark): S_p sorted and distinct, w and the anchor gathered on it, the
 *       rows renumbered to positions in S_p ({@link BatchColumns}), the sum returned as |S_p|
 *       values — O(nnz of the batch) bytes each way;
 *   <li><em>full width</em> (in-process, where the tasks read the driver's memory): S_p is the
 *       rows' column lists back to back (duplicates kept; the driver's union drops them), the task
 *       reads the driver's w and anchor and adds its sum straight into the driver's gradient
 *       buffer, as old + (this partition's sum from zero) on S_p — the partition-order merge of the
 *       compact sums, done in place. Nothing is sorted, gathered, renumbered or returned: the
 *       in-process round costs what the lazy steps' direct reads of the rows cost before the rounds
 *       went onto the runner (docs/performance.md).
 * </ul>
 */
final class SparseGradientTask implements ArgTask<RowBlock, SparseGradientTask.Values, SparseGradientTask.Part> {
  private static final long serialVersionUID = 1L;

  /**
   * What the driver sends partition p. Compact: S_p (sorted, distinct) and w and (for a
   * difference) the anchor gathered on it, {@code into} null. Full width: S_p as the partition
   * reported it (its rows' columns back to back), the driver's own w and anchor, and {@code into},
   * the driver's length-d gradient buffer, which the task adds its sum into; {@code turn} (shared
   * by the round's P values) checks that the partitions run one after another in partition order,
   * as the in-process runner runs a small call — the in-place merge needs that order. Sending S_p
   * back spares the partition a sort, and makes a stale support an error rather than a wrong sum
   * ({@link BatchColumns#of}, {@link #apply}).
   */
  record Values(int[] support, double[] w, double[] anchor, double[] into, int[] turn) implements Serializable {
    static Values compact(int[] support, double[] w, double[] anchor) {
      return new Values(support, w, anchor, null, null);
    }

    boolean fullWidth() {
      return into != null;
    }
  }

  /**
   * What partition p returns: the summed gradient on S_p (in S_p's order; empty when the partition
   * has no batch rows; null when a full-width task already added it into the driver's buffer),
   * Σ c_i f_i (0 for a difference), Σ c_i, and S'_p (null when not asked for).
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
    if (values.fullWidth()) {
      if (values.turn()[0] != p) {
        throw new IllegalStateException("a full-width sparse round needs its partitions run in order on one thread; partition "
            + p + " ran at turn " + values.turn()[0]);
      }
      values.turn()[0]++;
    }
    if (block == null) return null; // a partition without a block holds no rows
    CsrRowBlock rows = (CsrRowBlock) block;
    int[] nextSupport = next == null ? null : support(p, block, next, values.fullWidth());
    if (batch.countFor(p) == 0) return new Part(new double[0], 0.0, 0.0, nextSupport);
    RowSelection selection = batch.select(p, rows);
    int[] s = values.support();
    if (!values.fullWidth()) {
      BatchColumns cols = BatchColumns.of(rows, selection, s);
      GradientSum acc = new GradientSum(s.length);
      accumulate(values, cols.rows(), cols.order(), cols.weights(), acc);
      return new Part(acc.gradient(), acc.loss(), acc.count(), nextSupport);
    }
    BatchColumns.checkColumns(rows, selection.rows(), s);
    double[] g = values.into();
    // g = old on S_p (the earlier partitions' sums); zero it there, let the kernel add this
    // partition's sum from zero, then put old + sum back: the compact merge's g_j += v_j. A column
    // listed twice was zeroed at its first listing, so its second restores 0.0 + (old + sum), exact.
    double[] old = new double[s.length];
    for (int q = 0; q < s.length; q++) {
      old[q] = g[s[q]];
      g[s[q]] = 0.0;
    }
    GradientSum acc = new GradientSum(g);
    accumulate(values, rows, selection.rows(), selection.weights(), acc);
    for (int q = 0; q < s.length; q++) g[s[q]] = old[q] + g[s[q]];
    return new Part(null, acc.loss(), acc.count(), nextSupport);
  }

  private void accumulate(Values values, RowBlock rows, int[] order, double[] weights, GradientSum acc) {
    if (difference) {
      objective.accumulateDifference(values.w(), values.anchor(), rows, order, weights, acc);
    } else {
      objective.accumulateRows(values.w(), rows, order, weights, acc);
    }
  }

  /**
   * Partition p's support of {@code batch} (empty without a block or batch rows): sorted and
   * distinct for a compact round ({@link BatchColumns#supportOf}), the rows' columns back to back
   * for a full-width one ({@link BatchColumns#columnsOf}).
   */
  static int[] support(int p, RowBlock block, Minibatch batch, boolean fullWidth) {
    if (block == null || batch.countFor(p) == 0) return new int[0];
    CsrRowBlock rows = (CsrRowBlock) block;
    int[] selected = batch.selectRows(p, rows);
    return fullWidth ? BatchColumns.columnsOf(rows, selected) : BatchColumns.supportOf(rows, selected);
  }
}
