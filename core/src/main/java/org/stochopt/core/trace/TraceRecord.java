package org.stochopt.core.trace;

/**
 * One evaluated point of a run. {@code seconds} is the method's own time (evaluation excluded);
 * fields that are not known are NaN (e.g. suboptimality without a reference optimum).
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
    int nonZeros) implements org.stochopt.core.optim.TracePoint {

  @Override
  public double divergenceMeasure() {
    return objective;
  }


  public static final String CSV_HEADER =
      "step,rounds,gradient_evaluations,effective_passes,seconds,objective,suboptimality,"
          + "relative_suboptimality,gradient_mapping_norm,test_error,nonzeros";

  public String toCsv() {
    return step + "," + rounds + "," + gradientEvaluations + "," + num(effectivePasses) + "," + num(seconds) + ","
        + num(objective) + "," + num(suboptimality) + "," + num(relativeSuboptimality) + ","
        + num(gradientMappingNorm) + "," + num(testError) + "," + nonZeros;
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }
}
