package org.stochopt.core.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.oracle.OracleStats;
import org.stochopt.core.trace.TraceRecord;

/**
 * The single loop every method runs under: step, account, evaluate now and then, check the
 * stopping rules, report progress. Evaluation time is excluded from the method's seconds and
 * evaluation calls are not counted as rounds, so traces measure the method alone.
 */
public final class Runner {

  /**
   * @param evalEveryPasses evaluate when this many effective passes have passed since the last evaluation
   * @param evalEveryRounds ... or when this many rounds have passed
   * @param divergenceFactor stop as diverged when F exceeds this multiple of max(1, |F(w0)|)
   * @param remedy what to tell the user to change when the run diverges
   */
  public record Options(double evalEveryPasses, long evalEveryRounds, double divergenceFactor, String remedy) {
    public Options {
      if (!(evalEveryPasses > 0) || evalEveryRounds <= 0 || !(divergenceFactor > 1)) {
        throw new IllegalArgumentException("evaluation intervals must be positive and the divergence factor > 1");
      }
    }

    public static Options defaults() {
      return new Options(0.5, 200, 1e6, "reduce --step");
    }
  }

  private final Options options;

  public Runner(Options options) {
    this.options = options;
  }

  public <S extends MethodState> RunResult run(
      Method<S> method, ProblemContext ctx, double[] w0, StoppingRules rules, Evaluator evaluator,
      Consumer<TraceRecord> progress) {
    return run(method, ctx, w0, rules, evaluator, progress, Checkpointing.none());
  }

  /**
   * Runs with a checkpoint policy: saves a {@link RunnerCheckpoint} every so many rounds and, when
   * {@code checkpointing.resumeFrom()} is set, continues that checkpoint instead of starting at
   * w₀ (then {@code w0} is ignored). The stopping rules apply to the whole run, saved part included.
   */
  public <S extends MethodState> RunResult run(
      Method<S> method, ProblemContext ctx, double[] w0, StoppingRules rules, Evaluator evaluator,
      Consumer<TraceRecord> progress, Checkpointing checkpointing) {
    GradientOracle oracle = ctx.oracle();
    OracleStats base = oracle.stats();
    double n = oracle.size();
    List<TraceRecord> trace = new ArrayList<>();

    long methodNanos;
    S state;
    double scale;
    long lastEvalRounds;
    double lastEvalPasses;
    OracleStats saved; // spent before this process took over (non-zero only on resume)
    StoppingRules.Reason reason;
    RunnerCheckpoint resume = checkpointing.resumeFrom();
    if (resume == null) {
      saved = OracleStats.ZERO;
      methodNanos = 0;
      state = method.init(w0, ctx);
      TraceRecord first = record(state, evaluator, oracle, base, saved, n, 0);
      trace.add(first);
      progress.accept(first);
      scale = Math.max(1.0, Math.abs(first.objective()));
      lastEvalRounds = 0;
      lastEvalPasses = 0;
      reason = accuracyReached(first, rules);
    } else {
      state = restoredState(method, resume);
      saved = resume.spent();
      methodNanos = resume.methodNanos();
      trace.addAll(resume.trace());
      scale = resume.divergenceScale();
      lastEvalRounds = resume.lastEvalRounds();
      lastEvalPasses = resume.lastEvalPasses();
      reason = null; // checkpoints are only taken while the run goes on
    }
    long lastCheckpointRounds = saved.rounds();

    while (reason == null) {
      long t0 = System.nanoTime();
      method.step(state, ctx);
      methodNanos += System.nanoTime() - t0;
      OracleStats now = spent(oracle, base, saved);
      double passes = now.componentGradients() / n;
      double seconds = methodNanos / 1e9;
      StoppingRules.Reason budget = budgetExhausted(now, passes, seconds, rules);
      boolean due = passes - lastEvalPasses >= options.evalEveryPasses()
          || now.rounds() - lastEvalRounds >= options.evalEveryRounds();
      if (due || budget != null) {
        TraceRecord r = record(state, evaluator, oracle, base, saved, n, seconds);
        trace.add(r);
        progress.accept(r);
        checkDivergence(r, scale, method.name());
        lastEvalRounds = now.rounds();
        lastEvalPasses = passes;
        reason = accuracyReached(r, rules);
      }
      if (reason == null) reason = budget;
      if (reason == null && checkpointing.saving() && now.rounds() - lastCheckpointRounds >= checkpointing.everyRounds()) {
        checkpointing.file().write(new RunnerCheckpoint(checkpointing.runKey(), state, now, methodNanos,
            lastEvalRounds, lastEvalPasses, scale, trace, checkpointing.attachment()));
        lastCheckpointRounds = now.rounds();
      }
    }
    OracleStats total = spent(oracle, base, saved);
    return new RunResult(state.output(), reason, List.copyOf(trace), total, methodNanos / 1e9);
  }

