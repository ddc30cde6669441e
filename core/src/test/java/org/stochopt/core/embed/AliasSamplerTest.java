package org.stochopt.core.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The alias sampler's draws against the probabilities they should follow (within 5 binomial
 * standard deviations over 400 000 draws), zero weights never drawn, bad weights refused; and
 * Nickel &amp; Kiela's burn-in negatives: during burn-in only nodes that are a training edge's second
 * end, in proportion to count^0.75, afterwards every other node uniformly.
 */
class AliasSamplerTest {
  @Test
  void drawsFollowTheWeights() {
    double[] w = {0, 1, 2.5, 0, 7, 0.25, 3, 0};
    double total = 0;
    for (double x : w) total += x;
    AliasSampler a = new AliasSampler(w);
    int draws = 400_000;
    int[] hits = new int[w.length];
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < draws; i++) hits[a.draw(rng)]++;
    for (int i = 0; i < w.length; i++) {
      double p = w[i] / total;
      if (p == 0) {
        assertEquals(0, hits[i], "zero weight " + i + " drawn");
      } else {
        double sd = Math.sqrt(draws * p * (1 - p));
        assertTrue(Math.abs(hits[i] - draws * p) < 5 * sd, "node " + i + ": " + hits[i] + " draws, expected " + draws * p);
      }
    }
  }

  @Test
  void oneWeightAndBadWeights() {
    AliasSampler one = new AliasSampler(new double[] {0, 0, 3});
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 1000; i++) assertEquals(2, one.draw(rng));
    assertThrows(IllegalArgumentException.class, () -> new AliasSampler(new double[] {0, 0}));
    assertThrows(IllegalArgumentException.class, () -> new AliasSampler(new double[] {1, -1}));
    assertThrows(IllegalArgumentException.class, () -> new AliasSampler(new double[] {1, Double.NaN}));
  }

  @Test
  void burninNegativesAreDampedUnigramThenUniform() {
    // closure of a 2-ary tree of depth 3 (15 nodes): internal node w is the second end of
    // (#descendants of w) edges; leaves never are
    EmbeddingGraph g = EmbeddingGraph.tree(2, 3);
    int n = g.nodes();
    int[] edges = g.closure();
    double[] count = new double[n];
    for (int e = 1; e < edges.length; e += 2) count[edges[e]]++;
    LinkObjective obj = new LinkObjective(LinkObjective.Kind.SOFTMAX, 1, 0, n, new Adjacency(new int[0]),
        LinkObjective.unigram(edges, n, 0.75), 10);
    // an edge (u, v) whose u is a leaf and v the root; with no training adjacency only w = u is rejected
    int leaf = n - 1;
    int[] example = {leaf, 0};
    int draws = 200_000;
    int[] during = new int[n], after = new int[n];
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < draws; i++) {
      during[obj.nodes(example, 0, rng, 9)[2]]++;
      after[obj.nodes(example, 0, rng, 10)[2]]++;
    }
    double z = 0;
    for (int i = 0; i < n; i++) z += Math.pow(count[i], 0.75);
    for (int i = 0; i < n; i++) {
      if (count[i] == 0) {
        assertEquals(0, during[i], "leaf " + i + " drawn during burn-in");
      } else {
        double p = Math.pow(count[i], 0.75) / z;
        assertTrue(Math.abs(during[i] - draws * p) < 5 * Math.sqrt(draws * p * (1 - p)), "node " + i + " during burn-in: " + during[i]);
      }
      // after burn-in: uniform over the other n − 1 nodes (u itself is redrawn)
      if (i == leaf) {
        assertEquals(0, after[i], "u drawn as its own negative");
      } else {
        double p = 1.0 / (n - 1);
        assertTrue(Math.abs(after[i] - draws * p) < 5 * Math.sqrt(draws * p * (1 - p)), "node " + i + " after burn-in: " + after[i]);
      }
    }
  }
}
