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

  /**
   * With t = −yz and e = exp(−|t|): φ = max(t, 0) + log1p(e) and σ(t) = 1/(1 + e) for t ≥ 0,
   * e/(1 + e) for t &lt; 0 — the same expressions {@link Numerics#log1pExp} and
   * {@link Numerics#sigmoid} evaluate, sharing their one exponential, so the results are
   * bit-identical to {@link #value} and {@link #derivative}. Measured (bench/ LossBench,
   * docs/performance.md): the exponential is about half of the loss's cost per row.
   */
  @Override
  public double derivativeWithValue(double margin, double label, double[] valueOut) {
    double t = -label * margin;
    double e = Math.exp(-Math.abs(t));
    double l = Numerics.log1p(e);
    valueOut[0] = t > 0 ? t + l : l;
    return -label * (t >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e));
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
