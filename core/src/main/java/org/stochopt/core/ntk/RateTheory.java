package org.stochopt.core.ntk;

/**
 * Corollary 1 of Nitanda &amp; Suzuki (ICLR 2021): under the source condition g_ρ ∈ Σ^r(L2),
 * r ∈ [1/2, 1], and eigenvalue decay λ_i = Θ(i^{−β}), β &gt; 1, averaged SGD with
 * λ = T^{−β/(2rβ+1)} reaches E‖g_Θ̄ − g_ρ‖² = O(T^{−2rβ/(2rβ+1)}), the minimax rate.
 * For ReLU-like activations and x uniform on S^{d−1}, β = 1 + 1/(d − 1) = d/(d − 1) (Corollary 2).
 */
public final class RateTheory {
  private RateTheory() {}

  /** Refuses r outside [1/2, 1] and β ≤ 1, naming the flag. */
  public static void check(double r, double beta) {
    if (!(r >= 0.5 && r <= 1.0)) throw new IllegalArgumentException("--source-r must be in [0.5, 1] (source condition of Theorem 1), got " + r);
    if (!(beta > 1.0 && Double.isFinite(beta))) throw new IllegalArgumentException("--beta must be > 1 and finite (eigenvalue decay i^−β), got " + beta);
  }

  /** λ = T^{−β/(2rβ+1)}. */
  public static double lambda(long steps, double r, double beta) {
    check(r, beta);
    return Math.pow(steps, -beta / (2.0 * r * beta + 1.0));
  }

  /** The exponent of the rate: the excess risk decays like T^{−2rβ/(2rβ+1)}. */
  public static double rateExponent(double r, double beta) {
    check(r, beta);
    return 2.0 * r * beta / (2.0 * r * beta + 1.0);
  }

  /** β = d/(d − 1), the NTK eigenvalue decay of ReLU on the sphere S^{d−1}. */
  public static double reluSphereBeta(int d) {
    if (d < 2) throw new IllegalArgumentException("the sphere needs d ≥ 2, got " + d);
    return d / (d - 1.0);
  }
}
