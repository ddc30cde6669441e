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
 * <ul>
 *   <li>{@link #preActivations}: Z = Wᵀ X (count × b, column i holds ⟨w_r, x_i⟩ for every r) —
 *       count·b·d multiply-adds;</li>
 *   <li>{@link #addInputGradient}: G ← G + α·X Dᵀ (d × count, column r += α Σ_i D_{ri} x_i) —
 *       the other count·b·d.</li>
 * </ul>
 * Together 2·M·b·d per step for a model of M neurons: the arithmetic bound of docs/performance.md.
 * Results depend only on the shapes (BLAS is deterministic for a fixed implementation and
 * thread count), so blocks computed on different executors of the same machine type agree.
 */
public final class NeuronKernels {
  private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

  private NeuronKernels() {}

  /** The BLAS implementation in use (native or one of the Java fallbacks), for reports. */
  public static String implementation() {
    return BLAS_INSTANCE.getClass().getSimpleName();
  }

  /**
   * z[i·count + r] = ⟨w_r, x_i⟩ for r &lt; count, i &lt; b.
   *
   * @param x b rows of length d, row i at [i·d, (i+1)·d)
   */
  public static void preActivations(double[] w, int wOff, int ldw, int count, double[] x, int b, int d, double[] z) {
    products(w, wOff, ldw, count, x, b, d, 0.0, z);
  }

  /**
   * z[i·count + r] += ⟨w_r, x_i⟩: as {@link #preActivations}, added to what z holds (a bias already
   * in place costs no second pass over the count × b values).
   */
  public static void addPreActivations(double[] w, int wOff, int ldw, int count, double[] x, int b, int d, double[] z) {
    products(w, wOff, ldw, count, x, b, d, 1.0, z);
  }

  private static void products(double[] w, int wOff, int ldw, int count, double[] x, int b, int d, double beta, double[] z) {
    if (count == 0 || b == 0) return;
    if (b == 1) {
      BLAS_INSTANCE.dgemv("T", d, count, 1.0, w, wOff, ldw, x, 0, 1, beta, z, 0, 1);
    } else {
      BLAS_INSTANCE.dgemm("T", "N", count, b, d, 1.0, w, wOff, ldw, x, 0, d, beta, z, 0, count);
    }
  }

  /**
   * g[gOff + r·ldg + j] += alpha · Σ_i dz[i·count + r] · x[i·d + j]: the input-weight gradient
   * of every neuron given ∂loss/∂z per (neuron, row).
   */
  public static void addInputGradient(double[] x, int b, int d, double[] dz, int count, double alpha, double[] g,
      int gOff, int ldg) {
    if (count == 0 || b == 0) return;
    if (b == 1) {
      BLAS_INSTANCE.dger(d, count, alpha, x, 0, 1, dz, 0, 1, g, gOff, ldg);
    } else {
      BLAS_INSTANCE.dgemm("N", "T", d, count, b, alpha, x, 0, d, dz, 0, count, 1.0, g, gOff, ldg);
    }
  }

  /** y[i] = alpha · Σ_r A[i·count + r] · v[r] for i &lt; b (Aᵀv with A count × b column-major). */
  public static void columnDots(double[] a, int count, int b, double[] v, double alpha, double[] y) {
    if (count == 0 || b == 0) return;
    BLAS_INSTANCE.dgemv("T", count, b, alpha, a, 0, count, v, 0, 1, 0.0, y, 0, 1);
  }

  /** y[r] += alpha · Σ_i A[i·count + r] · v[i] for r &lt; count (A v). */
  public static void addRowDots(double[] a, int count, int b, double[] v, double alpha, double[] y) {
    if (count == 0 || b == 0) return;
    BLAS_INSTANCE.dgemv("N", count, b, alpha, a, 0, count, v, 0, 1, 1.0, y, 0, 1);
  }
}
