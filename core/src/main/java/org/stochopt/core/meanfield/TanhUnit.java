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
