package org.stochopt.core.loss;

import java.util.Locale;

/**
 * Parses loss names as written on the command line: the margin losses logistic, squared,
 * smoothed-hinge[:gamma] ({@link #parse}), and the multi-class losses multinomial[:K] and
 * ovr-logistic[:K] ({@link #parseMulticlass}; K is the number of classes, inferred from the
 * labels when omitted).
 */
public final class Losses {
  private Losses() {}

  /** A multi-class loss and its number of classes; {@code classes} 0 means "max label + 1 of the data". */
  public record MulticlassSpec(MulticlassLoss loss, int classes) {
    public MulticlassSpec {
      if (classes < 0 || classes == 1) {
        throw new IllegalArgumentException("a multi-class loss needs at least 2 classes, got " + classes);
      }
    }
  }

  public static Loss parse(String spec) {
    String s = spec.trim().toLowerCase(Locale.ROOT);
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
    if (isMulticlass(spec)) {
      throw new IllegalArgumentException("the multi-class loss '" + spec.trim()
          + "' works with train, bench and export only; here use logistic, squared or smoothed-hinge");
    }
    throw new IllegalArgumentException("unknown loss '" + spec
        + "' (expected logistic, squared, smoothed-hinge[:gamma], multinomial[:K] or ovr-logistic[:K])");
  }

  /** True for {@code multinomial[:K]} and {@code ovr-logistic[:K]}. */
  public static boolean isMulticlass(String spec) {
    String name = baseName(spec);
    return name.equals("multinomial") || name.equals("ovr-logistic");
  }

  /** Parses {@code multinomial[:K]} or {@code ovr-logistic[:K]}. */
  public static MulticlassSpec parseMulticlass(String spec) {
    if (!isMulticlass(spec)) {
      throw new IllegalArgumentException("'" + spec + "' is not a multi-class loss (expected multinomial[:K] or ovr-logistic[:K])");
    }
    String s = spec.trim().toLowerCase(Locale.ROOT);
    String name = baseName(spec);
    MulticlassLoss loss = name.equals("multinomial") ? new SoftmaxCrossEntropyLoss() : new OneVsRestLogisticLoss();
    int colon = s.indexOf(':');
    if (colon < 0) return new MulticlassSpec(loss, 0);
    String k = s.substring(colon + 1);
    int classes;
    try {
      classes = Integer.parseInt(k);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the number of classes in --loss " + spec.trim() + " must be an integer ≥ 2, got '" + k + "'");
    }
    if (classes < 2) {
      throw new IllegalArgumentException("the number of classes in --loss " + spec.trim() + " must be an integer ≥ 2, got " + classes);
    }
    return new MulticlassSpec(loss, classes);
  }

  private static String baseName(String spec) {
    String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
    int colon = s.indexOf(':');
    return colon < 0 ? s : s.substring(0, colon);
  }
}
