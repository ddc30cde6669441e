package org.stochopt.core.resfgb;

import dev.ludovic.netlib.blas.BLAS;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.objective.GradientSum;

/**
 * What the block embedding ι is fitted to, on the rows of one partition, given the current head
 * w (which fixes the per-row functional gradient g_i = ∂ℓ_i/∂z_i, see {@link SoftmaxHead}):
 *
 * <pre>
 *   REGRESSION (ICML 2018):   loss_i = ½‖ι(z_i) − g̃_i‖²,   g̃_i = g_i / (sqrt(mean_j g_ij²) + 1e−10)
 *   INNER_PRODUCT (FW code):  loss_i = −⟨ι(z_i), s·g_i⟩,      s = 1 / mean_i‖g_i‖
 * </pre>
 *
 * The RMS normalisation makes every row's target of size about 1 whatever its loss, so ι learns
 * the direction of the functional gradient and not just the badly classified rows. The inner
 * product is what the Frank–Wolfe code maximises: ι only has to correlate with −∇, the step
 * size is set by the rule, not by the fit. The L2 penalty ½·wr·Σ‖W_l‖² is added by the caller.
 *
 * <p>With a {@code basis} Q (d × K, orthonormal columns spanning the head's weights H, see
 * {@link HeadSpan}) the block has K outputs and is fitted to the coordinates of the gradient in
 * that basis, g_i ← Qᵀg_i (the RMS then taken over the K coordinates). Since g_i = H(p_i − e_{y_i})
 * lies in span(H) = span(Q), ‖Qᵀg_i‖ = ‖g_i‖ and Q·Qᵀg_i = g_i: nothing of the target is lost,
 * and the block ι(z) = Q·ι′(z) is a d → d embedding with the same kernel ι′(z)ᵀι′(z′).
 */
public enum BlockObjective {
  REGRESSION, INNER_PRODUCT;

  /** The sum over {@code rows} of loss_i and ∂loss_i/∂θ, as one {@link GradientSum} (count = rows used). */
  GradientSum accumulate(MlpBlock shape, double[] theta, SoftmaxHead head, double[] w, double s, DenseRowBlock block, int[] rows) {
    return accumulate(shape, theta, head, w, s, null, block, rows);
  }

  /** The same with the targets taken in the coordinates of {@code basis} (d × K column-major), or in ℝ^d when null. */
  GradientSum accumulate(MlpBlock shape, double[] theta, SoftmaxHead head, double[] w, double s, double[] basis, DenseRowBlock block,
      int[] rows) {
    long t0 = System.nanoTime();
    int d = shape.inputDim();
    int ld = block.dim();
    int m = rows.length;
    double[] values = block.values();
    double[] z = new double[d * m];
    for (int c = 0; c < m; c++) System.arraycopy(values, rows[c] * ld, z, c * d, d);
    double[] gFull = new double[d * m];
    double[][] scratch = head.scratch();
    for (int c = 0; c < m; c++) {
      int r = rows[c];
      head.lossAndFeatureGradient(w, z, c * d, head.label(block.label(r), block.firstRow() + r), gFull, c * d, scratch);
    }
    int k = shape.outputDim();
    double[] g = gFull;
    if (basis != null) {
      // coordinates in the head's span: G′ = Qᵀ G (K × m)
      g = new double[k * m];
      BLAS.getInstance().dgemm("T", "N", k, m, d, 1.0, basis, 0, d, gFull, 0, d, 0.0, g, 0, k);
    } else if (k != d) {
      throw new IllegalArgumentException("a block with " + k + " outputs on " + d + " features needs a target basis");
    }
    double[][] acts = shape.forward(theta, z, 0, d, m);
    double[] out = acts[acts.length - 1];
    double loss = 0;
    double[] dOut = new double[out.length];
    if (this == REGRESSION) {
      for (int c = 0; c < m; c++) {
        int base = c * k;
        double ss = 0;
        for (int j = 0; j < k; j++) ss += g[base + j] * g[base + j];
        double inv = 1.0 / (Math.sqrt(ss / k) + 1e-10);
        for (int j = 0; j < k; j++) {
          double diff = out[base + j] - g[base + j] * inv;
          dOut[base + j] = diff;
          loss += 0.5 * diff * diff;
        }
      }
    } else {
      for (int j = 0; j < out.length; j++) {
        dOut[j] = -s * g[j];
        loss -= s * g[j] * out[j];
      }
    }
    GradientSum acc = new GradientSum(shape.parameterCount());
    shape.backward(theta, z, 0, d, m, acts, dOut, acc.gradient());
    acc.addLoss(loss);
    acc.addCount(m);
    acc.addComputeNanos(System.nanoTime() - t0);
    return acc;
  }
}
