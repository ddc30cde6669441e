package org.stochopt.core.loss;

/** φ(z; y) = ½ (z − y)². φ' = z − y, φ'' = 1. */
public final class SquaredLoss implements Loss {
  private static final long serialVersionUID = 1L;

  @Override
  public double value(double margin, double label) {
    double r = margin - label;
    return 0.5 * r * r;
  }

  @Override
  public double derivative(double margin, double label) {
    return margin - label;
  }

  @Override
  public double curvatureBound() {
    return 1.0;
  }

  @Override
  public boolean isClassification() {
    return false;
  }

  @Override
  public String name() {
    return "squared";
  }
}
