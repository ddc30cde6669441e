package org.stochopt.core.theory;

import java.util.List;
import java.util.Locale;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.StepSizes;

/**
 * The minibatch theory as plain functions: the optimal minibatch size b* of Nitanda, Murata and
 * Suzuki (ICDM 2019 / KAIS 2021) and the predicted iteration complexity T(b) and total complexity
 * W(b) of each method, from n, L, L̄, L_max, μ and a target ε.
 *
 * <p>All bounds hold up to a constant factor; the predictions here set it to 1 and keep the
 * log(1/ε) factor ℓ = max(1, ln(ε₀/ε)) with ε₀ = 1 (relative scale), so they are meant for shapes
 * (slopes and knees on log-log axes), not absolute counts. Sources and derivations are in
 * docs/minibatch-theory.md; writing κ = L/μ:
 *
 * <pre>
 *   SGD (b-nice, decreasing step)  T(b) = (L(b)/μ)·ℓ + c(b)·σ*²/(μ·ε)
 *   prox-SVRG (Free-SVRG step)     T(b) = (n/b + L(b)/μ)·ℓ
 *   Katyusha (Allen-Zhu 2017)      T(b) = (n/b + √κ + √(n·L̄/μ)/b)·ℓ
 *   DASVRDA (Murata–Suzuki 2017)   same as Katyusha
 *   Acc-SVRG + APPA (NMS 2019)     same as Katyusha, times the APPA outer log factor
 *   with L(b) = [n(b−1)L + (n−b)L_max]/(b(n−1)),  c(b) = (n−b)/(b(n−1)).
 *
 *   b* (strongly convex)   = min(n, ⌈√(n·L̄/L) + n·√(μ/L)⌉)
 *   b* (μ = 0)             = min(n, ⌈√(n·L̄/L) + n·ℓ·√(ε/(L·R²))⌉)
 * </pre>
 *
 * Below b* the accelerated methods' T(b) falls like 1/b; above it T(b) flattens at ≈ √κ·ℓ while the
 * total work b·T(b) grows linearly. Prox-SVRG's T(b) never falls below ≈ κ·ℓ.
 */
public final class MinibatchTheory {
  /** Method names the theory knows, as on the command line. */
  public static final List<String> METHODS = List.of("sgd", "svrg", "katyusha", "dasvrda", "accsvrg-appa");

  private final TheoryInputs in;
  private final ProblemConstants c;

  public MinibatchTheory(TheoryInputs inputs) {
    this.in = inputs;
    this.c = inputs.constants();
  }

  public TheoryInputs inputs() {
    return in;
  }

  /** ℓ = max(1, ln(1/ε)): the number of "halvings" a linear method needs, up to constants. */
  public double logFactor() {
    return Math.max(1.0, Math.log(1.0 / in.epsilon()));
  }

  /**
   * Katyusha's phase transition b₀ = √(n·L̄/L) (Allen-Zhu 2017): below it the total work does not
   * depend on b.
   */
  public double phaseTransition() {
    return Math.sqrt(c.n() * c.meanL() / c.globalL());
  }

  /**
   * b*: the smallest b at which an optimal minibatch method reaches the optimal iteration
   * complexity (where the 1/b terms meet the full-gradient floor √κ·ℓ, or √(L R²/ε) when μ = 0).
   */
  public long optimalBatchSize() {
    double n = c.n();
    double b;
    if (in.stronglyConvex()) {
      b = phaseTransition() + n * Math.sqrt(c.mu() / c.globalL());
    } else {
      double r2 = requireDistance();
      b = phaseTransition() + n * logFactor() * Math.sqrt(in.epsilon() / (c.globalL() * r2));
    }
    return clampBatch(Math.ceil(b));
  }

  /** The floor T(∞) of the accelerated methods: √κ·ℓ, or √(L R²/ε) when μ = 0. */
  public double acceleratedFloor() {
    if (in.stronglyConvex()) return Math.sqrt(c.globalL() / c.mu()) * logFactor();
    return Math.sqrt(c.globalL() * requireDistance() / in.epsilon());
  }

