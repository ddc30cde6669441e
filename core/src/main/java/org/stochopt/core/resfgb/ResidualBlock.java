package org.stochopt.core.resfgb;

import dev.ludovic.netlib.blas.BLAS;
import java.io.Serializable;
import org.stochopt.core.linalg.DenseRowBlock;

/**
 * One layer of the network: the feature map z ↦ c·z − Wᵀι(z), with the embedding ι an
 * {@link MlpBlock} (parameters θ) and W a d′ × d matrix (column-major). The two boosting rules
 * give the two cases:
 *
 * <pre>
 *   additive (ICML 2018):      c = 1,     W = η·(1/n)Σ_i ι(z_i) ∂ℓ_iᵀ          (z ← z − η·ι(z)ᵀ(ι(Z)ᵀG))
 *   Frank–Wolfe (AISTATS 2020): c = 1 − γ, W = γ·M/‖M‖_F, M = Σ_i ι(z_i) ∂ℓ_iᵀ  (z ← (1−γ)z + γ·ι(z)A, A = −M/‖M‖_F)
 * </pre>
 *
 * Immutable once built; serializable so that it travels to the partitions in a task.
 */
public final class ResidualBlock implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Rows pushed through ι at once: bounds the activations' memory to CHUNK × (widest layer). */
  static final int CHUNK = 512;

  private final MlpBlock shape;
  private final double[] theta;
  private final double[] w;
  private final double scale;

  public ResidualBlock(MlpBlock shape, double[] theta, double[] w, double scale) {
    if (theta.length != shape.parameterCount()) throw new IllegalArgumentException("θ has " + theta.length + " entries, the block " + shape.parameterCount());
    if (w.length != shape.outputDim() * shape.inputDim()) throw new IllegalArgumentException("W must be d′×d");
    this.shape = shape;
    this.theta = theta.clone();
    this.w = w.clone();
    this.scale = scale;
  }

  public MlpBlock shape() {
    return shape;
  }

  public double[] theta() {
    return theta.clone();
  }

  public double[] w() {
    return w.clone();
  }

  /** c: 1 for the additive rule, 1 − γ for Frank–Wolfe. */
  public double scale() {
    return scale;
  }

  /**
   * The block applied to the first d columns of every row of {@code values} (rows of width
   * {@code ld} ≥ d, row-major), in place; columns beyond d (the bias) are left alone.
   */
  public void applyInPlace(double[] values, int rows, int ld) {
    int d = shape.inputDim();
    int dOut = shape.outputDim();
    BLAS blas = BLAS.getInstance();
    for (int r0 = 0; r0 < rows; r0 += CHUNK) {
      int m = Math.min(CHUNK, rows - r0);
      double[][] acts = shape.forward(theta, values, r0 * ld, ld, m);
      double[] e = acts[acts.length - 1];
      // Z_chunk (d × m, leading dimension ld) = c·Z − Wᵀ E
      blas.dgemm("T", "N", d, m, dOut, -1.0, w, 0, dOut, e, 0, dOut, scale, values, r0 * ld, ld);
    }
  }

  /** A new block with transformed features (labels and row ids kept); the input is not modified. */
  public DenseRowBlock apply(DenseRowBlock block) {
    double[] values = block.values().clone();
    applyInPlace(values, block.rows(), block.dim());
    return new DenseRowBlock(block.dim(), values, block.labelsView(), block.firstRow());
  }
}
