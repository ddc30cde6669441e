package org.stochopt.core.meanfield;

/**
 * Differential entropy H(q) = −E_q log q from S samples, by the Kozachenko–Leonenko 1-nearest-
 * neighbour estimator (the estimator of Chizat's public MFLD code):
 * <pre>
 *   Ĥ = (p/S) Σ_j log ρ_j + log(S − 1) + log V_p + γ,
 * </pre>
 * ρ_j the Euclidean distance from sample j to its nearest other sample, V_p = π^{p/2}/Γ(p/2 + 1)
 * the volume of the unit p-ball, γ = 0.5772… (Euler–Mascheroni). Consistent as S → ∞, but biased
 * for finite S in high dimension; O(S² p) time. Coincident samples (ρ = 0) are skipped.
 */
public final class EntropyEstimator {
  private static final double EULER_GAMMA = 0.5772156649015329;

  private EntropyEstimator() {}

  /** Ĥ from samples[s·p .. (s+1)·p), s &lt; count; NaN with fewer than 2 samples. */
  public static double kozachenkoLeonenko(double[] samples, int count, int p) {
    if (count < 2) return Double.NaN;
    double sumLog = 0.0;
    int used = 0;
    for (int a = 0; a < count; a++) {
      double best = Double.POSITIVE_INFINITY;
      int ao = a * p;
      for (int b = 0; b < count; b++) {
        if (b == a) continue;
        int bo = b * p;
        double d2 = 0.0;
        for (int k = 0; k < p && d2 < best; k++) {
          double t = samples[ao + k] - samples[bo + k];
          d2 += t * t;
        }
        if (d2 < best) best = d2;
      }
      if (best > 0) {
        sumLog += 0.5 * Math.log(best);
        used++;
      }
    }
    if (used == 0) return Double.NaN;
    return p * sumLog / used + Math.log(count - 1) + logUnitBallVolume(p) + EULER_GAMMA;
  }

  /** log(π^{p/2} / Γ(p/2 + 1)), with Γ at half-integers computed exactly by recursion. */
  static double logUnitBallVolume(int p) {
    return 0.5 * p * Math.log(Math.PI) - logGammaHalfInteger(p + 2);
  }

  /** log Γ(m/2) for integer m ≥ 1. */
  static double logGammaHalfInteger(int m) {
    double x = (m % 2 == 0) ? 1.0 : 0.5; // Γ(1) = 1 or Γ(1/2) = √π
    double log = (m % 2 == 0) ? 0.0 : 0.5 * Math.log(Math.PI);
    for (; x < m / 2.0 - 1e-9; x += 1.0) log += Math.log(x);
    return log;
  }
}
