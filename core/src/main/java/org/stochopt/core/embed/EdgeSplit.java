package org.stochopt.core.embed;

import java.util.SplittableRandom;
import org.stochopt.core.rng.Seeds;

/**
 * A seeded split of the closure edges into a training set and held-out edges (link prediction):
 * a Fisher–Yates shuffle from the stream (seed, SPLIT); the first {@code testFraction} are held
 * out, and of the rest the first {@code trainFraction} are trained on (the NeurIPS 2021 trade-off
 * varies the training-set size at a fixed test set).
 *
 * @param train flat (u, v) training edges, shuffled (partitions take contiguous slices)
 * @param test flat held-out edges
 */
public record EdgeSplit(int[] train, int[] test) {
  static final long SPLIT = 0x5917L;

  public static EdgeSplit of(int[] edges, double testFraction, double trainFraction, long seed) {
    if (!(testFraction >= 0 && testFraction < 1)) throw new IllegalArgumentException("--test-fraction must be in [0, 1), got " + testFraction);
    if (!(trainFraction > 0 && trainFraction <= 1)) throw new IllegalArgumentException("--train-fraction must be in (0, 1], got " + trainFraction);
    int m = edges.length / 2;
    int[] order = new int[m];
    for (int i = 0; i < m; i++) order[i] = i;
    SplittableRandom rng = new SplittableRandom(Seeds.child(seed, SPLIT));
    for (int i = m - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int nTest = (int) Math.round(m * testFraction);
    int nTrain = (int) Math.round((m - nTest) * trainFraction);
    int[] test = new int[2 * nTest], train = new int[2 * nTrain];
    for (int k = 0; k < nTest; k++) {
      test[2 * k] = edges[2 * order[k]];
      test[2 * k + 1] = edges[2 * order[k] + 1];
    }
    for (int k = 0; k < nTrain; k++) {
      train[2 * k] = edges[2 * order[nTest + k]];
      train[2 * k + 1] = edges[2 * order[nTest + k] + 1];
    }
    return new EdgeSplit(train, test);
  }
}