  /** Predicted T(b) and W(b) of {@code method} (one of {@link #METHODS}) at minibatch size b. */
  public ComplexityPrediction predict(String method, long b) {
    if (b < 1 || b > c.n()) {
      throw new IllegalArgumentException("batch size must be in [1, n=" + c.n() + "], got " + b);
    }
    String m = method.toLowerCase(Locale.ROOT);
    return switch (m) {
      case "sgd" -> new ComplexityPrediction(m, b, sgdRounds(b), 0.0, b * sgdRounds(b));
      case "svrg" -> varianceReduced(m, b, svrgRounds(b));
      case "katyusha", "dasvrda" -> varianceReduced(m, b, acceleratedRounds(b));
      case "accsvrg-appa" -> varianceReduced(m, b, acceleratedRounds(b) * appaOuterFactor());
      default -> throw new IllegalArgumentException(
          "no theory for method '" + method + "' (known: " + String.join(", ", METHODS) + ")");
    };
  }

  /** Predictions over a grid of b, skipping sizes above n. */
  public List<ComplexityPrediction> curve(String method, long[] batchSizes) {
    return java.util.Arrays.stream(batchSizes).filter(b -> b >= 1 && b <= c.n()).mapToObj(b -> predict(method, b)).toList();
  }

  // --- the bounds -------------------------------------------------------------------------------

  /** Variance-reduced methods refresh an anchor every m = ⌈n/b⌉ steps at a cost of n gradients. */
  private ComplexityPrediction varianceReduced(String m, long b, double rounds) {
    double epochLength = Math.ceil((double) c.n() / b);
    double anchors = Math.ceil(rounds / epochLength);
    double work = 2.0 * b * rounds + anchors * c.n(); // each step touches b rows at x and at x̃
    return new ComplexityPrediction(m, b, rounds, anchors, work);
  }

  private double sgdRounds(long b) {
    if (!in.stronglyConvex()) {
      // Non-strongly convex: T = L(b)R²/ε + c(b)σ*²R²/ε² (Dekel et al. 2012, minibatch form).
      double r2 = requireDistance();
      return StepSizes.expectedSmoothness(c, b) * r2 / in.epsilon() + finitePopulation(b) * requireNoise() * r2 / (in.epsilon() * in.epsilon());
    }
    double bias = StepSizes.expectedSmoothness(c, b) / c.mu() * logFactor();
    double noise = finitePopulation(b) * requireNoise() / (c.mu() * in.epsilon());
    return bias + noise;
  }

  private double svrgRounds(long b) {
    double lb = StepSizes.expectedSmoothness(c, b);
    if (in.stronglyConvex()) return ((double) c.n() / b + lb / c.mu()) * logFactor();
    return (double) c.n() / b * logFactor() + lb * requireDistance() / in.epsilon();
  }

  private double acceleratedRounds(long b) {
    double n = c.n();
    if (in.stronglyConvex()) {
      return (n / b + Math.sqrt(c.globalL() / c.mu()) + Math.sqrt(n * c.meanL() / c.mu()) / b) * logFactor();
    }
    double r2 = requireDistance();
    return n / b * logFactor() + Math.sqrt(c.globalL() * r2 / in.epsilon()) + Math.sqrt(n * c.meanL() * r2 / in.epsilon()) / b;
  }

  /**
   * APPA pays an extra log factor for its inexact inner solves: ln(κ/κ') with κ' ≈ n the inner
   * condition number (1 when no outer regularization is needed, κ ≤ n).
   */
  private double appaOuterFactor() {
    if (!in.stronglyConvex()) return 1.0 + Math.log(Math.max(1.0, logFactor()));
    double ratio = c.condition() / c.n();
    return ratio <= 1.0 ? 1.0 : 1.0 + Math.log(ratio);
  }

  /** c(b) = (n − b)/(b(n − 1)): the variance factor of a b-sample drawn without replacement. */
  public double finitePopulation(long b) {
    long n = c.n();
    return n == 1 ? 0.0 : (n - b) / (b * (n - 1.0));
  }

  private long clampBatch(double b) {
    return (long) Math.max(1, Math.min(c.n(), b));
  }

  private double requireDistance() {
    if (Double.isNaN(in.distanceSquared())) {
      throw new IllegalStateException("μ = 0: the theory needs R² = ‖x₀ − x*‖² (pass it from the reference solution)");
    }
    return in.distanceSquared();
  }

  private double requireNoise() {
    if (Double.isNaN(in.noiseAtOptimum())) {
      throw new IllegalStateException("SGD's prediction needs σ*², the gradient variance at the optimum");
    }
    return in.noiseAtOptimum();
  }
}
