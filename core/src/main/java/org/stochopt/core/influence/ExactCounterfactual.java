package org.stochopt.core.influence;

/**
 * The quantity SGD-influence estimates, computed by brute force for small n: for each row j,
 * retrain from θ₀ with the same batches and step sizes but j left out of every batch (divisor b
 * kept, {@link ExcludedRows}), and take L_val(θ_{−j}) − L_val(θ). n full retrainings: for tests
 * and the accuracy experiment only.
 */
public final class ExactCounterfactual {
  private ExactCounterfactual() {}

  /** The largest n this is allowed for (n retrainings). */
  public static final long MAX_ROWS = 5000;

  public static double[] compute(ReplayableSgd sgd, RowSet validation, double[] thetaT) {
    long n = sgd.rows().rows();
    if (n > MAX_ROWS) {
      throw new IllegalArgumentException("the exact counterfactual retrains once per row; " + n + " rows is more than " + MAX_ROWS);
    }
    RowModel model = sgd.model();
    double base = validation.meanLoss(model, thetaT, null);
    double[] out = new double[(int) n];
    for (int j = 0; j < n; j++) {
      double[] theta = sgd.without(ExcludedRows.of(j)).train();
      out[j] = validation.meanLoss(model, theta, null) - base;
    }
    return out;
  }
}
