package org.stochopt.core.precond;

/**
 * P = V·diag(g)·Vᵀ from an eigendecomposition Σ_X = V Λ Vᵀ: out = V (g ∘ (Vᵀ g)), two
 * matrix–vector products, 2d² multiply-adds per application. V is stored column-major (eigenvector
 * k is {@code v[k·d .. k·d+d)}), so both products read memory in order.
 */
public final class SpectralPreconditioner implements Preconditioner {
  private static final long serialVersionUID = 1L;
  private final int d;
  private final double[] v;
  private final double[] gains;
  private final String description;

  SpectralPreconditioner(int d, double[] v, double[] gains, String description) {
    this.d = d;
    this.v = v; // shared with the factor, never written
    this.gains = gains;
    this.description = description;
  }

  @Override
  public void apply(double[] g, double[] out) {
    double[] t = new double[d];
    for (int k = 0; k < d; k++) {
      double s = 0;
      int base = k * d;
      for (int j = 0; j < d; j++) s += v[base + j] * g[j];
      t[k] = gains[k] * s;
    }
    java.util.Arrays.fill(out, 0, d, 0.0);
    for (int k = 0; k < d; k++) {
      double tk = t[k];
      if (tk == 0.0) continue;
      int base = k * d;
      for (int j = 0; j < d; j++) out[j] += tk * v[base + j];
    }
  }

  @Override
  public int dim() {
    return d;
  }

  /** g(λ_k), in the order of the factor's eigenvalues (ascending). */
  public double[] gains() {
    return gains.clone();
  }

  @Override
  public String describe() {
    return description;
  }
}
