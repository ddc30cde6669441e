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
 *       rows' column lists back to back (duplicates kept), the task reads the driver's w and anchor
 *       where they are, lets the kernel add into a length-d scratch of its own thread (zero outside a
 *       call), and reads its sum out at S_p while putting the zeros back — a column listed twice is
 *       read once, its later listings read the 0.0 just written. The driver's merge is the compact
 *       one, g_j += v_j in partition order; the extra + 0.0 of a repeated column changes no bits (g
 *       starts at +0.0 and a sum of doubles is −0.0 only when both terms are). Nothing is sorted,
 *       gathered or renumbered, and no task writes driver memory, so partitions may run in any
 *       order or in parallel: the in-process round costs what the lazy steps' direct reads of the
 *       rows cost before the rounds went onto the runner (docs/performance.md).
 * </ul>
 */
final class SparseGradientTask implements ArgTask<RowBlock, SparseGradientTask.Values, SparseGradientTask.Part> {
  private static final long serialVersionUID = 1L;

  /**
   * What the driver sends partition p. Compact: S_p (sorted, distinct) and w and (for a
   * difference) the anchor gathered on it. Full width: S_p as the partition reported it (its rows'
   * columns back to back) and the driver's own length-d w and anchor. Sending S_p back spares the
   * partition a sort, and makes a stale support an error rather than a wrong sum
   * ({@link BatchColumns#of}, {@link BatchColumns#checkColumns}).
   */
  record Values(int[] support, double[] w, double[] anchor, boolean fullWidth) implements Serializable {
    static Values compact(int[] support, double[] w, double[] anchor) {
      return new Values(support, w, anchor, false);
    }

    static Values fullWidth(int[] columns, double[] w, double[] anchor) {
      return new Values(columns, w, anchor, true);
    }
  }

  /**
   * A full-width task's length-d scratch, one per thread (the in-process runner's few workers and
   * the caller): zero between calls, so a call clears only what its rows wrote.
   */
  private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[0]);

  /**
   * What partition p returns: the summed gradient on S_p (in S_p's order, 0.0 at a full-width
   * list's repeated columns; empty when the partition has no batch rows),
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
    double[] g = scratch(values.w().length);
    double[] v = new double[s.length];
    try {
      GradientSum acc = new GradientSum(g);
      accumulate(values, rows, selection.rows(), selection.weights(), acc);
      for (int q = 0; q < s.length; q++) {
        v[q] = g[s[q]];
        g[s[q]] = 0.0;
      }
      return new Part(v, acc.loss(), acc.count(), nextSupport);
    } catch (RuntimeException e) {
      for (int c : s) g[c] = 0.0; // the kernel writes only S_p: the scratch is zero again for the next call
      throw e;
    }
  }

  private static double[] scratch(int d) {
    double[] g = SCRATCH.get();
    if (g.length < d) {
      g = new double[d];
      SCRATCH.set(g);
    }
    return g;
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
