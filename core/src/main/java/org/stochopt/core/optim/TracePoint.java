package org.stochopt.core.optim;

import java.io.Serializable;

/**
 * One evaluated point of a run, as the {@link TrainingLoop} needs to see it; each model keeps its
 * own record type (columns, CSV) and implements this.
 */
public interface TracePoint extends Serializable {
  /**
   * The value whose blow-up means divergence: the objective of a linear model, the training loss
   * of a network. Non-finite, or far above the start, stops the run.
   */
  double divergenceMeasure();
}
