package org.stochopt.core.theory;

import org.stochopt.core.linalg.Vec;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * The gradient noise scale of McCandlish, Kaplan, Amodei et al. (2018), "An empirical model of
 * large-batch training", in its simple form
 *
 * <pre>
 *   B_simple = tr(Σ) / |G|²,   G = ∇f(x),   tr(Σ) = (1/n) Σᵢ ‖∇fᵢ(x) − G‖²
 * </pre>
 *
 * estimated by their two-batch estimator (Appendix A) with the finite-population correction for
 * minibatches drawn without replacement. For a b-sample, E|G_b|² = |G|² + c(b)·tr(Σ) with
 * c(b) = (n − b)/(b(n − 1)) without replacement and 1/b with replacement. Two minibatch gradients
 * at the SAME point x, of sizes s &lt; B, give unbiased estimates
 *
 * <pre>
 *   tr(Σ) ≈ (|G_s|² − |G_B|²) / (c(s) − c(B))
 *   |G|²  ≈ (c(s)·|G_B|² − c(B)·|G_s|²) / (c(s) − c(B))
 * </pre>
 *
 * Numerator and denominator are averaged separately over many pairs and only then divided: the
 * ratio of two noisy estimates is strongly biased. Without the correction a big batch close to n
 * would look noise-free and B_simple would be underestimated.
 *
 * <p>B_simple is where the gradient noise of a b-batch, c(b)·tr(Σ), equals the signal |G|²: the
 * critical batch size of plain SGD at x. It grows as x approaches the optimum (G → 0), unlike
 * the b* of variance-reduced methods, which depends only on n and the condition numbers.
 */
public final class GradientNoiseScale {
  private GradientNoiseScale() {}

  /**
   * An estimate at one point.
   *
   * @param traceSigma tr(Σ), the per-example gradient variance
   * @param gradientNormSquared |G|²
   * @param pairs how many (small, big) pairs were averaged
   */
  public record Estimate(long smallBatch, long bigBatch, int pairs, double traceSigma, double gradientNormSquared) {
    /** B_simple = tr(Σ)/|G|² (infinite when the estimated |G|² is not positive, e.g. at the optimum). */
    public double simpleNoiseScale() {
      return gradientNormSquared > 0 ? traceSigma / gradientNormSquared : Double.POSITIVE_INFINITY;
    }
  }

  /** c(b): the variance of a b-sample mean, in units of tr(Σ). */
  public static double varianceFactor(long n, long b, SamplingScheme scheme) {
    if (b < 1 || (scheme == SamplingScheme.WITHOUT_REPLACEMENT && b > n)) {
      throw new IllegalArgumentException("batch size " + b + " is outside [1, n=" + n + "]");
    }
    if (scheme == SamplingScheme.WITH_REPLACEMENT) return 1.0 / b;
    return n == 1 ? 0.0 : (n - b) / (b * (n - 1.0));
  }

  /**
   * Combines measured squared norms: {@code smallNormsSquared[k]} = |G_s|² and
   * {@code bigNormsSquared[k]} = |G_B|² of pair k, both taken at the same point.
   */
  public static Estimate fromPairs(
      long n, long smallBatch, long bigBatch, SamplingScheme scheme, double[] smallNormsSquared, double[] bigNormsSquared) {
    if (smallNormsSquared.length != bigNormsSquared.length || smallNormsSquared.length == 0) {
      throw new IllegalArgumentException("need the same positive number of small and big batch norms");
    }
    double cs = varianceFactor(n, smallBatch, scheme);
    double cb = varianceFactor(n, bigBatch, scheme);
    if (!(cs > cb)) {
      throw new IllegalArgumentException(
          "the small batch (" + smallBatch + ") must be smaller than the big batch (" + bigBatch + ")");
    }
    double small = mean(smallNormsSquared);
    double big = mean(bigNormsSquared);
    double trace = (small - big) / (cs - cb);
    double signal = (cs * big - cb * small) / (cs - cb);
    return new Estimate(smallBatch, bigBatch, smallNormsSquared.length, trace, signal);
  }

  /**
   * Estimates at x with {@code pairs} independent (small, big) minibatch pairs drawn without
   * replacement from the stream {@code seed}. Costs 2·pairs oracle rounds, counted in the oracle's
   * stats (callers measuring a run take their baseline afterwards).
   */
  public static Estimate estimate(GradientOracle oracle, double[] x, int smallBatch, int bigBatch, int pairs, long seed) {
    if (pairs < 1) throw new IllegalArgumentException("pairs must be positive, got " + pairs);
    SamplingPlan plan = new SamplingPlan(seed, oracle.partitionSizes(), SamplingScheme.WITHOUT_REPLACEMENT);
    double[] g = new double[oracle.dimension()];
    double[] small = new double[pairs];
    double[] big = new double[pairs];
    for (int k = 0; k < pairs; k++) {
      // Separate plan steps for the two batches: independent draws, both at the same x.
      Minibatch s = plan.draw(2L * k, smallBatch);
      oracle.batchGradient(x, s, g);
      small[k] = squared(g);
      Minibatch b = plan.draw(2L * k + 1, bigBatch);
      oracle.batchGradient(x, b, g);
      big[k] = squared(g);
    }
    return fromPairs(oracle.size(), smallBatch, bigBatch, SamplingScheme.WITHOUT_REPLACEMENT, small, big);
  }

  private static double squared(double[] g) {
    double norm = Vec.norm2(g);
    return norm * norm;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return s / v.length;
  }
}
