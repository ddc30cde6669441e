package org.stochopt.core.optim;

/**
 * When the {@link TrainingLoop} evaluates and when it must stop for lack of budget. A zero
 * limit or interval is "none". Accuracy targets are the {@link Training}'s own; callers make
 * sure a run has at least one rule that ends it ({@link StoppingRules} checks that for linear runs).
 *
 * @param maxSteps stop after this many steps
 * @param maxRounds stop after this many oracle rounds
 * @param maxPasses stop after this many effective passes
 * @param maxSeconds stop after this much method wall time
 * @param evalEveryPasses evaluate when this many passes have gone by since the last evaluation
 * @param evalEveryRounds evaluate when this many rounds have gone by since the last evaluation
 * @param evalEverySteps evaluate at every multiple of this many steps
 * @param logSpaced also evaluate at the steps ⌊1.25^k⌋ (for log–log learning curves)
 * @param evalAtSteps also evaluate at these steps (sorted; empty for none): a grid of the caller's
 */
public record LoopBudget(long maxSteps, long maxRounds, double maxPasses, double maxSeconds,
    double evalEveryPasses, long evalEveryRounds, long evalEverySteps, boolean logSpaced, long[] evalAtSteps) {
  public LoopBudget(long maxSteps, long maxRounds, double maxPasses, double maxSeconds,
      double evalEveryPasses, long evalEveryRounds, long evalEverySteps, boolean logSpaced) {
    this(maxSteps, maxRounds, maxPasses, maxSeconds, evalEveryPasses, evalEveryRounds, evalEverySteps, logSpaced, new long[0]);
  }

  public LoopBudget {
    evalAtSteps = evalAtSteps.clone();
    java.util.Arrays.sort(evalAtSteps);
    if (maxSteps < 0 || maxRounds < 0 || evalEveryRounds < 0 || evalEverySteps < 0) {
      throw new IllegalArgumentException("step and round limits must be non-negative");
    }
    if (!(maxPasses >= 0) || !(maxSeconds >= 0) || !(evalEveryPasses >= 0)) {
      throw new IllegalArgumentException("pass and time limits must be non-negative numbers");
    }
  }

  /** Whether {@code step} is on the caller's grid. */
  public boolean onGrid(long step) {
    return java.util.Arrays.binarySearch(evalAtSteps, step) >= 0;
  }
}
