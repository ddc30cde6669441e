package org.stochopt.core.embed;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * The loss of one training example (an edge with its sampled negatives, or one ordinal
 * comparison), written against rows in a {@link RowSet} layout so that executors compute
 * sparse Euclidean gradients only.
 */
public interface EmbeddingObjective extends Serializable {
  /** Ints per stored example (2 for an edge, 4 for a quadruplet). */
  int arity();

  /**
   * The nodes the example at {@code tuples[offset..offset+arity)} touches, negatives drawn from
   * {@code rng} (so the example is a pure function of the stream).
   */
  int[] nodes(int[] tuples, int offset, SplittableRandom rng);

  /** The same at training step {@code step} (for objectives whose sampling changes over time). */
  default int[] nodes(int[] tuples, int offset, SplittableRandom rng, long step) {
    return nodes(tuples, offset, rng);
  }

  /**
   * The example's loss; adds its Euclidean gradient into {@code grads} (same layout as
   * {@code rows}: node {@code nodes[i]}'s row starts at {@code slots[i]·width}).
   */
  double lossAndGradient(Manifold m, double[] rows, int[] slots, int width, double[] grads);

  /** A short description for logs. */
  String describe();
}
