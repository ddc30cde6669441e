package org.stochopt.core.objective;

import java.io.Serializable;
import org.stochopt.core.linalg.RowBlock;

/**
 * The smooth part f(w) = (1/n) Σ f_i(w) of the problem, expressed as per-block accumulation into
 * a {@link GradientSum}. Implementations are stateless and serializable: the same object runs
 * inside Spark tasks and in-process, which is what makes the two backends agree.
 */
public interface FiniteSumObjective extends Serializable {
  int dimension();

  /**
   * The dimension of the data rows the objective reads: {@link #dimension()} for one weight per
   * feature, d when the model has several weights per feature (d·K for K class blocks).
   */
  default int featureDimension() {
    return dimension();
  }

  /** acc += Σ_{rows of block} (∇f_i(w), f_i(w), 1). */
  void accumulate(double[] w, RowBlock block, GradientSum acc);

  /**
   * acc += Σ_k weight_k (∇f_{rows[k]}(w), f_{rows[k]}(w), 1) over k < rows.length.
   * {@code weights} null means all ones. Duplicated rows are counted each time.
   */
  void accumulateRows(double[] w, RowBlock block, int[] rows, double[] weights, GradientSum acc);

  /**
   * acc += Σ_k weight_k (∇f_{rows[k]}(w) − ∇f_{rows[k]}(anchor)) in one pass over the rows; the
   * loss field is left alone. This is the variance-reduction correction of SVRG-type methods.
   */
  void accumulateDifference(
      double[] w, double[] anchor, RowBlock block, int[] rows, double[] weights, GradientSum acc);

  /**
   * Σ_{rows of block} f_i(w): the loss alone (the local methods' safeguard needs F at the round's
   * start point). This default fills a throw-away gradient; linear objectives override it with a
   * margins-only pass, O(nnz).
   */
  default double lossSum(double[] w, RowBlock block) {
    GradientSum acc = new GradientSum(dimension());
    accumulate(w, block, acc);
    return acc.loss();
  }

  /** L_i: the smoothness constant of f_i for local row {@code row}. */
  double componentSmoothness(RowBlock block, int row);

  /**
   * acc.gradient += Σ_rows c · x_i ⟨x_i, v⟩ with c the loss curvature bound: a product with a
   * matrix that dominates every ∇²f_i, used by power iteration to bound the global L.
   */
  void accumulateCurvatureProduct(double[] v, RowBlock block, GradientSum acc);
}
