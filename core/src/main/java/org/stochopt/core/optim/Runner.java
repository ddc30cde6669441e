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
   * Divergence is declared at an evaluation when any of these holds:
   * <ol>
   *   <li>F is not finite;
   *   <li>F &gt; {@code divergenceFactor}·max(1, |F(w₀)|) (an explosion, caught at once);
   *   <li>after the first {@code graceEvaluations} evaluations past w₀, F has been above its start
   *       F(w₀) at {@link #ABOVE_START_IN_A_ROW} evaluations in a row: the run is not getting
   *       anywhere, however bounded F stays (an L2 penalty keeps it bounded far above F(w₀));
   *   <li>after the grace, F − F_best &gt; {@link #FAR_ABOVE_BEST}·(F(w₀) − F_best): the run has
   *       thrown away far more than all the progress it made.
   * </ol>
   * Why not "any evaluation above F(w₀)": accelerated methods with restarts (DASVRDA at its theory
   * parameters) make real transient excursions, up to ≈4× the progress so far above the best
   * point, and still converge (MinibatchScalingTest); the rules above leave them room.
   * The message gives F, F(w₀) and the best F so far, and the remedy (which flag to change).
   *
   * @param evalEveryPasses evaluate when this many effective passes have passed since the last evaluation
   * @param evalEveryRounds ... or when this many rounds have passed
   * @param divergenceFactor stop as diverged when F exceeds this multiple of max(1, |F(w0)|)
   * @param remedy what to tell the user to change when the run diverges
   * @param graceEvaluations evaluations after w₀ during which F may still be above F(w₀)
   */
  public record Options(double evalEveryPasses, long evalEveryRounds, double divergenceFactor, String remedy,
      int graceEvaluations) {
    /** The default grace: two evaluations after w₀ may still be above F(w₀). */
    public static final int DEFAULT_GRACE = 2;

    public Options {
      if (!(evalEveryPasses > 0) || evalEveryRounds <= 0 || !(divergenceFactor > 1) || graceEvaluations < 0) {
        throw new IllegalArgumentException("evaluation intervals must be positive, the divergence factor > 1 and the grace >= 0");
      }
    }

    public Options(double evalEveryPasses, long evalEveryRounds, double divergenceFactor, String remedy) {
      this(evalEveryPasses, evalEveryRounds, divergenceFactor, remedy, DEFAULT_GRACE);
    }

    public static Options defaults() {
      return new Options(0.5, 200, 1e6, "reduce --step");
    }
  }

  /** Evaluations in a row above F(w₀) that, after the grace, count as divergence. */
  public static final int ABOVE_START_IN_A_ROW = 3;
  /** How many times the progress made (F(w₀) − F_best) a run may lose again before it counts as divergence. */
  public static final double FAR_ABOVE_BEST = 20;

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
        checkDivergence(trace, scale, method.name());
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

  private void checkDivergence(List<TraceRecord> trace, double scale, String method) {
    TraceRecord r = trace.get(trace.size() - 1);
    double start = trace.get(0).objective();
    double f = r.objective();
    String rule = null;
    if (!Double.isFinite(f)) {
      rule = "the objective is " + f;
    } else if (f > options.divergenceFactor() * scale) {
      rule = String.format(java.util.Locale.ROOT, "the objective %.6g exceeds %.0e × max(1, |F(w0)|)", f, options.divergenceFactor());
    } else if (trace.size() - 1 > options.graceEvaluations()) {
      double tol = 1e-9 * scale;
      double best = Double.POSITIVE_INFINITY;
      for (TraceRecord t : trace) best = Math.min(best, t.objective());
      int above = 0;
      for (int i = trace.size() - 1; i > 0 && trace.get(i).objective() > start + tol; i--) above++;
      if (above >= ABOVE_START_IN_A_ROW) {
        rule = String.format(java.util.Locale.ROOT, "the objective %.6g has stayed above its start F(w0) = %.6g for %d evaluations",
            f, start, above);
      } else if (f - best > FAR_ABOVE_BEST * (start - best) + tol) {
        rule = String.format(java.util.Locale.ROOT, "the objective %.6g has lost %.0f× the progress made so far", f,
            (f - best) / Math.max(start - best, Double.MIN_NORMAL));
      }
    }
    if (rule != null) {
      double best = Double.POSITIVE_INFINITY;
      for (TraceRecord t : trace) if (t.objective() < best) best = t.objective();
      throw new DivergenceException(String.format(java.util.Locale.ROOT,
          "%s diverged: %s (round %d; F(w0) = %.6g, best F so far %.6g); %s",
          method, rule, r.rounds(), start, best, options.remedy()));
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
