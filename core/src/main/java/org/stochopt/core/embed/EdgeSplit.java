package org.stochopt.core.embed;

import java.util.SplittableRandom;
import org.stochopt.core.rng.Seeds;

/**
 * A seeded split of the closure edges into a training set and held-out edges (link prediction):
 * a Fisher–Yates shuffle from the stream (seed, SPLIT); the first {@code testFraction} are held
 * out, and of the rest the first {@code trainFraction} are trained on (the NeurIPS 2021 trade-off
 * varies the training-set size at a fixed test set).
 *
 * <p>Link prediction is scored among the nodes <em>seen</em> in training ({@link #seenNodes},
 * {@link #testAmongSeen}): a node with no training edge keeps its random initial row, which no
 * geometry can place, so with a small training set the unseen nodes (all near the origin, hence
 * near each other) would dominate the error and hide the difference between geometries.
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

  /** The nodes that occur in a training edge, ascending. */
  public int[] seenNodes(int nodeCount) {
    boolean[] seen = seen(nodeCount);
    return java.util.stream.IntStream.range(0, nodeCount).filter(u -> seen[u]).toArray();
  }

  /** The held-out edges whose two ends both occur in a training edge. */
  public int[] testAmongSeen(int nodeCount) {
    boolean[] seen = seen(nodeCount);
    int k = 0;
    int[] out = new int[test.length];
    for (int e = 0; e < test.length; e += 2) {
      if (seen[test[e]] && seen[test[e + 1]]) {
        out[k++] = test[e];
        out[k++] = test[e + 1];
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }

  private boolean[] seen(int nodeCount) {
    boolean[] seen = new boolean[nodeCount];
    for (int x : train) seen[x] = true;
    return seen;
  }
}
