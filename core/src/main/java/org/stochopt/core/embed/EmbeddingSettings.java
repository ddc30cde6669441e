package org.stochopt.core.embed;

import java.io.Serializable;

/**
 * The optimisation settings of an embedding run.
 *
 * @param dim embedding dimension d (the hyperboloid uses d + 1 coordinates)
 * @param batch examples per step, split over partitions in proportion to their size
 * @param learningRate lr; the step applies it to the <em>sum</em> of the batch's per-example
 *     gradients, so a row touched by one example moves as in per-example SGD
 * @param burninSteps steps run at lr / 10 first (Nickel &amp; Kiela's burn-in)
 * @param radiusBound keep every row within this distance of the origin; 0 = no bound
 * @param initScale initial coordinates uniform in [−initScale, initScale]
 * @param seed run seed (initial rows, minibatches, negatives)
 */
public record EmbeddingSettings(int dim, int batch, double learningRate, long burninSteps, double radiusBound,
    double initScale, long seed) implements Serializable {
  public EmbeddingSettings {
    if (dim < 1) throw new IllegalArgumentException("--dim must be at least 1, got " + dim);
    if (batch < 1) throw new IllegalArgumentException("--batch-size must be at least 1, got " + batch);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("--step must be a positive number, got " + learningRate);
    }
    if (burninSteps < 0) throw new IllegalArgumentException("burn-in must be non-negative, got " + burninSteps);
    if (!(radiusBound >= 0)) throw new IllegalArgumentException("--radius-bound must be ≥ 0 (0 = none), got " + radiusBound);
    if (!(initScale > 0)) throw new IllegalArgumentException("the initial scale must be positive, got " + initScale);
  }

  /** lr at step t (burn-in first). */
  public double rate(long step) {
    return step < burninSteps ? learningRate / 10 : learningRate;
  }
}
