package org.stochopt.core.reg;

import java.util.Locale;

/** Parses {@code none}, {@code l2:λ}, {@code l1:λ}, {@code elasticnet:λ,α}. */
public final class Regularizers {
  private Regularizers() {}

  public static Regularizer parse(String spec) {
    String s = spec.trim().toLowerCase(Locale.ROOT);
    if (s.equals("none") || s.equals("0")) return ElasticNet.none();
    int colon = s.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "regularizer '" + spec + "' needs a weight, e.g. l2:1e-4, l1:1e-5 or elasticnet:1e-4,0.5");
    }
    String kind = s.substring(0, colon);
    String[] args = s.substring(colon + 1).split(",");
    switch (kind) {
      case "l2":
        return ElasticNet.l2(number(args, 0, 1, spec));
      case "l1":
        return ElasticNet.l1(number(args, 0, 1, spec));
      case "elasticnet":
      case "elastic-net":
        return ElasticNet.sparkStyle(number(args, 0, 2, spec), number(args, 1, 2, spec));
      default:
        throw new IllegalArgumentException(
            "unknown regularizer '" + kind + "' (expected none, l2, l1 or elasticnet)");
    }
  }

  private static double number(String[] args, int i, int expected, String spec) {
    if (args.length != expected) {
      throw new IllegalArgumentException(
          "regularizer '" + spec + "' takes " + expected + " number(s), got " + args.length);
    }
    try {
      double v = Double.parseDouble(args[i].trim());
      if (!(v >= 0) || !Double.isFinite(v)) throw new NumberFormatException();
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "regularizer '" + spec + "': '" + args[i] + "' is not a finite non-negative number");
    }
  }
}
