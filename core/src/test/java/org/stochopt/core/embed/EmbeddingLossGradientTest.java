package org.stochopt.core.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The example losses' Euclidean row gradients (what the executors return) against central
 * differences of the loss in every row coordinate, for repeated nodes too (a negative equal to
 * the positive), on every geometry; and the losses against their formulas at one point.
 */
class EmbeddingLossGradientTest {
  @Test
  void linkLossGradientsMatchCentralDifferences() {
    SplittableRandom rng = new SplittableRandom(3);
    for (String geometry : new String[] {"euclidean", "euclidean-dot", "poincare", "lorentz"}) {
      Manifold m = geometry.equals("euclidean-dot") ? Manifold.parse("euclidean", "dot") : Manifold.parse(geometry, null);
      for (LinkObjective.Kind kind : LinkObjective.Kind.values()) {
        LinkObjective obj = new LinkObjective(kind, 4, 1.5, 10, new Adjacency(new int[0]));
        check(m, obj, new int[] {0, 1, 2, 3, 1, 4}, rng, geometry + " " + kind);
      }
    }
  }

  @Test
  void ordinalHingeGradientsMatchCentralDifferences() {
    SplittableRandom rng = new SplittableRandom(5);
    for (String geometry : new String[] {"euclidean", "poincare", "lorentz"}) {
      Manifold m = Manifold.parse(geometry, null);
      OrdinalObjective obj = new OrdinalObjective(5.0); // margin large enough that the hinge is active
      check(m, obj, new int[] {0, 1, 2, 3}, rng, geometry + " quadruplet");
      check(m, obj, new int[] {0, 1, 0, 2}, rng, geometry + " triplet");
    }
  }

  private static void check(Manifold m, EmbeddingObjective obj, int[] nodes, SplittableRandom rng, String what) {
    int d = 3, w = m.ambientDim(d), rowsN = 5;
    double[] rows = new double[rowsN * w];
    for (int r = 0; r < rowsN; r++) {
      double[] p = ManifoldGeometryTest.point(m, rng, d, 0.7);
      System.arraycopy(p, 0, rows, r * w, w);
    }
    int[] slots = nodes.clone(); // rows are indexed by node id here
    double[] g = new double[rows.length];
    double loss = obj.lossAndGradient(m, rows, slots, w, g);
    assertTrue(loss > 0, what + " loss " + loss);
    for (int i = 0; i < rows.length; i++) {
      double h = 1e-6;
      double[] up = rows.clone(), down = rows.clone();
      up[i] += h;
      down[i] -= h;
      double fd = (obj.lossAndGradient(m, up, slots, w, new double[rows.length])
          - obj.lossAndGradient(m, down, slots, w, new double[rows.length])) / (2 * h);
      assertEquals(fd, g[i], 1e-5 * Math.max(1, Math.abs(fd)), what + " coordinate " + i);
    }
  }

  @Test
  void lossesMatchTheirFormulas() {
    Manifold m = new EuclideanSpace(true);
    double[] rows = {1, 0, 0.5, 0, 0, 2};
    int[] slots = {0, 1, 2};
    double s0 = 0.5, s1 = 0; // ⟨u, v⟩ and ⟨u, v′⟩
    double softmax = new LinkObjective(LinkObjective.Kind.SOFTMAX, 1, 0, 3, new Adjacency(new int[0]))
        .lossAndGradient(m, rows, slots, 2, new double[6]);
    assertEquals(Math.log(Math.exp(s0) + Math.exp(s1)) - s0, softmax, 1e-15);
    double b = 0.3;
    double logistic = new LinkObjective(LinkObjective.Kind.LOGISTIC, 1, b, 3, new Adjacency(new int[0]))
        .lossAndGradient(m, rows, slots, 2, new double[6]);
    assertEquals(-Math.log(1 / (1 + Math.exp(-(s0 + b)))) - Math.log(1 / (1 + Math.exp(s1 + b))), logistic, 1e-15);
  }

  @Test
  void negativesAvoidTrainingNeighbours() {
    int[] edges = {0, 1, 0, 2, 0, 3};
    LinkObjective obj = new LinkObjective(LinkObjective.Kind.SOFTMAX, 50, 0, 6, new Adjacency(edges));
    int[] nodes = obj.nodes(edges, 0, new SplittableRandom(1));
    assertEquals(0, nodes[0]);
    assertEquals(1, nodes[1]);
    for (int j = 2; j < nodes.length; j++) assertTrue(nodes[j] == 4 || nodes[j] == 5 || nodes[j] == 1, "negative " + nodes[j]);
  }
}
