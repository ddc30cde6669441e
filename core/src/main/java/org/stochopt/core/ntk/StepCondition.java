package org.stochopt.core.ntk;

import java.util.Locale;

/**
 * The step-size condition of Theorem 1 (Nitanda &amp; Suzuki, ICLR 2021): 4(6 + λ)η ≤ 1.
 *
 * <p>Our reading of where the numbers come from (not the paper's words): with R = 1, ‖x‖ ≤ 1 and
 * ‖σ′‖∞ ≤ 2, ‖∇_Θ g(x)‖² is bounded by a constant of order 6 near the initialisation, and the L2
 * pull adds λ to the curvature; η ≤ 1/(4(6 + λ)) keeps a step on the linearised objective a
 * contraction with room for the linearisation error. The bound does not depend on the width.
 */
public final class StepCondition {
  private StepCondition() {}

  /** The largest step Theorem 1 allows: 1/(4(6 + λ)). */
  public static double maxStep(double lambda) {
    return 1.0 / (4.0 * (6.0 + lambda));
  }

  public static boolean holds(double eta, double lambda) {
    return 4.0 * (6.0 + lambda) * eta <= 1.0 * (1.0 + 1e-12);
  }

  /** Null when it holds, else one line that names --step and explains the bound. */
  public static String violation(double eta, double lambda) {
    if (holds(eta, lambda)) return null;
    return String.format(Locale.ROOT,
        "--step %s breaks the step condition 4(6 + λ)η ≤ 1 of Theorem 1 (λ = %.4g): 4(6 + λ)η = %.4g; use --step ≤ %.6g "
            + "(the condition under which averaged SGD provably tracks the NTK limit, for R = 1, ‖x‖ ≤ 1, |y| ≤ 1; "
            + "it does not depend on the width)",
        Double.toString(eta), lambda, 4.0 * (6.0 + lambda) * eta, maxStep(lambda));
  }
}
