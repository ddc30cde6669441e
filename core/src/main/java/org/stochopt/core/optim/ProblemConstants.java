package org.stochopt.core.optim;

import java.util.SplittableRandom;
import org.stochopt.core.linalg.Vec;
import org.stochopt.core.oracle.DataSummary;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.rng.Seeds;

/**
 * The constants the theory (and the default step sizes) are written in:
 * <ul>
 *   <li>L_i = c‖x_i‖², with c the loss curvature bound; {@code meanL} = L̄ = (1/n)Σ L_i and
 *       {@code maxL} = max_i L_i;</li>
 *   <li>{@code globalL} = L, the smoothness of f = (1/n)Σ f_i, bounded by c·λ_max((1/n)XᵀX) and
 *       estimated by power iteration (L ≤ L̄ ≤ L_max always);</li>
 *   <li>{@code mu} = μ, the strong convexity taken from the regularizer (the data term may add
 *       more, but that is not guaranteed, so it is not counted).</li>
 * </ul>
 */
public record ProblemConstants(long n, int d, double meanL, double maxL, double globalL, double mu)
    implements java.io.Serializable {

  public ProblemConstants {
    if (n <= 0 || d <= 0) throw new IllegalArgumentException("n and d must be positive");
    if (!(maxL >= 0) || !(meanL >= 0) || !(globalL >= 0) || !(mu >= 0)) {
      throw new IllegalArgumentException("constants must be non-negative");
    }
  }

  /** κ = L/μ (infinite when μ = 0). */
  public double condition() {
    return mu > 0 ? globalL / mu : Double.POSITIVE_INFINITY;
  }

  /** κ̄ = L̄/μ, the condition number that governs variance-reduced methods. */
  public double meanCondition() {
    return mu > 0 ? meanL / mu : Double.POSITIVE_INFINITY;
  }

  /**
   * Estimates the constants: one summary pass, then power iteration on v ↦ (1/n)Σ c x_i x_iᵀ v
   * until the Rayleigh quotient changes by less than 1e-4 relative (at most 100 products). Power
   * iteration approaches λ_max from below; the result is raised by 1% and capped at L̄ (which is
   * always a valid bound) so that a step 1/L stays safe.
   */
  public static ProblemConstants estimate(GradientOracle oracle, double curvature, Regularizer reg, long seed) {
    DataSummary s = oracle.summary();
    int d = oracle.dimension();
    double meanL = curvature * s.meanSquaredNorm();
    double maxL = curvature * s.maxSquaredNorm();
    double globalL = powerIteration(oracle, d, seed, 100, 1e-4);
    globalL = Math.min(meanL, globalL * 1.01);
    return new ProblemConstants(s.rows(), d, meanL, maxL, globalL, reg.strongConvexity());
  }

  /**
   * The constants without the power iteration: L is replaced by its bound L̄ (one summary pass).
   * For a method that reads no L (CoCoA+), where L only enters the reported gradient-mapping norm,
   * which any bound ≥ L keeps a valid stationarity measure.
   */
  public static ProblemConstants withMeanBound(GradientOracle oracle, double curvature, Regularizer reg) {
    DataSummary s = oracle.summary();
    double meanL = curvature * s.meanSquaredNorm();
    return new ProblemConstants(s.rows(), oracle.dimension(), meanL, curvature * s.maxSquaredNorm(), meanL, reg.strongConvexity());
  }

  static double powerIteration(GradientOracle oracle, int d, long seed, int maxIter, double tol) {
    SplittableRandom rng = new SplittableRandom(Seeds.child(seed, 0x504F574552L));
    double[] v = new double[d];
    for (int j = 0; j < d; j++) v[j] = rng.nextDouble() - 0.5;
    double norm = Vec.norm2(v);
    if (norm == 0) return 0.0;
    Vec.scal(1.0 / norm, v);
    double[] av = new double[d];
    double lambda = 0.0;
    for (int it = 0; it < maxIter; it++) {
      oracle.curvatureProduct(v, av);
      double next = Vec.dot(v, av);
      double an = Vec.norm2(av);
      if (an == 0) return 0.0;
      for (int j = 0; j < d; j++) v[j] = av[j] / an;
      if (it > 0 && Math.abs(next - lambda) <= tol * Math.abs(next)) {
        lambda = next;
        break;
      }
      lambda = next;
    }
    return lambda;
  }
}
