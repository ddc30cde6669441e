package org.stochopt.core.ntk;

import java.util.Locale;

/**
 * The step-size condition of Theorem 1 (Nitanda &amp; Suzuki, ICLR 2021): 4(6 + λ)η ≤ 1.
 *
 * <p>Why it has this form: with R = 1, ‖x‖ ≤ 1, |y| ≤ 1 and ‖σ′‖∞ ≤ 2 the squared norm of the
 * NTK feature map ∇_Θ g(x) is at most about 6 near the initialisation (‖σ(bᵀx)‖² ≲ 1 + 1 from the
 * output layer and R²‖σ′‖²(‖x‖² + γ²) ≤ 4·(1 + …) from the input layer, averaged over neurons), and
 * the L2 pull adds λ; η ≤ 1/(4·(6 + λ)) keeps one SGD step on the linearised objective a
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
        "--step %.6g breaks the step condition 4(6 + λ)η ≤ 1 of Theorem 1 (λ = %.4g): 4(6 + λ)η = %.4g; use --step ≤ %.6g "
            + "(the bound keeps one SGD step on the linearised (NTK) objective contracting; its 6 bounds ‖∇_Θ g(x)‖² "
            + "for R = 1, ‖x‖ ≤ 1, ‖σ′‖ ≤ 2)",
        eta, lambda, 4.0 * (6.0 + lambda) * eta, maxStep(lambda));
  }
}
