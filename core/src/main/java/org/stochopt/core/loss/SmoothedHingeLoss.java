package org.stochopt.core.loss;

/**
 * Smoothed hinge with smoothing γ > 0 (Shalev-Shwartz and Zhang 2013), on t = y z:
 * φ = 0 for t ≥ 1; 1 − t − γ/2 for t ≤ 1 − γ; (1 − t)²/(2γ) in between. It is the Moreau
 * envelope of the hinge, so φ' is (1/γ)-Lipschitz: curvature bound 1/γ.
 */
public final class SmoothedHingeLoss implements Loss {
  private static final long serialVersionUID = 1L;

  private final double gamma;

  public SmoothedHingeLoss(double gamma) {
    if (!(gamma > 0) || !Double.isFinite(gamma)) {
      throw new IllegalArgumentException("smoothed hinge needs a smoothing gamma > 0, got " + gamma);
    }
    this.gamma = gamma;
  }

  public double gamma() {
    return gamma;
  }

  @Override
  public double value(double margin, double label) {
    double t = label * margin;
    if (t >= 1.0) return 0.0;
    if (t <= 1.0 - gamma) return 1.0 - t - 0.5 * gamma;
    double r = 1.0 - t;
    return r * r / (2.0 * gamma);
  }

  @Override
  public double derivative(double margin, double label) {
    double t = label * margin;
    if (t >= 1.0) return 0.0;
    if (t <= 1.0 - gamma) return -label;
    return -label * (1.0 - t) / gamma;
  }

  @Override
  public double curvatureBound() {
    return 1.0 / gamma;
  }

  @Override
  public boolean isClassification() {
    return true;
  }

  @Override
  public String name() {
    return gamma == 1.0 ? "smoothed-hinge" : "smoothed-hinge:" + gamma;
  }
}
