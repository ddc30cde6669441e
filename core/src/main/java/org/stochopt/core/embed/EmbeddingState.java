package org.stochopt.core.embed;

import java.io.Serializable;
import java.util.List;

/**
 * Where an embedding run stands between steps: the step count, the driver's table (null when
 * sharded), the rows each partition's next minibatch needs (sparse and sharded modes), and the
 * loss of the steps since the last evaluation.
 */
public final class EmbeddingState implements Serializable {
  private static final long serialVersionUID = 1L;
  long step;
  double[] table;
  List<RowSet> pending;
  double lossSum;
  long lossExamples;

  public long step() {
    return step;
  }

  /** Mean example loss since the last call, and resets it (NaN when no step ran). */
  public double takeMeanLoss() {
    double m = lossExamples == 0 ? Double.NaN : lossSum / lossExamples;
    lossSum = 0;
    lossExamples = 0;
    return m;
  }
}
