package org.stochopt.core.optim;

import java.io.Serializable;

/**
 * The explicit state of a method between steps.
 *
 * <p>It is {@link Serializable} because the {@link Runner} checkpoints it (see {@link Checkpointing}):
 * the state must hold everything the next step depends on — iterates, anchors, running sums,
 * step counters — in serializable fields, and nothing that belongs to the run's context (oracle,
 * sampling plan, regularizer), which is rebuilt on resume. A state that keeps a transient cache
 * must be able to rebuild it bit-identically.
 */
public interface MethodState extends Serializable {
  /** Steps taken so far. */
  long steps();

  /** The point the method reports as its current answer (e.g. the averaged iterate). */
  double[] output();
}
