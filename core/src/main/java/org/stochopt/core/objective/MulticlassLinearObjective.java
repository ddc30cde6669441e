package org.stochopt.core.objective;

import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.MulticlassLoss;

/**
 * Multi-output linear models on K class margins. The weight vector has dimension d·K, laid out
 * class-major: block k = w[k·d .. (k+1)·d) is the weight vector w_k of class k, so the separable
 * regularizers and their prox act on it unchanged (R(w) = Σ_k R(w_k)). For row i with features
 * x_i ∈ ℝ^d and class label y_i ∈ {0, …, K−1}:
 *
 * <pre>
 *   z_ik = ⟨w_k, x_i⟩,   f_i(w) = φ(z_i; y_i),   ∇_{w_k} f_i(w) = ∂φ/∂z_k · x_i,
 *   ∇²f_i ≼ C ⊗ x_i x_iᵀ,   L_i = λ_max(C)·‖x_i‖²,
 * </pre>
 *
 * with φ and C from the {@link MulticlassLoss}. Each row is read K times in a row (one
 * {@code dot} per class, then one {@code axpy} per class), while it is still in cache. No
 * intercept, as in {@link LinearObjective}.
 *
 * <p>Labels are stored as doubles in the blocks; a label that is not an integer in [0, K) is
 * refused with the global row id (loaders check this earlier with the file line).
 */
public final class MulticlassLinearObjective implements FiniteSumObjective {
  private static final long serialVersionUID = 1L;

  private final MulticlassLoss loss;
  private final int features;
  private final int classes;

  public MulticlassLinearObjective(MulticlassLoss loss, int features, int classes) {
    if (features <= 0) throw new IllegalArgumentException("dimension must be positive, got " + features);
    if (classes < 2) throw new IllegalArgumentException("a multi-class model needs at least 2 classes, got " + classes);
    if ((long) features * classes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("d·K = " + features + "·" + classes + " weights do not fit in one Java array");
    }
    this.loss = loss;
    this.features = features;
    this.classes = classes;
  }

  public MulticlassLoss loss() {
    return loss;
  }

  /** d, the number of features (each class block has this length). */
  @Override
  public int featureDimension() {
    return features;
  }

  /** K. */
  public int classes() {
    return classes;
  }

  /** d·K. */
  @Override
  public int dimension() {
    return features * classes;
  }

  @Override
  public void accumulate(double[] w, RowBlock block, GradientSum acc) {
    checkBlock(block);
    long t0 = System.nanoTime();
    double[] g = acc.gradient();
    double[] z = new double[classes];
    double[] dz = new double[classes];
    double lossSum = 0.0;
    int rows = block.rows();
    for (int r = 0; r < rows; r++) {
      margins(block, r, w, z);
      lossSum += loss.valueAndGradient(z, label(block, r), dz);
      addGradient(block, r, 1.0, dz, g);
    }
    acc.addLoss(lossSum);
    acc.addCount(rows);
    acc.addComputeNanos(System.nanoTime() - t0);
  }

  @Override
  public void accumulateRows(double[] w, RowBlock block, int[] rows, double[] weights, GradientSum acc) {
    checkBlock(block);
    long t0 = System.nanoTime();
    double[] g = acc.gradient();
    double[] z = new double[classes];
    double[] dz = new double[classes];
    double lossSum = 0.0;
    double count = 0.0;
    for (int k = 0; k < rows.length; k++) {
      int r = rows[k];
      double c = weights == null ? 1.0 : weights[k];
      margins(block, r, w, z);
      lossSum += c * loss.valueAndGradient(z, label(block, r), dz);
      addGradient(block, r, c, dz, g);
      count += c;
    }
    acc.addLoss(lossSum);
    acc.addCount(count);
    acc.addComputeNanos(System.nanoTime() - t0);
  }

  @Override
  public void accumulateDifference(
      double[] w, double[] anchor, RowBlock block, int[] rows, double[] weights, GradientSum acc) {
    checkBlock(block);
    long t0 = System.nanoTime();
    double[] g = acc.gradient();
    double[] z = new double[classes];
    double[] dz = new double[classes];
    double[] dzAnchor = new double[classes];
    double count = 0.0;
    for (int k = 0; k < rows.length; k++) {
      int r = rows[k];
      double c = weights == null ? 1.0 : weights[k];
      int y = label(block, r);
      margins(block, r, w, z);
      loss.valueAndGradient(z, y, dz);
      margins(block, r, anchor, z);
      loss.valueAndGradient(z, y, dzAnchor);
      for (int j = 0; j < classes; j++) dz[j] -= dzAnchor[j];
      addGradient(block, r, c, dz, g);
      count += c;
    }
    acc.addCount(count);
    acc.addComputeNanos(System.nanoTime() - t0);
  }

  @Override
  public double componentSmoothness(RowBlock block, int row) {
    return loss.curvatureBound() * block.squaredNorm(row);
  }

  /** acc.gradient += Σ_rows (C ⊗ x_i x_iᵀ) v: per row u_k = ⟨x_i, v_k⟩, then block k += (C u)_k · x_i. */
  @Override
  public void accumulateCurvatureProduct(double[] v, RowBlock block, GradientSum acc) {
    checkBlock(block);
    double[] g = acc.gradient();
    double[] u = new double[classes];
    double[] cu = new double[classes];
    for (int r = 0; r < block.rows(); r++) {
      margins(block, r, v, u);
      loss.curvatureProduct(u, cu);
      addGradient(block, r, 1.0, cu, g);
    }
    acc.addCount(block.rows());
  }

  private void margins(RowBlock block, int r, double[] w, double[] z) {
    for (int k = 0; k < classes; k++) z[k] = block.dot(r, w, k * features);
  }

  private void addGradient(RowBlock block, int r, double scale, double[] dz, double[] g) {
    for (int k = 0; k < classes; k++) block.axpy(r, scale * dz[k], g, k * features);
  }

  private int label(RowBlock block, int r) {
    double y = block.label(r);
    int c = (int) y;
    if (c != y || c < 0 || c >= classes) {
      throw new IllegalArgumentException("row " + (block.firstRow() + r) + " has label " + y
          + ", not a class in 0.." + (classes - 1) + " (" + loss.name() + " needs integer class labels)");
    }
    return c;
  }

  private void checkBlock(RowBlock block) {
    if (block.dim() != features) {
      throw new IllegalArgumentException(
          "data has dimension " + block.dim() + " but the model has " + features + " features per class");
    }
  }
}
