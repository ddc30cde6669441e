package org.stochopt.core.loss;

/**
 * φ(z; y) = log(1 + exp(−y z)), y ∈ {−1, +1}. φ' = −y σ(−y z), φ'' = σ(yz)σ(−yz) ≤ 1/4.
 */
public final class LogisticLoss implements Loss {
  private static final long serialVersionUID = 1L;

  @Override
  public double value(double margin, double label) {
    return Numerics.log1pExp(-label * margin);
  }

  @Override
  public double derivative(double margin, double label) {
    return -label * Numerics.sigmoid(-label * margin);
  }

  @Override
  public double curvatureBound() {
    return 0.25;
  }

  @Override
  public boolean isClassification() {
    return true;
  }

  @Override
  public String name() {
    return "logistic";
  }
}
