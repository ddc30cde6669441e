package org.stochopt.core.influence;

import org.stochopt.core.linalg.RowBlock;

/**
 * Multinomial logistic regression, K class blocks of d weights (class-major, as
 * {@code MulticlassLinearObjective}): z_k = ⟨θ_k, x⟩, p = softmax(z), ℓ = −log p_y,
 * ∇_{θ_k}ℓ = (p_k − [y = k])·x and, with v_k = ⟨x, u_k⟩,
 * (∇²ℓ·u)_k = (p_k v_k − p_k Σ_c p_c v_c)·x (the softmax Hessian diag(p) − ppᵀ in margin space).
 */
public final class MultinomialRowModel implements RowModel {
  private static final long serialVersionUID = 1L;

  private final int d;
  private final int k;

  public MultinomialRowModel(int d, int classes) {
    if (d <= 0 || classes < 2) throw new IllegalArgumentException("need d > 0 and at least two classes");
    this.d = d;
    this.k = classes;
  }

  @Override
  public int dimension() {
    return d * k;
  }

  @Override
  public int featureDimension() {
    return d;
  }

  /** p = softmax(θᵀx) into p; returns log Σ exp(z) − z_y = −log p_y. */
  private double probabilities(double[] theta, RowBlock block, int row, double[] p) {
    int y = label(block, row);
    double max = Double.NEGATIVE_INFINITY;
    double[] z = new double[k];
    for (int c = 0; c < k; c++) {
      z[c] = block.dot(row, theta, c * d);
      max = Math.max(max, z[c]);
    }
    double s = 0.0;
    for (int c = 0; c < k; c++) {
      p[c] = Math.exp(z[c] - max);
      s += p[c];
    }
    for (int c = 0; c < k; c++) p[c] /= s;
    return Math.log(s) + max - z[y];
  }

  private int label(RowBlock block, int row) {
    double y = block.label(row);
    int c = (int) y;
    if (c != y || c < 0 || c >= k) throw new IllegalArgumentException("class label " + y + " outside 0.." + (k - 1));
    return c;
  }

  @Override
  public double addGradient(double[] theta, RowBlock block, int row, double weight, double[] g) {
    double[] p = new double[k];
    double value = probabilities(theta, block, row, p);
    if (g != null) {
      int y = label(block, row);
      for (int c = 0; c < k; c++) block.axpy(row, weight * (p[c] - (c == y ? 1.0 : 0.0)), g, c * d);
    }
    return value;
  }

  @Override
  public double replayRow(double[] theta, double[] u, RowBlock block, int row, double weight, double[] hu) {
    double[] p = new double[k];
    probabilities(theta, block, row, p);
    int y = label(block, row);
    double[] v = new double[k];
    double pv = 0.0;
    double dot = 0.0;
    for (int c = 0; c < k; c++) {
      v[c] = block.dot(row, u, c * d);
      pv += p[c] * v[c];
      dot += (p[c] - (c == y ? 1.0 : 0.0)) * v[c];
    }
    if (hu != null) {
      for (int c = 0; c < k; c++) block.axpy(row, weight * p[c] * (v[c] - pv), hu, c * d);
    }
    return dot;
  }

  @Override
  public boolean misclassified(double[] theta, RowBlock block, int row) {
    int best = 0;
    double top = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      double z = block.dot(row, theta, c * d);
      if (z > top) {
        top = z;
        best = c;
      }
    }
    return best != label(block, row);
  }

  @Override
  public String name() {
    return "multinomial";
  }
}
