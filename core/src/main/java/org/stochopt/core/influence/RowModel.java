package org.stochopt.core.influence;

import java.io.Serializable;
import org.stochopt.core.linalg.RowBlock;

/**
 * The loss ℓ_i(θ) of one training row under a model with parameters θ, with what the influence
 * replay needs from it: the gradient, and in one pass over the row both ⟨∇ℓ_i(θ), u⟩ and the
 * Hessian–vector product ∇²ℓ_i(θ)·u (the Hessian is never formed). The regulariser is not part
 * of ℓ_i; {@link ReplayableSgd} adds it. Stateless and serializable: the same object runs in
 * Spark tasks and in-process.
 */
public interface RowModel extends Serializable {
  /** p, the number of parameters. */
  int dimension();

  /** The dimension of the data rows the model reads. */
  int featureDimension();

  /** ℓ_i(θ) for local row {@code row}; adds {@code weight}·∇ℓ_i(θ) into {@code g} unless g is null. */
  double addGradient(double[] theta, RowBlock block, int row, double weight, double[] g);

  /**
   * Returns ⟨∇ℓ_i(θ), u⟩ and adds {@code weight}·∇²ℓ_i(θ)·u into {@code hu} (unless hu is null).
   */
  double replayRow(double[] theta, double[] u, RowBlock block, int row, double weight, double[] hu);

  /** θ₀, where training starts: 0 for linear models, a network's random initialisation (a function of its seed). */
  default double[] initialParameters() {
    return new double[dimension()];
  }

  /** Whether the model's prediction for the row is wrong (classification), for test error. */
  boolean misclassified(double[] theta, RowBlock block, int row);

  /** Short name for outputs. */
  String name();
}
