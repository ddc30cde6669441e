package org.stochopt.core.loss;

import java.io.Serializable;

/**
 * A convex loss φ(z; y) on the vector of K class margins z = (⟨w_0,x⟩, …, ⟨w_{K−1},x⟩) of one
 * example with class label y ∈ {0, …, K−1}: the margin-vector counterpart of {@link Loss}, used by
 * {@link org.stochopt.core.objective.MulticlassLinearObjective}. K is the length of z; the loss
 * itself holds no K, so one instance serves any number of classes. Stateless and serializable.
 *
 * <p>Smoothness is given as a fixed K×K matrix C with ∇²_z φ(z; y) ≼ C for every z and y. Then
 * f_i(W) = φ(Wᵀx_i; y_i) has ∇²f_i ≼ C ⊗ x_i x_iᵀ, whose largest eigenvalue is
 * λ_max(C)·‖x_i‖² = L_i; power iteration on (1/n)Σ C ⊗ x_i x_iᵀ gives the global L.
 */
public interface MulticlassLoss extends Serializable {
  /**
   * φ(z; y), and ∂φ/∂z_k into {@code grad[k]} when {@code grad} is not null (length K, may not
   * alias z). One call computes both because both need the same exponentials.
   */
  double valueAndGradient(double[] z, int label, double[] grad);

  /** out = C·u for the curvature-bound matrix C (u and out of length K; out may not alias u). */
  void curvatureProduct(double[] u, double[] out);

  /** λ_max(C): the per-example smoothness is L_i = curvatureBound · ‖x_i‖². */
  double curvatureBound();

  /** Short name used on the command line and in outputs. */
  String name();
}
