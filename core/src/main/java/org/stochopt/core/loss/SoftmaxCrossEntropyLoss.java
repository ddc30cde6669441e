package org.stochopt.core.loss;

/**
 * Multinomial logistic loss (softmax cross-entropy), {@code --loss multinomial}:
 *
 * <pre>
 *   φ(z; y) = log Σ_k exp(z_k) − z_y,      ∂φ/∂z_k = p_k − [k = y],   p = softmax(z),
 *   ∇²φ = diag(p) − p pᵀ ≼ C = ½ (I − 11ᵀ/K)          (Böhning 1992),
 * </pre>
 *
 * so λ_max(C) = ½ and L_i = ½‖x_i‖². The log-sum-exp is taken relative to m = max_k z_k, so no
 * exponential overflows and the largest term is exactly 1.
 *
 * <p>Without an intercept the loss is invariant to adding one vector to every class block; C has
 * the same null direction (11ᵀ/K), so the power-iteration L is not inflated by it, and a strongly
 * convex regularizer picks the unique optimum.
 */
public final class SoftmaxCrossEntropyLoss implements MulticlassLoss {
  private static final long serialVersionUID = 1L;

  @Override
  public double valueAndGradient(double[] z, int label, double[] grad) {
    int k = z.length;
    double m = Double.NEGATIVE_INFINITY;
    for (double v : z) m = Math.max(m, v);
    double s = 0.0;
    for (int c = 0; c < k; c++) {
      double e = Math.exp(z[c] - m);
      s += e;
      if (grad != null) grad[c] = e;
    }
    if (grad != null) {
      double inv = 1.0 / s;
      for (int c = 0; c < k; c++) grad[c] *= inv;
      grad[label] -= 1.0;
    }
    return (m - z[label]) + Math.log(s);
  }

  @Override
  public void curvatureProduct(double[] u, double[] out) {
    double mean = 0.0;
    for (double v : u) mean += v;
    mean /= u.length;
    for (int c = 0; c < u.length; c++) out[c] = 0.5 * (u[c] - mean);
  }

  @Override
  public double curvatureBound() {
    return 0.5;
  }

  @Override
  public String name() {
    return "multinomial";
  }
}
