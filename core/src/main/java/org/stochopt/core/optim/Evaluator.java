package org.stochopt.core.optim;

import java.util.function.ToDoubleFunction;
import org.stochopt.core.linalg.Vec;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.reg.Regularizer;

/**
 * Measures a point: F(w) = f(w) + R(w), suboptimality against a reference F* when known, the
 * gradient-mapping norm G(w) = L‖w − prox_{R/L}(w − ∇f(w)/L)‖ (zero exactly at optima of F;
 * for smooth R it is ‖∇F(w)‖ up to O(1/L)), the test error when a test set is given, and the
 * number of nonzeros. Uses the oracle's uncounted {@code evaluate}.
 *
 * <p>Every measured point is also a test of the reference: F(w) &lt; F* − 1e-9·max(1, |F*|) is
 * impossible for a true optimum, so it throws {@link BelowReferenceException} instead of
 * reporting a negative suboptimality (or, with F* too high, a target "reached" at once).
 */
public final class Evaluator {
  private final GradientOracle oracle;
  private final Regularizer reg;
  private final double lipschitz;
  private final double referenceObjective;
  private final ToDoubleFunction<double[]> testError;
  /** {@link #measure}'s working vector (not thread-safe: one loop measures at a time). */
  private double[] scratch;

  public Evaluator(
      GradientOracle oracle, Regularizer reg, double lipschitz, double referenceObjective,
      ToDoubleFunction<double[]> testError) {
    this.oracle = oracle;
    this.reg = reg;
    this.lipschitz = lipschitz > 0 ? lipschitz : 1.0;
    this.referenceObjective = referenceObjective;
    this.testError = testError;
  }

  public double referenceObjective() {
    return referenceObjective;
  }

  /** A measured point. */
  public record Point(double objective, double suboptimality, double relativeSuboptimality,
                      double gradientMappingNorm, double testError, int nonZeros) {}

  /**
   * Why a claimed optimum (F*, w*) is not one of this F, or null when it is: F(w*) must equal F*
   * to 1e-9·max(1, |F*|), and the gradient mapping at w* must vanish to 1e-6·max(1, |F*|) (a
   * high-precision solve reaches ~1e-10; a wrong w* — say w = 0 with F* = F(0) — is off by far
   * more). The second test is what catches an F* that is above the optimum yet self-consistent,
   * which would otherwise end every run at round 0 with "target reached".
   */
  public String referenceProblem(double fStar, double[] wStar) {
    if (wStar.length != oracle.dimension()) return "its w* has " + wStar.length + " entries, the problem " + oracle.dimension();
    double[] g = new double[wStar.length];
    double f = oracle.evaluate(wStar, g) + reg.value(wStar);
    double scale = Math.max(1.0, Math.abs(fStar));
    if (!(Math.abs(f - fStar) <= 1e-9 * scale)) {
      return String.format(java.util.Locale.ROOT, "its F* = %.17g but F(w*) on this data is %.17g", fStar, f);
    }
    double gm = measure(wStar).gradientMappingNorm();
    if (!(gm <= 1e-6 * scale)) {
      return String.format(java.util.Locale.ROOT, "its w* is not a minimizer (gradient mapping %.3g at w*)", gm);
    }
    return null;
  }

  public Point measure(double[] w) {
    int d = w.length;
    // One scratch vector, kept between measurements: at d = 2¹⁸…2²⁰ two fresh ones per point were
    // 4–16 MB of humongous allocations each time. It holds ∇f(w), then the prox step, then the
    // gradient mapping — the same operations in the same order as with separate vectors.
    double[] g = scratch(d);
    double f = oracle.evaluate(w, g);
    double objective = f + reg.value(w);
    double step = 1.0 / lipschitz;
    int nonZeros = 0;
    for (int j = 0; j < d; j++) {
      g[j] = w[j] - step * g[j];
      if (w[j] != 0.0) nonZeros++;
    }
    reg.prox(g, step, g);
    for (int j = 0; j < d; j++) g[j] = (w[j] - g[j]) * lipschitz;
    double gm = Vec.norm2(g);
    double sub = Double.NaN;
    double rel = Double.NaN;
    if (!Double.isNaN(referenceObjective)) {
      if (objective < referenceObjective - 1e-9 * Math.max(1.0, Math.abs(referenceObjective))) {
        throw new BelowReferenceException(objective, referenceObjective);
      }
      sub = objective - referenceObjective;
      rel = sub / Math.max(Math.abs(referenceObjective), Double.MIN_NORMAL);
    }
    double err = testError == null ? Double.NaN : testError.applyAsDouble(w);
    return new Point(objective, sub, rel, gm, err, nonZeros);
  }

  /** A zeroed vector of length d, reused by the next measurement (an Evaluator serves one run's loop at a time). */
  private double[] scratch(int d) {
    if (scratch == null || scratch.length != d) {
      scratch = new double[d];
    } else {
      java.util.Arrays.fill(scratch, 0.0);
    }
    return scratch;
  }
}
