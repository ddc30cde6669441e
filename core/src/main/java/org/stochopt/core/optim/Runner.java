package org.stochopt.core.optim;

import java.util.List;
import java.util.function.Consumer;
import org.stochopt.core.oracle.OracleStats;
import org.stochopt.core.trace.TraceRecord;

/**
 * Runs a linear-model {@link Method} under the one {@link TrainingLoop}: the method's state is
 * the loop's state, the oracle's counters are its costs, the {@link Evaluator} makes its
 * {@link TraceRecord}s, the accuracy rules of {@link StoppingRules} are its target, and
 * {@link RunnerCheckpoint} is how its positions are saved.
 */
public final class Runner {

  /**
   * The divergence rules are the loop's ({@link TrainingLoop.Safety}: non-finite, an explosion,
   * stuck above F(w₀), or far above the best point after a grace of evaluations).
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
    public static final int DEFAULT_GRACE = TrainingLoop.Safety.DEFAULT_GRACE;

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
    LoopBudget budget = new LoopBudget(0, rules.maxRounds(), rules.maxPasses(), rules.maxSeconds(),
        options.evalEveryPasses(), options.evalEveryRounds(), 0, false);
    TrainingLoop loop = new TrainingLoop(budget,
        new TrainingLoop.Safety(options.divergenceFactor(), options.remedy(), options.graceEvaluations()));
    LinearTraining<S> training = new LinearTraining<>(method, ctx, w0, rules, evaluator);
    RunnerCheckpoint saved = checkpointing.resumeFrom();
    TrainingLoop.Position<S> resume = saved == null ? null : position(method, saved);
    TrainingLoop.Saver<S> saver = checkpointing.saving() ? new Saver<>(checkpointing, saved == null ? 0 : saved.spent().rounds()) : null;
    TrainingLoop.Result<S, TraceRecord> r = loop.run(training, progress, resume, saver);
    return new RunResult(r.state().output(), r.reason(), r.trace(), r.spent(), r.seconds(),
        r.initSeconds() + r.firstEvaluationSeconds(), r.evaluationSeconds());
  }

  /** The checkpoint's state; the run key (which names the method) guarantees it is this method's type. */
  @SuppressWarnings("unchecked")
  private static <S extends MethodState> TrainingLoop.Position<S> position(Method<S> method, RunnerCheckpoint c) {
    S state = (S) c.state();
    return new TrainingLoop.Position<>(state, state.steps(), c.spent(), c.methodNanos(), c.lastEvalRounds(),
        c.lastEvalPasses(), c.divergenceScale(), c.trace());
  }

  /** Saves a {@link RunnerCheckpoint} after the first step at which {@code everyRounds} rounds have passed since the last save. */
  private static final class Saver<S extends MethodState> implements TrainingLoop.Saver<S> {
    private final Checkpointing checkpointing;
    private long lastRounds;

    Saver(Checkpointing checkpointing, long lastRounds) {
      this.checkpointing = checkpointing;
      this.lastRounds = lastRounds;
    }

    @Override
    public boolean due(OracleStats spent, long step) {
      return spent.rounds() - lastRounds >= checkpointing.everyRounds();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void save(TrainingLoop.Position<S> p) {
      checkpointing.file().write(new RunnerCheckpoint(checkpointing.runKey(), p.state(), p.spent(), p.methodNanos(),
          p.lastEvalRounds(), p.lastEvalPasses(), p.divergenceScale(), (List<TraceRecord>) p.trace(),
          checkpointing.attachment()));
      lastRounds = p.spent().rounds();
    }
  }
}
