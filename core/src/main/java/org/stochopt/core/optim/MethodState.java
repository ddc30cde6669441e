package org.stochopt.core.optim;

/** The explicit state of a method between steps. */
public interface MethodState {
  /** Steps taken so far. */
  long steps();

  /** The point the method reports as its current answer (e.g. the averaged iterate). */
  double[] output();
}
