package org.stochopt.core.optim;

import java.io.Serializable;
import org.stochopt.core.oracle.OracleStats;

/**
 * A model and the method that trains it, as the one {@link TrainingLoop} drives them: a state,
 * a step, the costs spent so far, and a measurement that makes a trace point. Linear models
 * ({@link LinearTraining}), particle ensembles and the models to come each adapt to this, so
 * evaluation, budgets, divergence checks, checkpoints and progress are written once.
 *
 * @param <S> the method's state; serializable when the run is checkpointed
 * @param <R> the model's trace record
 */
public interface Training<S extends Serializable, R extends TracePoint> {
  /** The method's name, for messages. */
  String name();

  /** The fresh state (w₀, the drawn particles). */
  S init();

  /** One method step. */
  void step(S state);

  /** Cumulative costs of this process's calls (the loop subtracts the start and adds a resumed run's). */
  OracleStats spent();

  /**
   * Effective passes per component gradient (1/n), or 0 when passes are not a measure of this
   * model's work (then pass-based budgets and evaluation intervals do not apply).
   */
  double passesPerGradient();

  /**
   * Evaluates the state (uncounted calls only).
   *
   * @param step loop steps so far (resumed runs included)
   * @param spent the run's costs so far
   * @param seconds the method's own wall time so far (evaluation excluded)
   */
  R measure(S state, long step, OracleStats spent, double seconds);

  /** The accuracy target the point reaches, or null (the default: models without a target). */
  default StoppingRules.Reason reached(R point) {
    return null;
  }
}
