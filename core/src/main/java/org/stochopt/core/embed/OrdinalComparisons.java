package org.stochopt.core.embed;

import java.util.SplittableRandom;
import org.stochopt.core.rng.Seeds;

/**
 * Ordinal comparisons drawn from a hierarchy's hop distances (the undirected direct-edge graph):
 * quadruplets (i, j, k, l) with h(i, j) &lt; h(k, l), or triplets (k = i). Pairs at equal
 * distance carry no order and are redrawn. Drawn from the stream (seed, ORDINAL, set).
 */
public final class OrdinalComparisons {
  static final long ORDINAL = 0x0DL;

  private OrdinalComparisons() {}

  /**
   * @param triplets draw k = i ("i is closer to j than to l")
   * @param set 0 for training, 1 for held-out comparisons (independent streams)
   * @return flat (i, j, k, l) quadruplets
   */
  public static int[] draw(EmbeddingGraph g, int count, boolean triplets, long seed, int set) {
    if (count < 1) throw new IllegalArgumentException("--comparisons must be at least 1, got " + count);
    int n = g.nodes();
    if (n < 3) throw new IllegalArgumentException(g.name() + ": ordinal comparisons need at least 3 nodes");
    int[][] adj = g.undirectedDirect();
    SplittableRandom rng = new SplittableRandom(Seeds.child(seed, ORDINAL, set));
    int[] out = new int[4 * count];
    int made = 0;
    long tries = 0;
    while (made < count) {
      if (++tries > 100L * count) throw new IllegalArgumentException(g.name() + ": could not draw ordered comparisons (disconnected or too small)");
      int i = rng.nextInt(n), j = rng.nextInt(n);
      int k = triplets ? i : rng.nextInt(n), l = rng.nextInt(n);
      if (i == j || k == l || (i == k && j == l)) continue;
      int[] hi = g.hops(i, adj);
      int[] hk = k == i ? hi : g.hops(k, adj);
      int a = hi[j], b = hk[l];
      if (a < 0 || b < 0 || a == b) continue;
      int o = 4 * made++;
      int[] q = a < b ? new int[] {i, j, k, l} : new int[] {k, l, i, j};
      System.arraycopy(q, 0, out, o, 4);
    }
    return out;
  }
}
