package org.stochopt.core.optim;

/**
 * When the runner stops: the first rule met wins. Budgets ({@code maxRounds}, {@code maxPasses},
 * {@code maxSeconds}) are checked after every step; accuracy targets at every evaluation.
 * Zero or a non-finite value disables a rule.
 *
 * @param maxRounds oracle rounds (communication rounds)
 * @param maxPasses effective passes, component gradients / n
 * @param targetRelativeSuboptimality (F − F*)/|F*|, needs a reference optimum
 * @param gradientMappingTolerance ‖w − prox_{R/L}(w − ∇f(w)/L)‖·L, the prox-gradient residual
 * @param maxSeconds wall-clock limit of the method's own time
 */
public record StoppingRules(
    long maxRounds,
    double maxPasses,
    double targetRelativeSuboptimality,
    double gradientMappingTolerance,
    double maxSeconds) {

  public StoppingRules {
    if (maxRounds < 0) throw new IllegalArgumentException("--max-rounds must be >= 0, got " + maxRounds);
    finiteNonNegative("--max-passes", maxPasses);
    finiteNonNegative("--target-suboptimality", targetRelativeSuboptimality);
    finiteNonNegative("--grad-tol", gradientMappingTolerance);
    finiteNonNegative("--max-seconds", maxSeconds);
    if (maxRounds == 0 && !(maxPasses > 0) && !(maxSeconds > 0)
        && !(targetRelativeSuboptimality > 0) && !(gradientMappingTolerance > 0)) {
      throw new IllegalArgumentException(
          "no stopping rule: give at least one of max rounds, max passes, a time limit or a target");
    }
  }

  /** Why a run ended. */
  public enum Reason {
    MAX_STEPS,
    MAX_ROUNDS,
    MAX_PASSES,
    MAX_SECONDS,
    TARGET_SUBOPTIMALITY,
    GRADIENT_MAPPING,
    /**
     * A primal-dual method's certificate: gap ≤ target·D(α), which proves (F − F*)/F* ≤ target
     * without a reference optimum (D(α) ≤ F*); checked with the relative-suboptimality target.
     */
    DUALITY_GAP,
    /** A model's own stop: its training loss rose (ResFGB: a boosting layer must lower the empirical risk). */
    LOSS_ROSE
  }

  /** NaN and infinity are refused: a limit that is not a number must never read as "no limit". */
  private static void finiteNonNegative(String flag, double v) {
    if (!(v >= 0) || !Double.isFinite(v)) throw new IllegalArgumentException(flag + " must be a finite number >= 0, got " + v);
  }
}
