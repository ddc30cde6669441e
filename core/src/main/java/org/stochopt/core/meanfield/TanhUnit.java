package org.stochopt.core.meanfield;

import org.stochopt.core.rng.GaussianDraws;

import java.util.SplittableRandom;

/**
 * h(θ, x) = tanh(⟨w, x⟩) with θ = w ∈ ℝ^d: the unit of the mean-field teacher–student
 * experiments. |h| ≤ 1; the sign of the output is carried by w itself because tanh is odd.
 * Initialization: w ~ N(0, I/d), so that ⟨w, x⟩ has unit variance for standardized inputs.
 */
public final class TanhUnit implements NeuronUnit {
  private static final long serialVersionUID = 1L;

  @Override
  public int parameterDim(int inputDim) {
    return inputDim;
  }

  @Override
  public int inputOffset() {
    return 0;
  }

  @Override
  public double value(double[] theta, int off, double z) {
    return Math.tanh(z);
  }

  @Override
  public double addOuterGradient(double[] theta, int off, double z, double coef, double[] grad, int goff) {
    double t = Math.tanh(z);
    return coef * (1.0 - t * t);
  }

  @Override
  public void activate(double[] v, int n) {
    for (int k = 0; k < n; k++) v[k] = Math.tanh(v[k]);
  }

  /** Σ_j tanh(z_jk) from t = tanh(z): the same bits as {@link #value}. */
  @Override
  public void addValues(double[] theta, int off, int p, int count, double[] act, int aOff, int b, double[] out) {
    for (int j = 0; j < count; j++) {
      int row = aOff + j * b;
      for (int k = 0; k < b; k++) out[k] += act[row + k];
    }
  }

  /** dz = coef·(1 − t²) from t = tanh(z): the same bits as {@link #addOuterGradient}. */
  @Override
  public void outerGradients(double[] theta, int off, int p, int count, double[] act, int aOff, double[] coef, int b,
      double[] dz, double[] grad) {
    for (int j = 0; j < count; j++) {
      int row = aOff + j * b;
      for (int k = 0; k < b; k++) {
        double t = act[row + k];
        dz[j * b + k] = coef[k] * (1.0 - t * t);
      }
    }
  }

  @Override
  public double bound() {
    return 1.0;
  }

  @Override
  public void initialize(SplittableRandom rng, double[] theta, int off, int inputDim) {
    double sd = 1.0 / Math.sqrt(inputDim);
    for (int k = 0; k < inputDim; k++) theta[off + k] = sd * GaussianDraws.next(rng);
  }

  @Override
  public String spec() {
    return "tanh";
  }
}
