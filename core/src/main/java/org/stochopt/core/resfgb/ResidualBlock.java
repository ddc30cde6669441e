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
 * <p>Both rules' W has rank ≤ K (the number of classes): ∂ℓ_i/∂z_i = H(p_i − e_{y_i}) with H the
 * head's d × K weights, so M = R·Hᵀ with R = Σ_i ι(z_i)(p_i − e_{y_i})ᵀ (d′ × K). A block built by
 * training keeps W as the factors A (d′ × r) and B (d × r), W = A·Bᵀ, and applies it as
 * z ← c·z − B·(Aᵀι(z)): r(d′ + d) multiply-adds per row instead of d′·d (15 680 instead of 614 656
 * for FMNIST, K = 10). A dense W is the case B = I (r = d).
 *
 * Immutable once built; serializable so that it travels to the partitions in a task.
 */
public final class ResidualBlock implements Serializable {
  private static final long serialVersionUID = 2L;
  /** Rows pushed through ι at once: bounds the activations' memory to CHUNK × (widest layer). */
  static final int CHUNK = 512;

  private final MlpBlock shape;
  private final double[] theta;
  /** A, column-major d′ × rank; or the dense W when {@code b} is null. */
  private final double[] a;
  /** B, column-major d × rank; null for a dense W. */
  private final double[] b;
  private final int rank;
  private final double scale;

  /** A block with a dense W (d′ × d, column-major). */
  public ResidualBlock(MlpBlock shape, double[] theta, double[] w, double scale) {
    this(shape, theta, w, null, shape.inputDim(), scale);
    if (w.length != shape.outputDim() * shape.inputDim()) throw new IllegalArgumentException("W must be d′×d");
  }

  private ResidualBlock(MlpBlock shape, double[] theta, double[] a, double[] b, int rank, double scale) {
    if (theta.length != shape.parameterCount()) throw new IllegalArgumentException("θ has " + theta.length + " entries, the block " + shape.parameterCount());
    if (b != null && (rank < 1 || a.length != shape.outputDim() * rank || b.length != shape.inputDim() * rank)) {
      throw new IllegalArgumentException("the factors of W must be d′×r and d×r");
    }
    this.shape = shape;
    this.theta = theta.clone();
    this.a = a.clone();
    this.b = b == null ? null : b.clone();
    this.rank = rank;
    this.scale = scale;
  }

  /** A block with W = A·Bᵀ, A d′ × r and B d × r column-major. */
  public static ResidualBlock factored(MlpBlock shape, double[] theta, double[] a, double[] b, int rank, double scale) {
    return new ResidualBlock(shape, theta, a, b, rank, scale);
  }

  public MlpBlock shape() {
    return shape;
  }

  public double[] theta() {
    return theta.clone();
  }

  /** W = A·Bᵀ, dense d′ × d column-major. */
  public double[] w() {
    if (b == null) return a.clone();
    int d = shape.inputDim();
    int dOut = shape.outputDim();
    double[] w = new double[dOut * d];
    BLAS.getInstance().dgemm("N", "T", dOut, d, rank, 1.0, a, 0, dOut, b, 0, d, 0.0, w, 0, dOut);
    return w;
  }

  /** Whether W is held as factors. */
  public boolean isFactored() {
    return b != null;
  }

  /** r: the factors' width (d for a dense W). */
  public int rank() {
    return rank;
  }

  /** A (d′ × r), or the dense W. */
  public double[] factorA() {
    return a.clone();
  }

  /** B (d × r); null for a dense W. */
  public double[] factorB() {
    return b == null ? null : b.clone();
  }

  /** Stored numbers of W: r(d′ + d) factored, d′·d dense. */
  public long wParameterCount() {
    return b == null ? a.length : (long) a.length + b.length;
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
      if (b == null) {
        // Z_chunk (d × m, leading dimension ld) = c·Z − Wᵀ E
        blas.dgemm("T", "N", d, m, dOut, -1.0, a, 0, dOut, e, 0, dOut, scale, values, r0 * ld, ld);
      } else {
        // T = Aᵀ E (r × m), then Z_chunk = c·Z − B T
        double[] t = new double[rank * m];
        blas.dgemm("T", "N", rank, m, dOut, 1.0, a, 0, dOut, e, 0, dOut, 0.0, t, 0, rank);
        blas.dgemm("N", "N", d, m, rank, -1.0, b, 0, d, t, 0, rank, scale, values, r0 * ld, ld);
      }
    }
  }

  /** A new block with transformed features (labels and row ids kept); the input is not modified. */
  public DenseRowBlock apply(DenseRowBlock block) {
    double[] values = block.values().clone();
    applyInPlace(values, block.rows(), block.dim());
    return new DenseRowBlock(block.dim(), values, block.labelsView(), block.firstRow());
  }
}
