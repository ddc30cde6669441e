package org.stochopt.core.embed;

import java.util.SplittableRandom;

/**
 * Ordinal embedding (Suzuki et al., ACML 2019): a comparison (i, j, k, l) says "i is closer to j
 * than k is to l"; a triplet is the case k = i. Hinge loss on the manifold distances:
 *
 * <pre>
 *   L = max(0, margin + d(i, j) − d(k, l)),   ∂L = ∂d(i, j) − ∂d(k, l) where L &gt; 0
 * </pre>
 */
public final class OrdinalObjective implements EmbeddingObjective {
  private static final long serialVersionUID = 1L;
  private final double margin;

  public OrdinalObjective(double margin) {
    if (!(margin >= 0)) throw new IllegalArgumentException("--margin must be non-negative, got " + margin);
    this.margin = margin;
  }

  @Override
  public int arity() {
    return 4;
  }

  @Override
  public int[] nodes(int[] tuples, int offset, SplittableRandom rng) {
    return java.util.Arrays.copyOfRange(tuples, offset, offset + 4);
  }

  @Override
  public double lossAndGradient(Manifold m, double[] rows, int[] slots, int width, double[] grads) {
    int i = slots[0] * width, j = slots[1] * width, k = slots[2] * width, l = slots[3] * width;
    double loss = margin + m.distance(rows, i, rows, j, width) - m.distance(rows, k, rows, l, width);
    if (loss <= 0) return 0;
    m.addDistanceGradient(rows, i, rows, j, width, 1.0, grads, i, grads, j);
    m.addDistanceGradient(rows, k, rows, l, width, -1.0, grads, k, grads, l);
    return loss;
  }

  @Override
  public String describe() {
    return "hinge on comparisons, margin " + margin;
  }
}
