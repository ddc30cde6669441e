package org.stochopt.core.resfgb;

import dev.ludovic.netlib.blas.BLAS;
import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The embedding ι of one residual block: a fully connected network n₀ = d → n₁ → … → n_L = d′
 * with ReLU on every hidden layer and a chosen output activation (ReLU in the ICML code, tanh in
 * the later Frank–Wolfe code, or none):
 *
 * <pre>
 *   a₀ = z,   a_{l+1} = σ_l(W_l a_l + b_l),   ι(z) = a_L.
 * </pre>
 *
 * <p>All parameters live in one flat vector θ (for each layer W_l, column-major n_{l+1} × n_l,
 * then b_l), so that a minibatch method sees a plain vector. A minibatch of m rows is a
 * column-major n_l × m matrix (the rows of a row-major block, as BLAS sees them), and the
 * forward and backward passes are matrix products (netlib {@code dgemm}):
 *
 * <pre>
 *   forward:   A_{l+1} = σ_l(W_l A_l + b_l 1ᵀ)
 *   backward:  Δ_{L−1} = ∂loss/∂A_L ⊙ σ′_{L−1},   ∂/∂W_l = Δ_l A_lᵀ,   ∂/∂b_l = Δ_l 1,
 *              Δ_{l−1} = (W_lᵀ Δ_l) ⊙ σ′_{l−1}(A_l).
 * </pre>
 *
 * σ′ is read from the activation itself (ReLU: [a &gt; 0]; tanh: 1 − a²), so no pre-activations
 * are stored. Immutable: the shape here, the parameters passed in by the caller.
 */
