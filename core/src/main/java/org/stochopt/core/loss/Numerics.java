package org.stochopt.core.loss;

/** Numerically stable scalar primitives, written once. */
public final class Numerics {
  private Numerics() {}

  /**
   * log(1 + e^x) without overflow: for large x, e^x overflows past 709.78, so use x + log1p(e^-x);
   * for very negative x, log1p(e^x) keeps the tiny value instead of rounding 1 + e^x to 1.
   */
  public static double log1pExp(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  /** 1 / (1 + e^-x), evaluated on the side where the exponential cannot overflow. */
  public static double sigmoid(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }
}
