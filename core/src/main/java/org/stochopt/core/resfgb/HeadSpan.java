package org.stochopt.core.resfgb;

/**
 * An orthonormal basis Q of the column span of the head's weights H (d × K, column-major, biases
 * excluded), by modified Gram–Schmidt. Every functional gradient of the softmax head,
 * ∂ℓ_i/∂z_i = H(p_i − e_{y_i}), lies in span(H), so its coordinates Qᵀg_i (K numbers) carry all
 * of it: a block fitted to them has K outputs instead of d ({@link BlockObjective}).
 *
 * <p>Why Gram–Schmidt and not an SVD: the head is warm-started, so H moves little between layers,
 * and Gram–Schmidt is a continuous function of H (as long as its columns stay independent); the
 * next block's warm start from the previous θ then still faces nearly the same coordinates. A
 * column that is (numerically) in the span of the earlier ones is left zero; its coordinate is then
 * always 0 and the block learns nothing there.
 */
public final class HeadSpan {
  private HeadSpan() {}

  /** Q, column-major d × k, with QᵀQ = I on the independent columns of {@code h} (d × k, column-major). */
  public static double[] orthonormalBasis(double[] h, int d, int k) {
    double[] q = h.clone();
    for (int j = 0; j < k; j++) {
      int cj = j * d;
      double norm0 = 0;
      for (int a = 0; a < d; a++) norm0 += q[cj + a] * q[cj + a];
      norm0 = Math.sqrt(norm0);
      for (int i = 0; i < j; i++) {
        int ci = i * d;
        double dot = 0;
        for (int a = 0; a < d; a++) dot += q[ci + a] * q[cj + a];
        for (int a = 0; a < d; a++) q[cj + a] -= dot * q[ci + a];
      }
      double norm = 0;
      for (int a = 0; a < d; a++) norm += q[cj + a] * q[cj + a];
      norm = Math.sqrt(norm);
      double inv = norm > 1e-10 * Math.max(norm0, Double.MIN_NORMAL) ? 1.0 / norm : 0.0;
      for (int a = 0; a < d; a++) q[cj + a] *= inv;
    }
    return q;
  }
}
