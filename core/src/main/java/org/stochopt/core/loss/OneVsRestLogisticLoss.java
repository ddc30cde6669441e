package org.stochopt.core.loss;

/**
 * One-vs-rest logistic loss, {@code --loss ovr-logistic}: K independent binary logistic losses,
 * class k against the others,
 *
 * <pre>
 *   φ(z; y) = Σ_k log(1 + exp(−s_k z_k)),   s_k = +1 if y = k else −1,
 *   ∂φ/∂z_k = −s_k σ(−s_k z_k),   ∇²φ = diag(σ(z_k)σ(−z_k)) ≼ C = ¼ I,
 * </pre>
 *
 * so L_i = ¼‖x_i‖². With the separable regularizers the problem splits into K binary logistic
 * regressions on the same rows: exactly what LIBLINEAR {@code -s 0} and MLlib
 * {@code OneVsRest(LogisticRegression)} solve on multi-class data, so all three share one objective.
 */
public final class OneVsRestLogisticLoss implements MulticlassLoss {
  private static final long serialVersionUID = 1L;

  @Override
  public double valueAndGradient(double[] z, int label, double[] grad) {
    double sum = 0.0;
    for (int c = 0; c < z.length; c++) {
      double s = c == label ? 1.0 : -1.0;
      sum += Numerics.log1pExp(-s * z[c]);
      if (grad != null) grad[c] = -s * Numerics.sigmoid(-s * z[c]);
    }
    return sum;
  }

  @Override
  public void curvatureProduct(double[] u, double[] out) {
    for (int c = 0; c < u.length; c++) out[c] = 0.25 * u[c];
  }

  @Override
  public double curvatureBound() {
    return 0.25;
  }

  @Override
  public String name() {
    return "ovr-logistic";
  }
}
