package org.stochopt.core.online;

import org.stochopt.core.loss.Loss;

/**
 * One-pass SGD with weighted averaging on a linear model over fixed features (e.g. random
 * features), for L(a) = E[ℓ(⟨a, z(X)⟩, Y)] + (λ/2)‖a‖² (Nitanda, Suzuki AISTATS 2019;
 * Yashima, Nitanda, Suzuki AISTATS 2021 with random features):
 *
 * <pre>
 *   a_1 = 0,   for t = 1, 2, …, T with a fresh example (z_t, y_t):
 *   η_t     = 2 / (λ(γ + t))
 *   a_{t+1} = a_t − η_t ( ℓ'(⟨a_t, z_t⟩, y_t) · z_t + λ a_t )
 *   ā_{T+1} = Σ_{t=1}^{T+1} 2(γ + t − 1) / ((2γ + T)(T + 1)) · a_t
 * </pre>
 *
 * The averaging weights are proportional to γ + t − 1 (Lacoste-Julien, Schmidt, Bach 2012) and sum
 * to one. They are kept as a running weighted sum and a running weight, not in the online
 * convex-combination form, which loses accuracy when T is large. Under the strong low-noise
 * condition the classification error of sign⟨ā_T, z(x)⟩ converges exponentially from the early
 * phase; that of the last iterate a_T only in the final phase (Nitanda, Suzuki 2019).
 *
 * <p>One step costs O(M). Not thread-safe.
 */
public final class AveragedOnlineSgd implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * @param loss ℓ (differentiable; logistic or squared in the papers)
   * @param lambda λ &gt; 0, the L2 weight (also sets the step scale)
   * @param gamma γ ≥ 0, the step and averaging offset
   */
  public record Config(Loss loss, double lambda, double gamma) {
    public Config {
      if (loss == null) throw new IllegalArgumentException("a loss is required");
      if (!(lambda > 0) || !Double.isFinite(lambda)) throw new IllegalArgumentException("λ must be positive, got " + lambda);
      if (!(gamma >= 0) || !Double.isFinite(gamma)) throw new IllegalArgumentException("γ must be non-negative, got " + gamma);
    }

    /**
     * The smallest γ with η_1 = 2/(λ(γ + 1)) ≤ 1/(cR² + λ), with c the loss curvature bound and R²
     * a bound on ‖z‖², so that the first step does not overshoot (the step-size condition of the
     * analyses; ‖z‖² ≤ 2 for random Fourier features).
     */
    public static Config withSafeGamma(Loss loss, double lambda, double featureSquaredNormBound) {
      double smooth = loss.curvatureBound() * featureSquaredNormBound + lambda;
      return new Config(loss, lambda, Math.max(0.0, 2.0 * smooth / lambda - 1.0));
    }
  }

  private final Config config;
  private final double[] a;
  private final double[] weightedSum;
  private double weightSum;
  private long t = 1;

  public AveragedOnlineSgd(int dim, Config config) {
    if (dim <= 0) throw new IllegalArgumentException("dimension must be positive, got " + dim);
    this.config = config;
    this.a = new double[dim];
    this.weightedSum = new double[dim];
    this.weightSum = config.gamma(); // a_1 = 0 enters the average with weight γ
  }

  /** η_t for the next step. */
  public double stepSize() {
    return 2.0 / (config.lambda() * (config.gamma() + t));
  }

  /** Steps taken (T). */
  public long steps() {
    return t - 1;
  }

  /** One update with a fresh example: z (length M, not modified) and its label y. */
  public void step(double[] z, double y) {
    double eta = stepSize();
    double margin = 0.0;
    for (int j = 0; j < a.length; j++) margin += a[j] * z[j];
    double g = config.loss().derivative(margin, y);
    double shrink = 1.0 - eta * config.lambda();
    for (int j = 0; j < a.length; j++) a[j] = shrink * a[j] - eta * g * z[j];
    t++;
    double weight = config.gamma() + t - 1; // weight of a_t, the iterate just produced
    for (int j = 0; j < a.length; j++) weightedSum[j] += weight * a[j];
    weightSum += weight;
  }

  /** The last iterate a_{T+1} (a copy). */
  public double[] lastIterate() {
    return a.clone();
  }

  /** The averaged iterate ā_{T+1} (a copy); equal to a_1 = 0 before any step. */
  public double[] average() {
    double[] avg = new double[a.length];
    if (weightSum == 0.0) return avg;
    for (int j = 0; j < a.length; j++) avg[j] = weightedSum[j] / weightSum;
    return avg;
  }
}
