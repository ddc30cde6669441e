package org.stochopt.core.trace;

/**
 * One evaluated point of a run. {@code seconds} is the method's own time (evaluation excluded);
 * fields that are not known are NaN (e.g. suboptimality without a reference optimum).
 * {@code dualityGap} is P(w) − D(α) at the point, for primal-dual methods (CoCoA+), else NaN: a
 * certificate, F(w) − F* ≤ gap, that needs no reference optimum.
 */
public record TraceRecord(
    long step,
    long rounds,
    long gradientEvaluations,
    double effectivePasses,
    double seconds,
    double objective,
    double suboptimality,
    double relativeSuboptimality,
    double gradientMappingNorm,
    double testError,
    int nonZeros,
    double dualityGap) implements org.stochopt.core.optim.TracePoint {

  /** A point of a method without a dual certificate (the gap is NaN). */
  public TraceRecord(long step, long rounds, long gradientEvaluations, double effectivePasses, double seconds, double objective,
      double suboptimality, double relativeSuboptimality, double gradientMappingNorm, double testError, int nonZeros) {
    this(step, rounds, gradientEvaluations, effectivePasses, seconds, objective, suboptimality, relativeSuboptimality,
        gradientMappingNorm, testError, nonZeros, Double.NaN);
  }

  @Override
  public double divergenceMeasure() {
    return objective;
  }


  public static final String CSV_HEADER =
      "step,rounds,gradient_evaluations,effective_passes,seconds,objective,suboptimality,"
          + "relative_suboptimality,gradient_mapping_norm,test_error,nonzeros,duality_gap";

  public String toCsv() {
    return step + "," + rounds + "," + gradientEvaluations + "," + num(effectivePasses) + "," + num(seconds) + ","
        + num(objective) + "," + num(suboptimality) + "," + num(relativeSuboptimality) + ","
        + num(gradientMappingNorm) + "," + num(testError) + "," + nonZeros + "," + num(dualityGap);
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }
}
