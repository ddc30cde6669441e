package org.stochopt.core.loss;

/** Parses loss names as written on the command line: logistic, squared, smoothed-hinge[:gamma]. */
public final class Losses {
  private Losses() {}

  public static Loss parse(String spec) {
    String s = spec.trim().toLowerCase(java.util.Locale.ROOT);
    if (s.equals("logistic")) return new LogisticLoss();
    if (s.equals("squared")) return new SquaredLoss();
    if (s.equals("smoothed-hinge") || s.equals("smooth-hinge")) return new SmoothedHingeLoss(1.0);
    if (s.startsWith("smoothed-hinge:")) {
      String g = s.substring("smoothed-hinge:".length());
      try {
        return new SmoothedHingeLoss(Double.parseDouble(g));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("smoothed-hinge smoothing must be a number, got '" + g + "'");
      }
    }
    throw new IllegalArgumentException(
        "unknown loss '" + spec + "' (expected logistic, squared or smoothed-hinge[:gamma])");
  }
}
