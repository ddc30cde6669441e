package org.stochopt.core.ntk;

import java.io.Serializable;

/**
 * The architecture of g(x) = (1/√M) Σ_r a_r σ(b_rᵀx + γ c_r): width M (even, for the symmetric
 * initialisation), input dimension d, output scale R (a_r = ±R at start), bias scale γ, σ, and
 * the layers that are trained.
 */
public record NtkShape(int width, int inputDim, double outputScale, double biasScale, Activation activation,
    TrainedLayers layers) implements Serializable {
  public NtkShape {
    if (width < 2 || width % 2 != 0) {
      throw new IllegalArgumentException("--width must be even and at least 2 (symmetric initialisation pairs neuron r with r + M/2), got " + width);
    }
    if (inputDim < 1) throw new IllegalArgumentException("input dimension must be positive, got " + inputDim);
    if (!(outputScale > 0 && Double.isFinite(outputScale))) {
      throw new IllegalArgumentException("--output-scale R must be positive and finite, got " + outputScale);
    }
    if (!(biasScale >= 0 && Double.isFinite(biasScale))) {
      throw new IllegalArgumentException("--bias-scale γ must be ≥ 0 and finite, got " + biasScale);
    }
    if (activation == null || layers == null) throw new IllegalArgumentException("activation and layers are required");
  }

  /** 1/√M, the NTK output scaling (the mean-field model uses 1/M). */
  public double outputFactor() {
    return 1.0 / Math.sqrt(width);
  }

  /** Parameters per neuron: a_r, b_r ∈ ℝ^d, c_r. */
  public int parametersPerNeuron() {
    return inputDim + 2;
  }
}
