package org.stochopt.core.ntk;

/**
 * Source-condition norms from an empirical eigendecomposition of K/n (μ_i, v_i):
 * <pre>
 *   ‖Σ^{−r} g‖² = Σ_i μ_i^{−2r} ⟨g, φ_i⟩²,   φ_i(x_j) = √n·v_ij,   ⟨g, φ_i⟩ = (1/n) Σ_j g(x_j) φ_i(x_j) = v_iᵀg/√n
 * </pre>
 * summed over the eigenvalues above {@code floor} (relative to μ_1), below which the empirical
 * spectrum is rounding noise. A finite, slowly growing norm as r increases means g satisfies the
 * source condition g ∈ Σ^r(L2) at that r.
 */
public final class SourceNorms {
  private SourceNorms() {}

  public static double norm(SymmetricEigen eig, double[] g, double r, double floor) {
    int n = eig.n();
    double mu1 = eig.values()[0];
    double s = 0.0;
    for (int i = 0; i < n; i++) {
      double mu = eig.values()[i];
      if (!(mu > floor * mu1)) break;
      double dot = 0.0;
      for (int j = 0; j < n; j++) dot += eig.vectors()[i * n + j] * g[j];
      double coef = dot / Math.sqrt(n);
      s += Math.pow(mu, -2.0 * r) * coef * coef;
    }
    return Math.sqrt(s);
  }
}
