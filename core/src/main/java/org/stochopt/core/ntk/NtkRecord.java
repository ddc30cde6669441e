package org.stochopt.core.ntk;

import org.stochopt.core.optim.TracePoint;
import java.util.Locale;

/**
 * One evaluated point of an averaged-SGD run. Test quantities are of the averaged model g_Θ̄ (the
 * algorithm's output) unless named "last".
 *
 * @param progressiveLoss mean loss of each training example before its step (NaN at step 0)
 * @param excessRisk ‖g_Θ̄ − g_ρ‖² on the test points (synthetic targets; NaN otherwise)
 * @param excessRiskLast the same for the last iterate g_Θ
 * @param movement ‖Θ̄ − Θ⁽⁰⁾‖/‖Θ⁽⁰⁾‖
 */
public record NtkRecord(long step, long samples, double passes, double seconds, long rounds, double progressiveLoss,
    double testLoss, double testError, double excessRisk, double excessRiskLast, double movement) implements TracePoint {
  public static final String CSV_HEADER =
      "step,samples,passes,seconds,rounds,progressive_loss,test_loss,test_error,excess_risk,excess_risk_last,movement";

  /** What blows up when the run diverges: the test loss of the average (finite by construction at step 0). */
  @Override
  public double divergenceMeasure() {
    return Double.isFinite(progressiveLoss) ? Math.max(progressiveLoss, testLoss) : testLoss;
  }

  public String toCsv() {
    return String.format(Locale.ROOT, "%d,%d,%.6g,%.6f,%d,%.10g,%.10g,%.10g,%.10g,%.10g,%.6g", step, samples, passes, seconds,
        rounds, progressiveLoss, testLoss, testError, excessRisk, excessRiskLast, movement);
  }
}
