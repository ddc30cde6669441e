package org.stochopt.core.method;

import java.io.Serializable;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.oracle.SparseBatchRows;
import org.stochopt.core.reg.ElasticNet;
import org.stochopt.core.sampling.Minibatch;

/**
 * The bookkeeping every lazy (O(nnz)) step shares: the minibatch's rows, its support (the distinct
 * features of its rows) and a gradient buffer of length d that only the support is ever written
 * to, and that is zeroed there again after use.
 *
 * <p>The rule (one for all methods): a method takes the lazy path when the oracle's rows are CSR
 * (in-process or on Spark: {@link SparseBatchRows} returns the gradient sparsely), R is separable ({@link ElasticNet}: L2, L1 or the
 * elastic net) and the step's support is small next to d: 4·b·(mean nonzeros per row) < d
 * ({@link SparseBatchRows#pays}). Dense data never takes it, so dense trajectories are unchanged.
 * The JVM property {@value #DENSE_PROPERTY}{@code =true} turns it off, for measuring one path
 * against the other on the same data (docs/minibatch-methods.md, "Lazy O(nnz) steps").
 */
final class SparseStep implements Serializable {
  private static final long serialVersionUID = 1L;
  /** JVM property that keeps every method on its dense path (a measurement switch, not a setting). */
  static final String DENSE_PROPERTY = SparseBatchRows.DENSE_PROPERTY;

  private final int[] seen;
  private int stamp;
  private int[] support = new int[16];
  private int size;
  private final GradientSum sum;
  private transient SparseBatchRows.Selected rows;

  SparseStep(int d) {
    seen = new int[d];
    sum = new GradientSum(d);
  }

  /** Whether a method with minibatches of {@code batch} rows should step lazily in this context. */
  static boolean applies(ProblemContext ctx, int batch) {
    SparseBatchRows rows = ctx.oracle().sparseBatchRows();
    return rows != null && !SparseBatchRows.denseForced() && ctx.regularizer() instanceof ElasticNet && rows.pays(batch);
  }

  /**
   * Draws minibatch {@code step} and lists its support. The round will also fetch the support of
   * minibatch step + 1 (the method's next), so that the next draw needs no extra call.
   */
  void draw(ProblemContext ctx, long step, int batch) {
    Minibatch mb = ctx.sampling().draw(step, batch);
    rows = ctx.oracle().sparseBatchRows().select(mb, ctx.sampling().draw(step + 1, batch));
    if (support.length < rows.maxSupport()) support = new int[rows.maxSupport()];
    if (++stamp == Integer.MAX_VALUE) {
      java.util.Arrays.fill(seen, 0);
      stamp = 1;
    }
    size = rows.support(seen, stamp, support);
  }

  int size() {
    return size;
  }

  /** The q-th feature of the support. */
  int feature(int q) {
    return support[q];
  }

  /** The drawn rows (for the gradient calls). */
  SparseBatchRows.Selected rows() {
    return rows;
  }

  /** The summed gradient buffer: nonzero only on the support after a call, zero elsewhere. */
  GradientSum sum() {
    return sum;
  }

  /** The mean gradient's entry j ((Σ)·(1/b), as the dense {@code GradientSum.meanInto}), zeroing the sum there. */
  double takeMean(int j, double inverseBatch) {
    double[] g = sum.gradient();
    double v = g[j] * inverseBatch;
    g[j] = 0.0;
    return v;
  }
}
