package org.stochopt.core.method;

/**
 * A method that guards its rounds with a {@link RoundSafeguard}: the job reads the rejections after
 * the run (log line and summary.json). Refers to the state of the method's current run.
 */
public interface Safeguarded {
  /** The guard of the current run, or null before the first round. */
  RoundSafeguard safeguard();

  /** The local step now in use (the configured one, halved at every rejection). */
  double currentStep();
}
