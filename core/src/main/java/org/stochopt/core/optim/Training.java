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

  /**
   * Whether the method rejects and damps its own bad rounds; then only the non-finite and
   * explosion rules of {@link TrainingLoop.Safety} apply (the default: false, every rule applies).
   */
  default boolean dampsItself() {
    return false;
  }

  /**
   * Whether the starting point is measured after the first step ({@link Method#reportsStartAfterFirstStep});
   * then {@link #measureStart} makes the trace's first point (the default: false, measured before).
   */
  default boolean startMeasuredAfterFirstStep() {
    return false;
  }

  /**
   * The trace's first point, measured after the first step when {@link #startMeasuredAfterFirstStep}:
   * the state still reports the start, and the point must read as one taken before any step.
   *
   * @param spent the run's costs before the first step
   */
  default R measureStart(S state, OracleStats spent) {
    return measure(state, 0, spent, 0.0);
  }

  /** The accuracy target the point reaches, or null (the default: models without a target). */
  default StoppingRules.Reason reached(R point) {
    return null;
  }
}
