package org.stochopt.core.ntk;

import dev.ludovic.netlib.blas.BLAS;
import org.stochopt.core.linalg.NeuronKernels;

/**
 * The finite-width NTK Gram matrix at the symmetric initialisation (a_r = ±R, c = 0), from the M′
 * distinct directions b_r (the mirrored half repeats them and adds nothing):
 * <pre>
 *   K = (1/M′)·σ(XB)σ(XB)ᵀ  +  R²·(XXᵀ + γ²) ⊙ (1/M′)·σ′(XB)σ′(XB)ᵀ
 *       └ output layer k_a ┘    └────────── input layer + bias k_b ──────┘
 * </pre>
 * This is ⟨∇_Θ g(x), ∇_Θ g(x′)⟩ summed over the trained layers. Both Gram products are BLAS
 * {@code dsyrk} calls over chunks of directions (n²·M′ multiply-adds each); only the lower triangle
 * is formed before {@link #symmetrize}.
 *
 * @param outputTerm k_a(x_i, x_j), n × n column-major
 * @param inputTerm k_b(x_i, x_j), n × n column-major
 */
public record NtkGram(int n, double[] outputTerm, double[] inputTerm) {
  private static final int CHUNK = 1024;

  /**
   * @param x n rows of d (row-major)
   * @param directions M′ rows of d (row-major), each a unit vector
   */
  public static NtkGram finiteWidth(double[] x, int n, int d, double[] directions, int distinct, Activation sigma,
      double outputScale, double biasScale) {
    BLAS blas = BLAS.getInstance();
    double[] ka = new double[n * n];
    double[] kd = new double[n * n];
    for (int start = 0; start < distinct; start += CHUNK) {
      int len = Math.min(CHUNK, distinct - start);
      double[] z = new double[len * n];
      NeuronKernels.preActivations(directions, start * d, d, len, x, n, d, z);
      double[] s = new double[z.length];
      double[] ds = new double[z.length];
      for (int k = 0; k < z.length; k++) {
        s[k] = sigma.value(z[k]);
        ds[k] = sigma.derivative(z[k]);
      }
      // C (n × n) += (1/M′)·AᵀA with A the len × n matrix (column i = the chunk's values at x_i).
      blas.dsyrk("L", "T", n, len, 1.0 / distinct, s, len, 1.0, ka, n);
      blas.dsyrk("L", "T", n, len, 1.0 / distinct, ds, len, 1.0, kd, n);
    }
    double r2 = outputScale * outputScale;
    double g2 = biasScale * biasScale;
    for (int j = 0; j < n; j++) {
      for (int i = j; i < n; i++) {
        double dot = 0.0;
        for (int k = 0; k < d; k++) dot += x[i * d + k] * x[j * d + k];
        kd[j * n + i] *= r2 * (dot + g2);
      }
    }
    symmetrize(ka, n);
    symmetrize(kd, n);
    return new NtkGram(n, ka, kd);
  }

  /**
   * The infinite-width NTK of a ReLU network with b ~ Unif(S^{d−1}) (arc-cosine kernels): with φ the
   * angle between x and x′,
   * <pre>
   *   k_a = ‖x‖‖x′‖·(sin φ + (π − φ) cos φ)/(2πd)
   *   k_b = R²(xᵀx′ + γ²)·(π − φ)/(2π)
   * </pre>
   * (the Gaussian-weight arc-cosine kernels, divided by E‖g‖² = d for the σ term because b is a
   * normalised Gaussian; the step-function term is scale-free).
   */
  public static NtkGram reluClosedForm(double[] x, int n, int d, double outputScale, double biasScale) {
    double[] ka = new double[n * n];
    double[] kb = new double[n * n];
    double[] norms = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0.0;
      for (int k = 0; k < d; k++) s += x[i * d + k] * x[i * d + k];
      norms[i] = Math.sqrt(s);
    }
    for (int j = 0; j < n; j++) {
      for (int i = j; i < n; i++) {
        double dot = 0.0;
        for (int k = 0; k < d; k++) dot += x[i * d + k] * x[j * d + k];
        double[] v = reluEntry(dot, norms[i], norms[j], d, outputScale, biasScale);
        ka[j * n + i] = v[0];
        kb[j * n + i] = v[1];
      }
    }
    symmetrize(ka, n);
    symmetrize(kb, n);
    return new NtkGram(n, ka, kb);
  }

  /** {k_a(x, x′), k_b(x, x′)} of the ReLU closed form from xᵀx′, ‖x‖ and ‖x′‖. */
  public static double[] reluEntry(double dot, double normX, double normY, int d, double outputScale, double biasScale) {
    double nn = normX * normY;
    double cos = nn == 0.0 ? 0.0 : Math.max(-1.0, Math.min(1.0, dot / nn));
    double phi = Math.acos(cos);
    double ka = nn * (Math.sin(phi) + (Math.PI - phi) * cos) / (2.0 * Math.PI * d);
    double kb = outputScale * outputScale * (dot + biasScale * biasScale) * (Math.PI - phi) / (2.0 * Math.PI);
    return new double[] {ka, kb};
  }

  /** The Gram of the given layers: k_a, k_b or k_a + k_b (a new array). */
  public double[] of(TrainedLayers layers) {
    double[] k = new double[n * n];
    for (int i = 0; i < k.length; i++) k[i] = (layers.output() ? outputTerm[i] : 0.0) + (layers.input() ? inputTerm[i] : 0.0);
    return k;
  }

  /**
   * The Gram of the given layers written over one of this record's arrays (no third n × n array:
   * at n = 10⁴ each is 800 MB). This record must not be used afterwards.
   */
  public double[] consumeInto(TrainedLayers layers) {
    if (!layers.input()) return outputTerm;
    if (!layers.output()) return inputTerm;
    for (int i = 0; i < inputTerm.length; i++) inputTerm[i] += outputTerm[i];
    return inputTerm;
  }

  /** Copies the lower triangle onto the upper one. */
  static void symmetrize(double[] a, int n) {
    for (int j = 0; j < n; j++) {
      for (int i = j + 1; i < n; i++) a[i * n + j] = a[j * n + i];
    }
  }
}
