package org.stochopt.core.embed;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.stochopt.core.rng.Seeds;

/**
 * Evaluation of an embedding table (uncounted; on the driver).
 *
 * <ul>
 *   <li><b>Reconstruction</b> (Nickel &amp; Kiela 2017, as their evaluation code does it): for each
 *   node u with ancestors N(u) in the closure, rank all other nodes by score s(u, ·). The rank of
 *   a true ancestor v is 1 + the number of non-ancestors w ≠ u scored above it; the mean rank
 *   averages over all (u, v) pairs. MAP averages, over the nodes u, the average precision of
 *   N(u) in that ranking.</li>
 *   <li><b>Link prediction</b> on held-out edges: for each held-out (u, v) and each of
 *   {@code draws} candidate nodes w (the nodes seen in training, see {@link EdgeSplit}) not joined
 *   to u in the full graph, an error when s(u, w) ≥ s(u, v) (the pairwise ranking error,
 *   1 − AUC).</li>
 *   <li><b>Ordinal accuracy</b>: the share of comparisons (i, j, k, l) with d(i, j) &lt; d(k, l).</li>
 *   <li><b>Radius</b>: the largest and the mean distance of a row from the origin.</li>
 * </ul>
 */
public final class EmbeddingMetrics {
  private EmbeddingMetrics() {}

  /** Mean rank and MAP. */
  public record Reconstruction(double meanRank, double map, int nodesEvaluated) {}

  /**
   * @param sample evaluate this many nodes (drawn with the given seed) when fewer than all nodes
   *     with ancestors; 0 = all
   */
  public static Reconstruction reconstruction(Manifold m, double[] table, int width, int[][] ancestors, int sample, long seed) {
    int n = ancestors.length;
    int[] us = evaluatedNodes(ancestors, sample, seed);
    double rankSum = 0, apSum = 0;
    long pairs = 0;
    double[] scores = new double[n];
    for (int u : us) {
      int[] pos = ancestors[u];
      for (int w = 0; w < n; w++) scores[w] = w == u ? Double.NEGATIVE_INFINITY : m.score(table, u * width, table, w * width, width);
      // Non-neighbour scores sorted, so each positive's rank is one binary search.
      double[] neg = new double[n - 1 - pos.length];
      int k = 0;
      for (int w = 0; w < n; w++) if (w != u && Arrays.binarySearch(pos, w) < 0) neg[k++] = scores[w];
      Arrays.sort(neg);
      double[] p = new double[pos.length];
      for (int i = 0; i < pos.length; i++) p[i] = scores[pos[i]];
      Arrays.sort(p); // ascending
      double ap = 0;
      for (int i = 0; i < p.length; i++) {
        int above = neg.length - lowerBoundStrict(neg, p[i]); // non-neighbours scored above
        rankSum += 1 + above;
        int positivesAtOrAbove = p.length - i; // ties among positives count for the positive
        ap += (double) positivesAtOrAbove / (positivesAtOrAbove + above);
      }
      apSum += ap / p.length;
      pairs += p.length;
    }
    return new Reconstruction(rankSum / pairs, apSum / us.length, us.length);
  }

  /**
   * The nodes reconstruction ranks from, sorted: those with an ancestor, or {@code sample} of
   * them drawn with the seed when that is fewer (0 = all).
   */
  public static int[] evaluatedNodes(int[][] ancestors, int sample, long seed) {
    int[] us = java.util.stream.IntStream.range(0, ancestors.length).filter(u -> ancestors[u].length > 0).toArray();
    if (us.length == 0) throw new IllegalArgumentException("no node has an edge to reconstruct");
    if (sample > 0 && sample < us.length) {
      SplittableRandom rng = new SplittableRandom(Seeds.child(seed, 0xEAL));
      for (int i = 0; i < sample; i++) {
        int j = i + rng.nextInt(us.length - i);
        int t = us[i];
        us[i] = us[j];
        us[j] = t;
      }
      us = Arrays.copyOf(us, sample);
      Arrays.sort(us);
    }
    return us;
  }

  /** Every metric of one evaluation (NaN where not measured). */
  public record Summary(double meanRank, double map, double linkError, double ordinalAccuracy, double maxRadius, double meanRadius) {}

  /** Index of the first element &gt; x (elements ≤ x come before). */
  private static int lowerBoundStrict(double[] sorted, double x) {
    int lo = 0, hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The pairwise ranking error on held-out edges (NaN when there are none). */
  public static double linkError(Manifold m, double[] table, int width, int[] heldOut, Adjacency full, int[] candidates, int draws,
      long seed) {
    int[] t = linkTriples(heldOut, full, candidates, draws, seed);
    if (t.length == 0) return Double.NaN;
    long errors = 0;
    for (int k = 0; k < t.length; k += 3) {
      double sv = m.score(table, t[k] * width, table, t[k + 1] * width, width);
      if (m.score(table, t[k] * width, table, t[k + 2] * width, width) >= sv) errors++;
    }
    return (double) errors / (t.length / 3);
  }

  /**
   * The (u, v, w) triples link prediction scores — held-out edge (u, v), negative w — drawn
   * without the table, so the sharded evaluation scores the same triples where the rows live.
   */
  public static int[] linkTriples(int[] heldOut, Adjacency full, int[] candidates, int draws, long seed) {
    if (heldOut.length == 0 || candidates.length == 0) return new int[0];
    SplittableRandom rng = new SplittableRandom(Seeds.child(seed, 0x11L));
    int[] out = new int[heldOut.length / 2 * draws * 3];
    int k = 0;
    for (int e = 0; e < heldOut.length; e += 2) {
      int u = heldOut[e], v = heldOut[e + 1];
      for (int d = 0; d < draws; d++) {
        int w = -1;
        for (int t = 0; t < 50 && w < 0; t++) {
          int c = candidates[rng.nextInt(candidates.length)];
          if (c != u && !full.has(u, c)) w = c;
        }
        if (w < 0) continue;
        out[k++] = u;
        out[k++] = v;
        out[k++] = w;
      }
    }
    return Arrays.copyOf(out, k);
  }

  /** Share of comparisons the embedding orders correctly (NaN when there are none). */
  public static double ordinalAccuracy(Manifold m, double[] table, int width, int[] quads) {
    if (quads.length == 0) return Double.NaN;
    long ok = 0;
    for (int q = 0; q < quads.length; q += 4) {
      double a = m.distance(table, quads[q] * width, table, quads[q + 1] * width, width);
      double b = m.distance(table, quads[q + 2] * width, table, quads[q + 3] * width, width);
      if (a < b) ok++;
    }
    return (double) ok / (quads.length / 4);
  }

  /** {max, mean} distance from the origin over the rows. */
  public static double[] radius(Manifold m, double[] table, int width) {
    int n = table.length / width;
    double max = 0, sum = 0;
    for (int i = 0; i < n; i++) {
      double r = m.radius(table, i * width, width);
      max = Math.max(max, r);
      sum += r;
    }
    return new double[] {max, sum / n};
  }
}
