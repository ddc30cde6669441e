package org.stochopt.core.precond;

import java.util.SplittableRandom;
import org.stochopt.core.oracle.GradientOracle;

/**
 * The smoothness of F in the P-metric, L_P = λ_max(P·H) with H = c·(1/n)Σ x_i x_iᵀ + λ₂I, which
 * fixes the stable step of preconditioned GD (η &lt; 2/L_P; the default is 1/L_P).
 *
 * <p>P·H is not symmetric but is similar to the symmetric P^{1/2} H P^{1/2}, so its eigenvalues are
 * real and non-negative and power iteration on v ↦ P·H·v converges to the largest. H·v is the
 * oracle's (uncounted) curvature product, P·v is applied on the driver. Stops at a relative change
 * below 1e-4 or after 200 products; the estimate is raised by 1% because power iteration
 * approaches λ_max from below.
 */
public final class PreconditionedSmoothness {
  private PreconditionedSmoothness() {}

  public static double estimate(GradientOracle oracle, Preconditioner p, double l2, long seed) {
    int d = oracle.dimension();
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[d];
    for (int j = 0; j < d; j++) v[j] = rng.nextDouble() - 0.5;
    normalize(v);
    double[] hv = new double[d];
    double[] phv = new double[d];
    double lambda = 0;
    for (int it = 0; it < 200; it++) {
      oracle.curvatureProduct(v, hv);
      if (l2 != 0) for (int j = 0; j < d; j++) hv[j] += l2 * v[j];
      p.apply(hv, phv);
      double next = norm(phv);
      if (next == 0) return l2; // no curvature in the data term
      for (int j = 0; j < d; j++) v[j] = phv[j] / next;
      boolean done = it > 0 && Math.abs(next - lambda) <= 1e-4 * next;
      lambda = next;
      if (done) break;
    }
    return 1.01 * lambda;
  }

  private static void normalize(double[] v) {
    double n = norm(v);
    for (int j = 0; j < v.length; j++) v[j] /= n;
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) s += x * x;
    return Math.sqrt(s);
  }
}
