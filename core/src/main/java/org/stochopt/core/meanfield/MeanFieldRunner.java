package org.stochopt.core.meanfield;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The loop for particle methods: step, time the method alone, evaluate at step 0, every
 * {@code evalEvery} steps, at log-spaced steps (ratio 1.25, for log–log plots) when asked, and at
 * the end. Stops after {@code steps} steps or {@code maxSeconds} of method time.
 */
public final class MeanFieldRunner {
  /**
   * @param steps method steps (MFLD steps, or PDA outer iterations)
   * @param evalEvery evaluate every this many steps
   * @param logSpaced also evaluate at ⌊1.25^k⌋
   * @param maxSeconds method wall-time budget, 0 = none
   */
  public record Budget(long steps, long evalEvery, boolean logSpaced, double maxSeconds) {
    public Budget {
      if (steps < 1) throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
      if (evalEvery < 1) throw new IllegalArgumentException("--eval-every-steps must be at least 1, got " + evalEvery);
      if (!(maxSeconds >= 0)) throw new IllegalArgumentException("--max-seconds must be ≥ 0, got " + maxSeconds);
    }
  }

  /** The trace, the method's seconds, the stop reason and the mean time per step in ms. */
  public record Run(List<MeanFieldRecord> trace, double seconds, long steps, String stopReason, double meanStepMillis) {
    public MeanFieldRecord last() {
      return trace.get(trace.size() - 1);
    }
  }

  private MeanFieldRunner() {}

  public static Run run(ParticleMethod method, ParticleEnsemble ensemble, MeanFieldEvaluator evaluator, Budget budget,
      Consumer<MeanFieldRecord> progress) {
    List<MeanFieldRecord> trace = new ArrayList<>();
    long t0 = System.nanoTime();
    method.start(ensemble);
    long startNanos = System.nanoTime() - t0;
    long stepNanos = 0;
    add(trace, progress, evaluator.evaluate(ensemble, 0, 0, ensemble.rounds(), startNanos / 1e9));
    long step = 0;
    String reason = "steps";
    double nextLog = 1.0;
    while (step < budget.steps()) {
      long s0 = System.nanoTime();
      method.step();
      stepNanos += System.nanoTime() - s0;
      step++;
      double seconds = (startNanos + stepNanos) / 1e9;
      boolean out = budget.maxSeconds() > 0 && seconds >= budget.maxSeconds();
      boolean logPoint = false;
      while (budget.logSpaced() && nextLog <= step) { // every grid point in (step − 1, step]
        logPoint = true;
        nextLog *= 1.25;
      }
      if (step % budget.evalEvery() == 0 || logPoint || step == budget.steps() || out) {
        add(trace, progress, evaluator.evaluate(ensemble, step, method.langevinSteps(), ensemble.rounds(), seconds));
      }
      if (out) {
        reason = "max_seconds";
        break;
      }
    }
    return new Run(trace, (startNanos + stepNanos) / 1e9, step, reason, step == 0 ? Double.NaN : stepNanos / 1e6 / step);
  }

  private static void add(List<MeanFieldRecord> trace, Consumer<MeanFieldRecord> progress, MeanFieldRecord r) {
    trace.add(r);
    progress.accept(r);
  }
}
