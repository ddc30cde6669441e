package org.stochopt.core.ntk;

import org.stochopt.core.loss.Loss;
import org.stochopt.core.meanfield.DataMatrix;
import org.stochopt.core.runtime.Shipped;

/**
 * Measures a run on held-out rows (uncounted: not a training round): the test loss and, for ±1
 * labels, the error of the averaged model, and, when g_ρ is known, the excess risk
 * ‖g − g_ρ‖²_{L2(ρ_X)} estimated on the test points, for the average and the last iterate.
 */
public final class NtkEvaluator {
  private final Loss loss;
  private final DataMatrix test;
  private final double[] targetValues;
  private final boolean lastIterate;
  private Shipped<DataMatrix> shared;
  private double[] lastPredictions;

  /**
   * @param targetValues g_ρ at the test rows, or null when unknown
   * @param lastIterate also evaluate the last iterate (a second pass over the test rows)
   */
  public NtkEvaluator(Loss loss, DataMatrix test, double[] targetValues, boolean lastIterate) {
    this.loss = loss;
    this.test = test;
    this.targetValues = targetValues;
    this.lastIterate = lastIterate && targetValues != null;
  }

  public NtkRecord measure(AveragedSgd sgd, double seconds) {
    NtkNetwork net = sgd.network();
    if (shared == null) shared = net.share(test);
    double[] g = net.predict(shared, true);
    lastPredictions = g;
    int n = test.rows();
    double lossSum = 0;
    long wrong = 0;
    for (int i = 0; i < n; i++) {
      lossSum += loss.value(g[i], test.y()[i]);
      if (loss.isClassification() && g[i] * test.y()[i] <= 0) wrong++;
    }
    double excess = targetValues == null ? Double.NaN : meanSquaredGap(g, targetValues);
    double excessLast = lastIterate ? meanSquaredGap(net.predict(shared, false), targetValues) : Double.NaN;
    return new NtkRecord(sgd.steps(), sgd.samples(), sgd.passes(), seconds, net.rounds(), sgd.progressiveLoss(), lossSum / n,
        loss.isClassification() ? (double) wrong / n : Double.NaN, excess, excessLast, net.relativeMovement(true));
  }

  /** g_Θ̄ at the test rows from the latest {@link #measure}. */
  public double[] lastPredictions() {
    return lastPredictions;
  }

  public static double meanSquaredGap(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
    return s / a.length;
  }

  public void release() {
    if (shared != null) shared.release();
  }
}