  /** The checkpoint's state; the run key (which names the method) guarantees it is this method's type. */
  @SuppressWarnings("unchecked")
  private static <S extends MethodState> S restoredState(Method<S> method, RunnerCheckpoint resume) {
    return (S) resume.state();
  }

  private TraceRecord record(MethodState state, Evaluator evaluator, GradientOracle oracle, OracleStats base,
      OracleStats saved, double n, double seconds) {
    OracleStats s = spent(oracle, base, saved);
    Evaluator.Point p = evaluator.measure(state.output());
    return new TraceRecord(
        state.steps(), s.rounds(), s.componentGradients(), s.componentGradients() / n, seconds,
        p.objective(), p.suboptimality(), p.relativeSuboptimality(), p.gradientMappingNorm(), p.testError(),
        p.nonZeros());
  }

  private void checkDivergence(TraceRecord r, double scale, String method) {
    if (!Double.isFinite(r.objective()) || r.objective() > options.divergenceFactor() * scale) {
      throw new DivergenceException(
          method + " diverged: the objective is " + r.objective() + " after " + r.rounds()
              + " rounds (it started at " + scale + " or below); " + options.remedy());
    }
  }

  private static StoppingRules.Reason accuracyReached(TraceRecord r, StoppingRules rules) {
    if (rules.targetRelativeSuboptimality() > 0 && r.relativeSuboptimality() <= rules.targetRelativeSuboptimality()) {
      return StoppingRules.Reason.TARGET_SUBOPTIMALITY;
    }
    if (rules.gradientMappingTolerance() > 0 && r.gradientMappingNorm() <= rules.gradientMappingTolerance()) {
      return StoppingRules.Reason.GRADIENT_MAPPING;
    }
    return null;
  }

  private static StoppingRules.Reason budgetExhausted(OracleStats s, double passes, double seconds, StoppingRules rules) {
    if (rules.maxRounds() > 0 && s.rounds() >= rules.maxRounds()) return StoppingRules.Reason.MAX_ROUNDS;
    if (rules.maxPasses() > 0 && passes >= rules.maxPasses()) return StoppingRules.Reason.MAX_PASSES;
    if (rules.maxSeconds() > 0 && seconds >= rules.maxSeconds()) return StoppingRules.Reason.MAX_SECONDS;
    return null;
  }

  /** What the method has spent: this process's share of the oracle's counters plus the saved part. */
  private static OracleStats spent(GradientOracle oracle, OracleStats base, OracleStats saved) {
    OracleStats d = delta(oracle.stats(), base);
    return new OracleStats(d.rounds() + saved.rounds(), d.componentGradients() + saved.componentGradients(),
        d.roundNanos() + saved.roundNanos(), d.computeNanos() + saved.computeNanos());
  }

  private static OracleStats delta(OracleStats now, OracleStats base) {
    return new OracleStats(
        now.rounds() - base.rounds(), now.componentGradients() - base.componentGradients(),
        now.roundNanos() - base.roundNanos(), now.computeNanos() - base.computeNanos());
  }
}
