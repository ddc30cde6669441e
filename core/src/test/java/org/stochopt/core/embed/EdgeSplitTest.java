package org.stochopt.core.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The split keeps every closure edge exactly once, and link prediction is scored only among the
 * nodes seen in training; the held-out pairwise error is 0 and 1 on hand-made tables that rank the
 * held-out edge first and last.
 */
class EdgeSplitTest {
  @Test
  void heldOutEdgesAmongSeenNodesOnly() {
    EmbeddingGraph g = EmbeddingGraph.tree(3, 4);
    EdgeSplit split = EdgeSplit.of(g.closure(), 0.3, 0.1, 7);
    int m = g.closureEdges();
    int nTest = (int) Math.round(m * 0.3);
    assertEquals(nTest, split.test().length / 2);
    assertEquals((int) Math.round((m - nTest) * 0.1), split.train().length / 2);
    Set<Long> closure = new HashSet<>(), used = new HashSet<>();
    for (int e = 0; e < g.closure().length; e += 2) closure.add(g.closure()[e] * 100_000L + g.closure()[e + 1]);
    for (int[] part : new int[][] {split.train(), split.test()}) {
      for (int e = 0; e < part.length; e += 2) {
        long key = part[e] * 100_000L + part[e + 1];
        assertTrue(closure.contains(key) && used.add(key), "each split edge is a distinct closure edge");
      }
    }
    Set<Integer> seen = new HashSet<>();
    for (int x : split.train()) seen.add(x);
    int[] nodes = split.seenNodes(g.nodes());
    assertEquals(seen.size(), nodes.length);
    for (int u : nodes) assertTrue(seen.contains(u));
    int[] scored = split.testAmongSeen(g.nodes());
    int expected = 0;
    for (int e = 0; e < split.test().length; e += 2) {
      if (seen.contains(split.test()[e]) && seen.contains(split.test()[e + 1])) expected++;
    }
    assertEquals(expected, scored.length / 2);
    assertTrue(scored.length < split.test().length, "a 10 % training set leaves some held-out edges unseen");
    for (int x : scored) assertTrue(seen.contains(x));
  }

  @Test
  void linkErrorCountsNegativesScoredAboveTheHeldOutEdge() {
    // nodes 0..3 on a line; held-out edge (0, 1); candidates 2 and 3 are not joined to 0
    EuclideanSpace m = new EuclideanSpace(false);
    Adjacency full = new Adjacency(new int[] {0, 1});
    int[] candidates = {2, 3};
    double[] near = {0, 1, 5, 9};
    assertEquals(0.0, EmbeddingMetrics.linkError(m, near, 1, new int[] {0, 1}, full, candidates, 20, 1), 0);
    double[] far = {0, 9, 1, 2};
    assertEquals(1.0, EmbeddingMetrics.linkError(m, far, 1, new int[] {0, 1}, full, candidates, 20, 1), 0);
    double[] half = {0, 3, 1, 5};
    double e = EmbeddingMetrics.linkError(m, half, 1, new int[] {0, 1}, full, candidates, 200, 1);
    assertTrue(e > 0.35 && e < 0.65, "one of two candidates above: " + e);
    assertArrayEquals(new int[0], new EdgeSplit(new int[] {0, 1}, new int[0]).testAmongSeen(4));
  }
}
