package org.stochopt.core.resfgb;

import java.io.Serializable;
import org.stochopt.core.loss.SoftmaxCrossEntropyLoss;

/**
 * The linear classifier on top of the features, and the functional gradient it induces. The head
 * reads a feature row z ∈ ℝ^d extended by a constant 1 (the bias), with weights laid out as
 * {@link org.stochopt.core.objective.MulticlassLinearObjective} lays them out for d+1 features:
 * class block k = w[k(d+1) .. (k+1)(d+1)), its last entry the bias b_k. For row i:
 *
 * <pre>
 *   a_k = ⟨w_k[0..d), z_i⟩ + b_k,   ℓ_i = log Σ_k e^{a_k} − a_{y_i},
 *   ∂ℓ_i/∂z_i = Σ_k (p_k − [k = y_i]) · w_k[0..d),   p = softmax(a).
 * </pre>
 *
 * The functional gradient of the empirical risk R(φ) = (1/n)Σ_i ℓ_i at the sample is
 * G_i = (1/n)·∂ℓ_i/∂z_i; this class returns the per-row part without the 1/n, which callers add
 * where it matters (the block matrix W), and which cancels in the RMS-normalised regression target.
 */
public final class SoftmaxHead implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final SoftmaxCrossEntropyLoss LOSS = new SoftmaxCrossEntropyLoss();

  private final int features;
  private final int classes;

  /** @param features d, the feature dimension without the bias */
  public SoftmaxHead(int features, int classes) {
    if (features < 1 || classes < 2) throw new IllegalArgumentException("a head needs d ≥ 1 and K ≥ 2, got d=" + features + ", K=" + classes);
    this.features = features;
    this.classes = classes;
  }

  public int features() {
    return features;
  }

  public int classes() {
    return classes;
  }

  /** (d+1)·K. */
  public int weightCount() {
    return (features + 1) * classes;
  }

  /** a = margins of the row {@code z[off .. off+d)} into {@code out} (length K). */
  public void margins(double[] w, double[] z, int off, double[] out) {
    int stride = features + 1;
    for (int k = 0; k < classes; k++) {
      int base = k * stride;
      double s = w[base + features];
      for (int j = 0; j < features; j++) s += w[base + j] * z[off + j];
      out[k] = s;
    }
  }

  /** argmax_k a_k (the first on ties). */
  public int predict(double[] w, double[] z, int off) {
    double[] a = new double[classes];
    margins(w, z, off, a);
    int best = 0;
    for (int k = 1; k < classes; k++) if (a[k] > a[best]) best = k;
    return best;
  }

  /**
   * ℓ_i, and ∂ℓ_i/∂z_i into {@code gOut[gOff .. gOff+d)} when gOut is not null.
   *
   * @param scratch two arrays of length K (margins, ∂ℓ/∂a), reused across rows
   */
  public double lossAndFeatureGradient(double[] w, double[] z, int off, int label, double[] gOut, int gOff, double[][] scratch) {
    double[] a = scratch[0];
    double[] da = scratch[1];
    margins(w, z, off, a);
    double loss = LOSS.valueAndGradient(a, label, da);
    if (gOut != null) {
      int stride = features + 1;
      java.util.Arrays.fill(gOut, gOff, gOff + features, 0.0);
      for (int k = 0; k < classes; k++) {
        double c = da[k];
        if (c == 0.0) continue;
        int base = k * stride;
        for (int j = 0; j < features; j++) gOut[gOff + j] += c * w[base + j];
      }
    }
    return loss;
  }

  public double[][] scratch() {
    return new double[][] {new double[classes], new double[classes]};
  }

  /** The class of a stored label, refused with the row id when it is not an integer in [0, K). */
  public int label(double y, long row) {
    int c = (int) y;
    if (c != y || c < 0 || c >= classes) {
      throw new IllegalArgumentException("row " + row + " has label " + y + ", not a class in 0.." + (classes - 1));
    }
    return c;
  }
}
