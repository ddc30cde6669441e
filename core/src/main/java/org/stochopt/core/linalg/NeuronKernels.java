package org.stochopt.core.linalg;

import dev.ludovic.netlib.blas.BLAS;

/**
 * The two dense products every neuron-block model spends its time in, as BLAS level-3 calls
 * (level 2 when the batch has one row). Neurons' input weights sit in a slab: neuron r's
 * w_r ∈ ℝ^d starts at {@code wOff + r·ldw} (ldw = d for a plain weight matrix, ldw = p when each
 * particle stores p parameters of which w is a part). In BLAS's column-major terms that slab is
 * the d × count matrix W with leading dimension ldw; a batch of b rows stored row after row is the
 * d × b matrix X (leading dimension d).
 *
 * <p><b>Neuron-major values.</b> The step kernels keep one neuron's b values together,
 * v[r·b + i] (the b × count matrix V, leading dimension b):
 * <ul>
 *   <li>{@link #preActivationsByNeuron}: V = Xᵀ W, count·b·d multiply-adds;</li>
 *   <li>{@link #addInputGradientByNeuron}: G ← G + α·X D (d × count, column r += α Σ_i D_{ir} x_i),
 *       the other count·b·d.</li>
 * </ul>
 * Together 2·M·b·d per step for a model of M neurons: the arithmetic bound of docs/performance.md.
 * This layout is chosen for the reference BLAS, which does not block: both dgemm calls then read
 * W (or G) once, column after column, while the small X (b × d) stays in cache. With W as the
 * outer operand instead ({@link #preActivations}, example-major), the unblocked dgemm re-reads the
 * whole M × d slab once per row of the batch, which at d = 784 made it memory-bound.
 *
 * <p>With the reference BLAS each entry is the plain sequential sum, in the order a loop over
 * neurons and rows would take, so results do not depend on how neurons are chunked. Results
 * depend only on the shapes (BLAS is deterministic for a fixed implementation and thread count),
 * so blocks computed on different executors of the same machine type agree.
 */
public final class NeuronKernels {
  private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

  private NeuronKernels() {}

  /** The BLAS implementation in use (native or one of the Java fallbacks), for reports. */
  public static String implementation() {
    return BLAS_INSTANCE.getClass().getSimpleName();
  }

  /**
   * z[i·count + r] = ⟨w_r, x_i⟩ for r &lt; count, i &lt; b (example-major: the layout the Gram
   * matrices' dsyrk reads).
   *
   * @param x b rows of length d, row i at [i·d, (i+1)·d)
   */
  public static void preActivations(double[] w, int wOff, int ldw, int count, double[] x, int b, int d, double[] z) {
    if (count == 0 || b == 0) return;
    if (b == 1) {
      BLAS_INSTANCE.dgemv("T", d, count, 1.0, w, wOff, ldw, x, 0, 1, 0.0, z, 0, 1);
    } else {
      BLAS_INSTANCE.dgemm("T", "N", count, b, d, 1.0, w, wOff, ldw, x, 0, d, 0.0, z, 0, count);
    }
  }

  /**
   * v[r·b + i] = ⟨w_r, x_i⟩ for r &lt; count, i &lt; b (neuron-major), or {@code +=} when
   * {@code accumulate} (a bias already in place costs no second pass over the count × b values).
   *
   * @param x b rows of length d, row i at [i·d, (i+1)·d)
   */
  public static void preActivationsByNeuron(double[] w, int wOff, int ldw, int count, double[] x, int b, int d,
      boolean accumulate, double[] v) {
    if (count == 0 || b == 0) return;
    double beta = accumulate ? 1.0 : 0.0;
    if (b == 1) {
      BLAS_INSTANCE.dgemv("T", d, count, 1.0, w, wOff, ldw, x, 0, 1, beta, v, 0, 1);
    } else {
      BLAS_INSTANCE.dgemm("T", "N", b, count, d, 1.0, x, 0, d, w, wOff, ldw, beta, v, 0, b);
    }
  }

  /**
   * g[gOff + r·ldg + j] += alpha · Σ_i dz[r·b + i] · x[i·d + j]: the input-weight gradient of
   * every neuron given ∂loss/∂z per (neuron, row), neuron-major.
   */
  public static void addInputGradientByNeuron(double[] x, int b, int d, double[] dz, int count, double alpha, double[] g,
      int gOff, int ldg) {
    if (count == 0 || b == 0) return;
    if (b == 1) {
      BLAS_INSTANCE.dger(d, count, alpha, x, 0, 1, dz, 0, 1, g, gOff, ldg);
    } else {
      BLAS_INSTANCE.dgemm("N", "N", d, count, b, alpha, x, 0, d, dz, 0, b, 1.0, g, gOff, ldg);
    }
  }

  /** y[i] = Σ_r v[r·b + i] · c[r] for i &lt; b (neurons summed in order): the batch's outputs. */
  public static void sumOverNeurons(double[] v, int count, int b, double[] c, double[] y) {
    if (count == 0 || b == 0) return;
    BLAS_INSTANCE.dgemv("N", b, count, 1.0, v, 0, b, c, 0, 1, 0.0, y, 0, 1);
  }

  /** y[r] += alpha · Σ_i v[r·b + i] · e[i] for r &lt; count: a per-neuron gradient. */
  public static void addSumOverRows(double[] v, int count, int b, double[] e, double alpha, double[] y) {
    if (count == 0 || b == 0) return;
    BLAS_INSTANCE.dgemv("T", b, count, alpha, v, 0, b, e, 0, 1, 1.0, y, 0, 1);
  }
}
