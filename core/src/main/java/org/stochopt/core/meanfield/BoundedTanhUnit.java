package org.stochopt.core.meanfield;

import org.stochopt.core.rng.GaussianDraws;

import java.util.SplittableRandom;

/**
 * h(θ, x) = R · tanh(a) · tanh(⟨w, x⟩) with θ = (a, w) ∈ ℝ^{1+d}: a trained output weight,
 * squashed so that |h| ≤ R. Unlike a clipped weight, tanh(a) is smooth, which the MFLD/PDA
 * analyses assume (bounded h with bounded derivatives). R is the output scale (default
 * {@value #DEFAULT_SCALE}); the L2 term λ₁‖θ‖² also acts on a.
 *
 * <p>Initialization: a ~ N(0, 1), w ~ N(0, I/d).
 */
public final class BoundedTanhUnit implements NeuronUnit {
  private static final long serialVersionUID = 1L;
  public static final double DEFAULT_SCALE = 2.0;

  private final double scale;

  public BoundedTanhUnit(double scale) {
    if (!(scale > 0 && Double.isFinite(scale))) {
      throw new IllegalArgumentException("bounded-tanh output scale R must be positive and finite, got " + scale);
    }
    this.scale = scale;
  }

  public double scale() {
    return scale;
  }

  @Override
  public int parameterDim(int inputDim) {
    return inputDim + 1;
  }

  @Override
  public int inputOffset() {
    return 1;
  }

  @Override
  public double value(double[] theta, int off, double z) {
    return scale * Math.tanh(theta[off]) * Math.tanh(z);
  }

  @Override
  public double addOuterGradient(double[] theta, int off, double z, double coef, double[] grad, int goff) {
    double ta = Math.tanh(theta[off]);
    double tz = Math.tanh(z);
    grad[goff] += coef * scale * (1.0 - ta * ta) * tz;
    return coef * scale * ta * (1.0 - tz * tz);
  }

  @Override
  public void activate(double[] v, int n) {
    for (int k = 0; k < n; k++) v[k] = Math.tanh(v[k]);
  }

  /** Σ_j (R tanh a_j)·t_jk from t = tanh(z): the same bits as {@link #value}. */
  @Override
  public void addValues(double[] theta, int off, int p, int count, double[] act, int aOff, int b, double[] out) {
    for (int j = 0; j < count; j++) {
      double ra = scale * Math.tanh(theta[off + j * p]);
      int row = aOff + j * b;
      for (int k = 0; k < b; k++) out[k] += ra * act[row + k];
    }
  }

  /**
   * From t = tanh(z), tanh(a_j) once per particle: grad_a += coef·R(1 − ta²)·t, dz = coef·R·ta·(1 − t²),
   * the same bits (and the same order over rows) as {@link #addOuterGradient}.
   */
  @Override
  public void outerGradients(double[] theta, int off, int p, int count, double[] act, int aOff, double[] coef, int b,
      double[] dz, double[] grad) {
    for (int j = 0; j < count; j++) {
      double ta = Math.tanh(theta[off + j * p]);
      double da = 1.0 - ta * ta;
      int row = aOff + j * b;
      double ga = grad[j * p];
      for (int k = 0; k < b; k++) {
        double cs = coef[k] * scale;
        double t = act[row + k];
        ga += cs * da * t;
        dz[j * b + k] = cs * ta * (1.0 - t * t);
      }
      grad[j * p] = ga;
    }
  }

  @Override
  public double bound() {
    return scale;
  }

  @Override
  public void initialize(SplittableRandom rng, double[] theta, int off, int inputDim) {
    theta[off] = GaussianDraws.next(rng);
    double sd = 1.0 / Math.sqrt(inputDim);
    for (int k = 0; k < inputDim; k++) theta[off + 1 + k] = sd * GaussianDraws.next(rng);
  }

  @Override
  public String spec() {
    return "bounded-tanh:" + scale;
  }
}
