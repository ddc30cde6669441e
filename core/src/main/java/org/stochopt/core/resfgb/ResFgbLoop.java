package org.stochopt.core.resfgb;

import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.optim.Training;
import org.stochopt.core.oracle.OracleStats;

/**
 * ResFGB under the one {@link org.stochopt.core.optim.TrainingLoop}: a step adds one residual block
 * (fit ι, transform every partition's features in place, refit the head), a trace point is that
 * layer's {@link LayerRecord}, and the model's own stop is a layer whose training loss rose by more
 * than 1 %: a functional-gradient step must lower the empirical risk, so a rise means the step is
 * too long (lower {@code --fg-eta} or {@code --block-step}), and the depth already chosen on the
 * validation split stands.
 */
public final class ResFgbLoop implements Training<ResFgbTraining.State, LayerRecord> {
  /** Relative rise of the training loss that ends the growth. */
  static final double RISE = 1.01;

  private final ResFgbTraining training;
  private ResFgbTraining.State last;

  public ResFgbLoop(ResFgbTraining training) {
    this.training = training;
  }

  @Override
  public String name() {
    return training.name();
  }

  @Override
  public ResFgbTraining.State init() {
    return last = training.init();
  }

  @Override
  public void step(ResFgbTraining.State state) {
    last = state;
    training.step(state);
  }

  @Override
  public OracleStats spent() {
    return new OracleStats(last == null ? 0 : last.depth(), 0, 0, 0); // one round per layer, as the trace counts them
  }

  @Override
  public double passesPerGradient() {
    return 0; // layers, not passes, measure a boosting run's work
  }

  @Override
  public LayerRecord measure(ResFgbTraining.State state, long step, OracleStats spent, double seconds) {
    last = state;
    return state.trace.get(state.trace.size() - 1); // the step recorded its own layer (train, validation, test)
  }

  @Override
  public StoppingRules.Reason reached(LayerRecord point) {
    int n = last.trace.size();
    if (n < 2) return null;
    return point.trainLoss() > last.trace.get(n - 2).trainLoss() * RISE ? StoppingRules.Reason.LOSS_ROSE : null;
  }
}
