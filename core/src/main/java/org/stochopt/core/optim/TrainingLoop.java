package org.stochopt.core.optim;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.stochopt.core.oracle.OracleStats;

/**
 * The one training loop of stochopt, for every model and method: step, account, evaluate now and
 * then, check budgets, accuracy and divergence, checkpoint, report progress. Evaluation time is
 * excluded from the method's seconds and evaluation calls are not counted as rounds, so traces
 * measure the method alone.
 *
 * <p>Order within one iteration: step; costs; the budget check; an evaluation when one is due or
 * the budget ran out (then the divergence check and the model's accuracy target); a checkpoint
 * when one is due and the run goes on. Checkpoints are taken between steps, never after the last,
 * so a resumed run follows the uninterrupted one exactly.
 */
public final class TrainingLoop {
  /**
   * When a run counts as diverged. At an evaluation, with F the point's divergence measure:
   * <ol>
   *   <li>F is not finite;
   *   <li>F &gt; {@code divergenceFactor}·max(1, |F(start)|) (an explosion, caught at once);
   *   <li>after the first {@code graceEvaluations} evaluations past the start, F has been above its
   *       start at {@link #ABOVE_START_IN_A_ROW} evaluations in a row: the run is not getting
   *       anywhere, however bounded F stays (an L2 penalty keeps it bounded far above the start);
   *   <li>after the grace, F − F_best &gt; {@link #FAR_ABOVE_BEST}·(F(start) − F_best): the run has
   *       thrown away far more than all the progress it made.
   * </ol>
   * Why not "any evaluation above the start": accelerated methods with restarts (DASVRDA at its
   * theory parameters) make real transient excursions, up to ≈4× the progress so far above the
   * best point, and still converge (MinibatchScalingTest); the rules above leave them room.
   *
   * @param divergenceFactor the explosion multiple, &gt; 1
   * @param remedy what to tell the user to change when the run diverges (the flag to change)
   * @param graceEvaluations evaluations after the start during which F may still be above it
   */
  public record Safety(double divergenceFactor, String remedy, int graceEvaluations) {
    /** The default grace: two evaluations after the start may still be above it. */
    public static final int DEFAULT_GRACE = 2;
    /** Evaluations in a row above the start that, after the grace, count as divergence. */
    public static final int ABOVE_START_IN_A_ROW = 3;
    /** How many times the progress made (F(start) − F_best) a run may lose again before it counts as divergence. */
    public static final double FAR_ABOVE_BEST = 20;

    public Safety {
      if (!(divergenceFactor > 1)) throw new IllegalArgumentException("the divergence factor must be > 1");
      if (graceEvaluations < 0) throw new IllegalArgumentException("the grace must be >= 0");
    }

    public Safety(double divergenceFactor, String remedy) {
      this(divergenceFactor, remedy, DEFAULT_GRACE);
    }

    public static Safety defaults() {
      return new Safety(1e6, "reduce --step");
    }

    /** The rule the trace breaks (for the message), or null. */
    String broken(List<? extends TracePoint> trace, double scale, boolean dampsItself) {
      double f = trace.get(trace.size() - 1).divergenceMeasure();
      double start = trace.get(0).divergenceMeasure();
      if (!Double.isFinite(f)) return "the objective is " + f;
      if (f > divergenceFactor * scale) {
        return String.format(java.util.Locale.ROOT, "the objective %.6g exceeds %.0e × max(1, |F(w0)|)", f, divergenceFactor);
      }
      if (dampsItself || trace.size() - 1 <= graceEvaluations || !Double.isFinite(start)) return null;
      double tol = 1e-9 * scale;
      double best = best(trace);
      int above = 0;
      for (int i = trace.size() - 1; i > 0 && trace.get(i).divergenceMeasure() > start + tol; i--) above++;
      if (above >= ABOVE_START_IN_A_ROW) {
        return String.format(java.util.Locale.ROOT, "the objective %.6g has stayed above its start F(w0) = %.6g for %d evaluations",
            f, start, above);
      }
      if (f - best > FAR_ABOVE_BEST * (start - best) + tol) {
        return String.format(java.util.Locale.ROOT, "the objective %.6g has lost %.0f× the progress made so far", f,
            (f - best) / Math.max(start - best, Double.MIN_NORMAL));
      }
      return null;
    }

