package org.stochopt.spark.influence;

import java.io.Serializable;
import org.stochopt.core.ntk.Activation;
import org.stochopt.core.ntk.NtkShape;
import org.stochopt.core.ntk.TrainedLayers;

/**
 * The two-layer network of {@code --model two-layer}: g(x) = (1/√M)Σ_r a_r σ(⟨b_r, x⟩ + γc_r), every
 * layer trained ({@link org.stochopt.core.influence.TwoLayerRowModel}). The input dimension comes
 * from the data, so the shape is made once the data is read.
 *
 * @param width M, even (symmetric initialisation)
 * @param activation σ (smooth ones: tanh, sigmoid, swish:s; relu has σ'' = 0 almost everywhere)
 * @param outputScale R, |a_r| at the start
 * @param biasScale γ
 */
public record InfluenceNetwork(int width, Activation activation, double outputScale, double biasScale) implements Serializable {
  public InfluenceNetwork {
    if (width < 2 || width % 2 != 0) throw new IllegalArgumentException("--width must be even and at least 2, got " + width);
    if (activation == null) throw new IllegalArgumentException("--activation is required");
    if (!(outputScale > 0 && Double.isFinite(outputScale))) throw new IllegalArgumentException("--output-scale must be positive, got " + outputScale);
    if (!(biasScale >= 0 && Double.isFinite(biasScale))) throw new IllegalArgumentException("--bias-scale must be ≥ 0, got " + biasScale);
  }

  public NtkShape shape(int inputDim) {
    return new NtkShape(width, inputDim, outputScale, biasScale, activation, TrainedLayers.BOTH);
  }
}
