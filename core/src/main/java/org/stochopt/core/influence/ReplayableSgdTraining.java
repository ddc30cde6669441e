package org.stochopt.core.influence;

import java.io.Serializable;
import java.util.function.Consumer;
import org.stochopt.core.optim.LoopBudget;
import org.stochopt.core.optim.Training;
import org.stochopt.core.optim.TrainingLoop;
import org.stochopt.core.oracle.OracleStats;

/**
 * {@link ReplayableSgd} under the one {@link TrainingLoop}: a loop step is one SGD step
 * θ_{t+1} = step(θ_t, t), and after it the {@link IterateLog} (when given) keeps what the backward
 * replay will need. The loop adds what every model gets: progress lines, the divergence rules
 * (non-finite or exploding objective, a run that stays above its start), the trace.
 *
 * <p><b>The trajectory is the bare one.</b> The loop calls {@link #step} exactly T times, in
 * order, on one θ; evaluations read θ and never write it, so θ_T and every iterate are the bits
 * of {@link ReplayableSgd#train} (GoldenReplayTrainingTest). That is what lets the replay and the
 * counterfactual retrains (which run the bare steps) talk about the same run.
 *
 * <p>Costs: a step is one round of b component gradients, so passes = steps·b/n.
 */
public final class ReplayableSgdTraining implements Training<ReplayableSgdTraining.State, SgdTracePoint> {
  /** θ_t and t (serializable, as the loop asks of states). */
  public static final class State implements Serializable {
    private static final long serialVersionUID = 1L;
    final double[] theta;
    long step;

    State(double[] theta) {
      this.theta = theta;
    }

    public double[] theta() {
      return theta;
    }

    public long step() {
      return step;
    }
  }

  private final ReplayableSgd sgd;
  private final IterateLog log;
  private long steps;

  /** @param log the replay log to fill, or null (a retrain that is not replayed) */
  public ReplayableSgdTraining(ReplayableSgd sgd, IterateLog log) {
    if (log != null && log.steps() != sgd.settings().steps()) {
      throw new IllegalArgumentException("the replay log is for " + log.steps() + " steps, the run has " + sgd.settings().steps());
    }
    this.sgd = sgd;
    this.log = log;
  }

  /**
   * The loop budget of a replayable run: exactly T steps (the replay needs the whole run, so no
   * other limit may end it early), evaluated every {@code evalEverySteps} steps (0: at the start
   * and the end only).
   */
  public static LoopBudget budget(SgdSettings s, long evalEverySteps) {
    return new LoopBudget(s.steps(), 0, 0, 0, 0, 0, evalEverySteps, false);
  }

  /** Trains the whole run on the loop with the default divergence rules; returns the loop's result. */
  public static TrainingLoop.Result<State, SgdTracePoint> run(ReplayableSgd sgd, IterateLog log, long evalEverySteps,
      Consumer<SgdTracePoint> progress) {
    TrainingLoop loop = new TrainingLoop(budget(sgd.settings(), evalEverySteps), TrainingLoop.Safety.defaults());
    return loop.run(new ReplayableSgdTraining(sgd, log), progress);
  }

  @Override
  public String name() {
    return "SGD (" + sgd.model().name() + ")";
  }

  @Override
  public State init() {
    double[] theta = sgd.initial();
    if (log != null) log.start(theta);
    steps = 0;
    return new State(theta);
  }

  @Override
  public void step(State state) {
    sgd.step(state.theta, state.step);
    if (log != null) log.afterStep(state.step, state.theta);
    state.step++;
    steps = state.step;
  }

  @Override
  public OracleStats spent() {
    return new OracleStats(steps, steps * sgd.settings().batch(), 0, 0);
  }

  @Override
  public double passesPerGradient() {
    return 1.0 / sgd.rows().rows();
  }

  @Override
  public SgdTracePoint measure(State state, long step, OracleStats spent, double seconds) {
    return new SgdTracePoint(step, spent.componentGradients() * passesPerGradient(), seconds, sgd.objective(state.theta));
  }
}