    static double best(List<? extends TracePoint> trace) {
      double best = Double.POSITIVE_INFINITY;
      for (TracePoint t : trace) best = Math.min(best, t.divergenceMeasure());
      return best;
    }
  }

  /** Where a run stands between steps: what a checkpoint saves and a resume restores. */
  public record Position<S>(S state, long step, OracleStats spent, long methodNanos, long lastEvalRounds,
      double lastEvalPasses, double divergenceScale, List<? extends TracePoint> trace) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Saves positions now and then; {@link #NONE} never. */
  public interface Saver<S> {
    /** Whether to save after a step that brought the run to {@code spent}. */
    boolean due(OracleStats spent, long step);

    void save(Position<S> position);
  }

  /**
   * The outcome: final state, why it stopped, the trace, the costs and the method's seconds (steps
   * only). {@code initSeconds} is the method's {@code init}; {@code firstEvaluationSeconds} the
   * measurement of the starting point (both 0 on resume: they were spent by the first process);
   * {@code evaluationSeconds} every later measurement of this process.
   */
  public record Result<S, R>(S state, StoppingRules.Reason reason, List<R> trace, OracleStats spent, long steps,
      double seconds, double initSeconds, double firstEvaluationSeconds, double evaluationSeconds) {
    public R last() {
      return trace.get(trace.size() - 1);
    }
  }

  private final LoopBudget budget;
  private final Safety safety;

  public TrainingLoop(LoopBudget budget, Safety safety) {
    this.budget = budget;
    this.safety = safety;
  }

  /** A fresh run. */
  public <S extends Serializable, R extends TracePoint> Result<S, R> run(Training<S, R> t, Consumer<R> progress) {
    return run(t, progress, null, null);
  }

  /**
   * Runs {@code t}, from {@code resume} when given (its state and counters; its trace is kept),
   * saving through {@code saver} when given.
   */
  @SuppressWarnings("unchecked")
  public <S extends Serializable, R extends TracePoint> Result<S, R> run(
      Training<S, R> t, Consumer<R> progress, Position<S> resume, Saver<S> saver) {
    OracleStats base = t.spent();
    List<R> trace = new ArrayList<>();
    S state;
    long step;
    long methodNanos;
    long initNanos = 0;
    long firstEvaluationNanos = 0;
    long evaluationNanos = 0; // the measurements after the start, this process
    long lastEvalRounds;
    double lastEvalPasses;
    double scale;
    OracleStats saved; // spent before this process took over (non-zero only on resume)
    StoppingRules.Reason reason;
    boolean firstStepTaken = false; // the start was measured after the first step (Training#startMeasuredAfterFirstStep)
    if (resume == null) {
      saved = OracleStats.ZERO;
      long t0 = System.nanoTime();
      state = t.init();
      initNanos = System.nanoTime() - t0;
      methodNanos = 0;
      step = 0;
      OracleStats atStart = spent(t, base, saved);
      if (t.startMeasuredAfterFirstStep()) {
        long s0 = System.nanoTime();
        t.step(state);
        methodNanos = System.nanoTime() - s0;
        step = 1;
        firstStepTaken = true;
      }
      long e0 = System.nanoTime();
      R first = firstStepTaken ? t.measureStart(state, atStart) : t.measure(state, 0, atStart, 0.0);
      firstEvaluationNanos = System.nanoTime() - e0;
      trace.add(first);
      progress.accept(first);
      scale = Math.max(1.0, Math.abs(first.divergenceMeasure()));
      if (!Double.isFinite(scale)) scale = 1.0; // a non-finite start is caught at the first evaluation
      lastEvalRounds = 0;
      lastEvalPasses = 0;
      reason = t.reached(first);
    } else {
      state = resume.state();
      step = resume.step();
      saved = resume.spent();
      methodNanos = resume.methodNanos();
      trace.addAll((List<R>) resume.trace());
      scale = resume.divergenceScale();
      lastEvalRounds = resume.lastEvalRounds();
      lastEvalPasses = resume.lastEvalPasses();
      reason = null; // checkpoints are only taken while the run goes on
    }
    double perGradient = t.passesPerGradient();
    double nextLog = 1.0;
    while (budget.logSpaced() && nextLog <= step) nextLog *= 1.25;

    while (reason == null) {
      if (firstStepTaken) {
        firstStepTaken = false;
      } else {
        long t0 = System.nanoTime();
        t.step(state);
        methodNanos += System.nanoTime() - t0;
        step++;
      }
      OracleStats now = spent(t, base, saved);
      double passes = now.componentGradients() * perGradient;
      double seconds = methodNanos / 1e9;
      StoppingRules.Reason out = budgetExhausted(step, now, passes, seconds, perGradient > 0);
      boolean logPoint = false;
      while (budget.logSpaced() && nextLog <= step) { // every grid point in (step − 1, step]
        logPoint = true;
        nextLog *= 1.25;
      }
      boolean due = logPoint || budget.onGrid(step)
          || (perGradient > 0 && budget.evalEveryPasses() > 0 && passes - lastEvalPasses >= budget.evalEveryPasses())
          || (budget.evalEveryRounds() > 0 && now.rounds() - lastEvalRounds >= budget.evalEveryRounds())
          || (budget.evalEverySteps() > 0 && step % budget.evalEverySteps() == 0);
      if (due || out != null) {
        long e0 = System.nanoTime();
        R r = t.measure(state, step, now, seconds);
        evaluationNanos += System.nanoTime() - e0;
        trace.add(r);
        progress.accept(r);
        checkDivergence(trace, scale, t.name(), now.rounds(), t.dampsItself());
        lastEvalRounds = now.rounds();
        lastEvalPasses = passes;
        reason = t.reached(r);
      }
      if (reason == null) reason = out;
      if (reason == null && saver != null && saver.due(now, step)) {
        saver.save(new Position<>(state, step, now, methodNanos, lastEvalRounds, lastEvalPasses, scale, List.copyOf(trace)));
      }
    }
    return new Result<>(state, reason, List.copyOf(trace), spent(t, base, saved), step, methodNanos / 1e9, initNanos / 1e9,
        firstEvaluationNanos / 1e9, evaluationNanos / 1e9);
  }

  private void checkDivergence(List<? extends TracePoint> trace, double scale, String method, long rounds, boolean dampsItself) {
    String rule = safety.broken(trace, scale, dampsItself);
    if (rule != null) {
      throw new DivergenceException(String.format(java.util.Locale.ROOT,
          "%s diverged: %s (round %d; F(w0) = %.6g, best F so far %.6g); %s",
          method, rule, rounds, trace.get(0).divergenceMeasure(), Safety.best(trace), safety.remedy()));
    }
  }

  private StoppingRules.Reason budgetExhausted(long step, OracleStats s, double passes, double seconds, boolean passesCount) {
    if (budget.maxSteps() > 0 && step >= budget.maxSteps()) return StoppingRules.Reason.MAX_STEPS;
    if (budget.maxRounds() > 0 && s.rounds() >= budget.maxRounds()) return StoppingRules.Reason.MAX_ROUNDS;
    if (passesCount && budget.maxPasses() > 0 && passes >= budget.maxPasses()) return StoppingRules.Reason.MAX_PASSES;
    if (budget.maxSeconds() > 0 && seconds >= budget.maxSeconds()) return StoppingRules.Reason.MAX_SECONDS;
    return null;
  }

  /** What the run has spent: this process's share of the counters plus the saved part. */
  private static OracleStats spent(Training<?, ?> t, OracleStats base, OracleStats saved) {
    OracleStats now = t.spent();
    return new OracleStats(now.rounds() - base.rounds() + saved.rounds(),
        now.componentGradients() - base.componentGradients() + saved.componentGradients(),
        now.roundNanos() - base.roundNanos() + saved.roundNanos(),
        now.computeNanos() - base.computeNanos() + saved.computeNanos());
  }
}