public final class MlpBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The output layer's activation. */
  public enum Output {
    RELU, TANH, LINEAR;

    public static Output parse(String s) {
      return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "relu" -> RELU;
        case "tanh" -> TANH;
        case "linear", "none" -> LINEAR;
        default -> throw new IllegalArgumentException("block output must be relu, tanh or linear, got '" + s + "'");
      };
    }
  }

  private final int[] sizes;
  private final Output output;
  private final int[] weightOffset;
  private final int[] biasOffset;
  private final int parameters;

  /** @param sizes n₀ … n_L (at least two layers: input and output) */
  public MlpBlock(int[] sizes, Output output) {
    if (sizes.length < 2) throw new IllegalArgumentException("a block needs an input and an output layer");
    for (int s : sizes) if (s < 1) throw new IllegalArgumentException("layer widths must be positive: " + Arrays.toString(sizes));
    this.sizes = sizes.clone();
    this.output = output;
    int layers = sizes.length - 1;
    weightOffset = new int[layers];
    biasOffset = new int[layers];
    long off = 0;
    for (int l = 0; l < layers; l++) {
      weightOffset[l] = (int) off;
      off += (long) sizes[l + 1] * sizes[l];
      biasOffset[l] = (int) off;
      off += sizes[l + 1];
    }
    if (off > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("block " + Arrays.toString(sizes) + " has too many weights");
    parameters = (int) off;
  }

  public int[] sizes() {
    return sizes.clone();
  }

  public Output output() {
    return output;
  }

  public int inputDim() {
    return sizes[0];
  }

  /** d′, the width of ι(z). */
  public int outputDim() {
    return sizes[sizes.length - 1];
  }

  public int layers() {
    return sizes.length - 1;
  }

  /** Length of θ. */
  public int parameterCount() {
    return parameters;
  }

  /** Weights U(±scale), biases 0 (the ICML code's initialisation with scale 0.05). */
  public double[] initialParameters(double scale, long seed) {
    double[] theta = new double[parameters];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int l = 0; l < layers(); l++) {
      int len = sizes[l + 1] * sizes[l];
      for (int k = 0; k < len; k++) theta[weightOffset[l] + k] = scale * (2 * rng.nextDouble() - 1);
    }
    return theta;
  }

  /** Σ_l ‖W_l‖² (biases are not penalised). */
  public double weightSquaredNorm(double[] theta) {
    double s = 0;
    for (int l = 0; l < layers(); l++) {
      int len = sizes[l + 1] * sizes[l];
      for (int k = 0; k < len; k++) {
        double v = theta[weightOffset[l] + k];
        s += v * v;
      }
    }
    return s;
  }

  /** g += c·W (the gradient of ½c Σ‖W_l‖²), biases untouched. */
  public void addWeightDecay(double[] theta, double c, double[] g) {
    for (int l = 0; l < layers(); l++) {
      int len = sizes[l + 1] * sizes[l];
      for (int k = 0; k < len; k++) g[weightOffset[l] + k] += c * theta[weightOffset[l] + k];
    }
  }

  /**
   * ι of m inputs: {@code in} holds them as a column-major n₀ × m matrix starting at
   * {@code offset} with leading dimension {@code ld} ≥ n₀ (so the first d columns of a row-major
   * block of width d+1 are read in place). Returns the activations A₁ … A_L, each n_l × m contiguous.
   */
  public double[][] forward(double[] theta, double[] in, int offset, int ld, int m) {
    BLAS blas = BLAS.getInstance();
    double[][] acts = new double[layers()][];
    double[] a = in;
    int aOff = offset;
    int aLd = ld;
    for (int l = 0; l < layers(); l++) {
      int rows = sizes[l + 1];
      double[] next = new double[rows * m];
      for (int c = 0; c < m; c++) System.arraycopy(theta, biasOffset[l], next, c * rows, rows);
      blas.dgemm("N", "N", rows, m, sizes[l], 1.0, theta, weightOffset[l], rows, a, aOff, aLd, 1.0, next, 0, rows);
      activate(next, l == layers() - 1 ? output : Output.RELU);
      acts[l] = next;
      a = next;
      aOff = 0;
      aLd = rows;
    }
    return acts;
  }

  /**
   * Backpropagates {@code dOut} = ∂loss/∂ι (n_L × m, overwritten) through the network whose
   * activations {@code acts} came from {@link #forward} on the same input, adding ∂loss/∂θ into
   * {@code grad}.
   */
  public void backward(double[] theta, double[] in, int offset, int ld, int m, double[][] acts, double[] dOut, double[] grad) {
    BLAS blas = BLAS.getInstance();
    double[] delta = dOut;
    for (int l = layers() - 1; l >= 0; l--) {
      int rows = sizes[l + 1];
      int cols = sizes[l];
      multiplyDerivative(delta, acts[l], l == layers() - 1 ? output : Output.RELU);
      double[] prev = l == 0 ? in : acts[l - 1];
      int prevOff = l == 0 ? offset : 0;
      int prevLd = l == 0 ? ld : cols;
      blas.dgemm("N", "T", rows, cols, m, 1.0, delta, 0, rows, prev, prevOff, prevLd, 1.0, grad, weightOffset[l], rows);
      for (int c = 0; c < m; c++) {
        int base = c * rows;
        for (int r = 0; r < rows; r++) grad[biasOffset[l] + r] += delta[base + r];
      }
      if (l > 0) {
        double[] back = new double[cols * m];
        blas.dgemm("T", "N", cols, m, rows, 1.0, theta, weightOffset[l], rows, delta, 0, rows, 0.0, back, 0, cols);
        delta = back;
      }
    }
  }

  private static void activate(double[] v, Output kind) {
    switch (kind) {
      case RELU -> {
        for (int k = 0; k < v.length; k++) if (v[k] < 0) v[k] = 0;
      }
      case TANH -> {
        for (int k = 0; k < v.length; k++) v[k] = Math.tanh(v[k]);
      }
      case LINEAR -> { }
    }
  }

  private static void multiplyDerivative(double[] delta, double[] act, Output kind) {
    switch (kind) {
      case RELU -> {
        for (int k = 0; k < delta.length; k++) if (act[k] <= 0) delta[k] = 0;
      }
      case TANH -> {
        for (int k = 0; k < delta.length; k++) delta[k] *= 1 - act[k] * act[k];
      }
      case LINEAR -> { }
    }
  }
}
