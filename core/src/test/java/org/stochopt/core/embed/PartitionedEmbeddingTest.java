package org.stochopt.core.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stochopt.core.runtime.LocalPartitionRunner;

/**
 * The three layouts of a step (sparse rows through the driver, rows sharded by node id, the naive
 * dense loop) give the same table bit for bit, for any thread count; training reconstructs a tree,
 * and hyperbolic beats Euclidean at dimension 2.
 */
class PartitionedEmbeddingTest {
  static PartitionedEmbedding embedding(EmbeddingGraph g, Manifold m, EmbeddingSettings s, Aggregation a, int partitions,
      int threads, EmbeddingObjective obj, int[] tuples) {
    LocalPartitionRunner<TupleBlock> runner = LocalPartitionRunner.generate(partitions,
        PartitionedEmbedding.source(tuples, obj.arity(), partitions, a == Aggregation.SHARDED, m, g.nodes(), s), threads);
    return new PartitionedEmbedding(runner, obj, m, g.nodes(), s, a);
  }

  static double[] train(EmbeddingGraph g, Manifold m, EmbeddingSettings s, Aggregation a, int partitions, int threads, long steps) {
    LinkObjective obj = new LinkObjective(LinkObjective.Kind.SOFTMAX, 5, 0, g.nodes(), new Adjacency(g.closure()));
    try (PartitionedEmbedding e = embedding(g, m, s, a, partitions, threads, obj, g.closure())) {
      EmbeddingState st = e.init();
      for (long t = 0; t < steps; t++) e.step(st);
      return e.table(st).clone();
    }
  }

  @Test
  void sparseShardedAndDenseStepsGiveTheSameBits() {
    EmbeddingGraph g = EmbeddingGraph.tree(3, 3);
    for (Manifold m : new Manifold[] {new PoincareBall(), new LorentzModel(), new EuclideanSpace(true)}) {
      EmbeddingSettings s = new EmbeddingSettings(3, 17, 0.3, 5, 3.0, 1e-3, 42);
      double[] sparse = train(g, m, s, Aggregation.SPARSE, 3, 1, 40);
      assertArrayEquals(sparse, train(g, m, s, Aggregation.SHARDED, 3, 2, 40), m.name() + " sharded");
      assertArrayEquals(sparse, train(g, m, s, Aggregation.DENSE, 3, 2, 40), m.name() + " dense");
      assertArrayEquals(sparse, train(g, m, s, Aggregation.SPARSE, 3, 3, 40), m.name() + " threads");
      for (int i = 0; i < g.nodes(); i++) assertTrue(m.contains(sparse, i * m.ambientDim(3), m.ambientDim(3), 1e-9));
    }
  }

  @Test
  void shardedStepsReportTheSameLossAndTheShardedEvaluationEqualsTheDrivers() {
    EmbeddingGraph g = EmbeddingGraph.tree(3, 4); // 121 nodes
    EdgeSplit split = EdgeSplit.of(g.closure(), 0.2, 1.0, 5);
    int[] train = split.train();
    int[] quads = OrdinalComparisons.draw(g, 300, false, 5, 1);
    for (Manifold m : new Manifold[] {new PoincareBall(), new LorentzModel(), new EuclideanSpace(true)}) {
      EmbeddingSettings s = new EmbeddingSettings(2, 23, 0.3, 3, 0, 1e-3, 9);
      LinkObjective obj = new LinkObjective(LinkObjective.Kind.SOFTMAX, 5, 0, g.nodes(), new Adjacency(train));
      try (PartitionedEmbedding sparse = embedding(g, m, s, Aggregation.SPARSE, 3, 1, obj, train);
          PartitionedEmbedding sharded = embedding(g, m, s, Aggregation.SHARDED, 3, 2, obj, train)) {
        EmbeddingState a = sparse.init(), b = sharded.init();
        for (int t = 0; t < 60; t++) {
          sparse.step(a);
          sharded.step(b);
        }
        assertEquals(a.takeMeanLoss(), b.takeMeanLoss(), 0, m.name() + " loss");
        double[] table = sparse.table(a);
        assertArrayEquals(table, sharded.table(b), m.name());
        int w = m.ambientDim(2);
        int[] held = split.testAmongSeen(g.nodes());
        Adjacency full = new Adjacency(g.closure());
        int[] seen = split.seenNodes(g.nodes());
        for (int sample : new int[] {0, 17}) {
          int[] us = EmbeddingMetrics.evaluatedNodes(g.ancestorLists(), sample, 3);
          EmbeddingMetrics.Summary got = sharded.evaluateSharded(new ShardedEvaluation.Plan(g.ancestorLists(), us,
              EmbeddingMetrics.linkTriples(held, full, seen, 10, 3), quads));
          EmbeddingMetrics.Reconstruction r = EmbeddingMetrics.reconstruction(m, table, w, g.ancestorLists(), sample, 3);
          String what = m.name() + " sample " + sample;
          assertEquals(r.meanRank(), got.meanRank(), 0, what + " mean rank");
          assertEquals(r.map(), got.map(), 1e-12, what + " MAP");
          assertEquals(EmbeddingMetrics.linkError(m, table, w, held, full, seen, 10, 3), got.linkError(), 0, what + " link");
          assertEquals(EmbeddingMetrics.ordinalAccuracy(m, table, w, quads), got.ordinalAccuracy(), 0, what + " ordinal");
          double[] radius = EmbeddingMetrics.radius(m, table, w);
          assertEquals(radius[0], got.maxRadius(), 0, what);
          assertEquals(radius[1], got.meanRadius(), 1e-12, what);
          assertTrue(got.meanRank() > 1 && got.linkError() > 0 && got.ordinalAccuracy() > 0, what + " " + got);
        }
      }
    }
  }

  @Test
  void hyperbolicReconstructsATreeBetterThanEuclideanInTwoDimensions() {
    EmbeddingGraph g = EmbeddingGraph.tree(4, 3); // 85 nodes
    double[] rank = new double[3];
    Manifold[] ms = {new PoincareBall(), new LorentzModel(), new EuclideanSpace(false)};
    for (int k = 0; k < ms.length; k++) {
      // Euclidean needs a smaller step: the pull of a squared distance grows with the distance.
      EmbeddingSettings s = new EmbeddingSettings(2, 20, k < 2 ? 0.5 : 0.02, 50, 0, 1e-3, 7);
      double[] table = train(g, ms[k], s, Aggregation.SPARSE, 2, 1, 1500);
      EmbeddingMetrics.Reconstruction r = EmbeddingMetrics.reconstruction(ms[k], table, ms[k].ambientDim(2), g.ancestorLists(), 0, 1);
      rank[k] = r.meanRank();
    }
    System.out.println("mean ranks poincare/lorentz/euclidean " + java.util.Arrays.toString(rank));
    assertTrue(rank[0] < 4 && rank[1] < 4, "hyperbolic mean ranks " + rank[0] + ", " + rank[1]);
    assertTrue(rank[2] > rank[0] && rank[2] > rank[1], "euclidean " + rank[2] + " vs hyperbolic " + rank[0] + ", " + rank[1]);
  }

  @Test
  void reconstructionMetricsOfAPerfectAndAReversedRanking() {
    // Nodes on a line, node 0 the root: ancestors of i are 0..i−1 — with 1-D Euclidean positions
    // equal to the depth, u's nearest nodes are its parent and its child (a non-ancestor).
    EmbeddingGraph g = EmbeddingGraph.fromDirect("chain", new String[] {"a", "b", "c"}, new int[] {1, 0, 2, 1});
    Manifold m = new EuclideanSpace(false);
    double[] table = {0, 1, 2};
    EmbeddingMetrics.Reconstruction r = EmbeddingMetrics.reconstruction(m, table, 1, g.ancestorLists(), 0, 1);
    // Node 1: ancestor 0 at distance 1, non-ancestor 2 at distance 1 (tie: not above) → rank 1, AP 1.
    // Node 2: ancestors 1 (d=1) and 0 (d=2), no non-ancestor → ranks 1, 1, AP 1.
    assertEquals(1.0, r.meanRank(), 0);
    assertEquals(1.0, r.map(), 0);
    double[] bad = {0, 5, 1}; // node 1 nearer to 2 than to 0
    EmbeddingMetrics.Reconstruction b = EmbeddingMetrics.reconstruction(m, bad, 1, g.ancestorLists(), 0, 1);
    assertEquals((2 + 1 + 1) / 3.0, b.meanRank(), 1e-15);
    assertEquals((0.5 + 1.0) / 2, b.map(), 1e-15);
  }

  @Test
  void badGraphsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> EmbeddingGraph.fromDirect("g", new String[] {"a", "b"}, new int[] {0, 0}));
    assertThrows(IllegalArgumentException.class, () -> EmbeddingGraph.fromDirect("g", new String[] {"a", "b"}, new int[] {0, 2}));
    assertThrows(IllegalArgumentException.class, () -> EmbeddingGraph.fromDirect("g", new String[0], new int[0]));
    assertThrows(IllegalArgumentException.class, () -> EmbeddingGraph.fromDirect("g", new String[] {"a", "b"}, new int[] {0, 1, 1, 0}));
    assertThrows(IllegalArgumentException.class, () -> new EmbeddingSettings(0, 10, 0.1, 0, 0, 1e-3, 1));
    EmbeddingGraph lone = EmbeddingGraph.fromDirect("lone", new String[] {"a"}, new int[0]);
    assertThrows(IllegalArgumentException.class, () -> train(lone, new PoincareBall(), new EmbeddingSettings(2, 10, 0.1, 0, 0, 1e-3, 1),
        Aggregation.SPARSE, 2, 1, 1));
  }

  @Test
  void treeGeneratorAndClosure() {
    EmbeddingGraph g = EmbeddingGraph.tree(2, 3);
    assertEquals(15, g.nodes());
    assertEquals(14, g.direct().length / 2);
    assertEquals(2 * 1 + 4 * 2 + 8 * 3, g.closureEdges()); // each node links to all its ancestors
  }

  @Test
  void gridGeneratorHasTheLatticeEdgesOnce() {
    EmbeddingGraph g = EmbeddingGraph.grid(3);
    assertEquals(9, g.nodes());
    assertEquals(12, g.closureEdges()); // 2 · 3 · 2
    assertArrayEquals(new int[] {0, 1, 0, 3, 1, 2, 1, 4, 2, 5, 3, 4, 3, 6, 4, 5, 4, 7, 5, 8, 6, 7, 7, 8}, g.closure());
    assertEquals("g1_2", g.names()[5]);
    assertThrows(IllegalArgumentException.class, () -> EmbeddingGraph.grid(1));
  }

  @Test
  void ordinalEmbeddingLearnsTreeComparisons() {
    EmbeddingGraph g = EmbeddingGraph.tree(3, 3);
    int[] train = OrdinalComparisons.draw(g, 3000, false, 5, 0);
    int[] test = OrdinalComparisons.draw(g, 1000, false, 5, 1);
    Manifold m = new LorentzModel();
    EmbeddingSettings s = new EmbeddingSettings(2, 32, 0.05, 0, 0, 1e-2, 3);
    OrdinalObjective obj = new OrdinalObjective(0.1);
    try (PartitionedEmbedding e = embedding(g, m, s, Aggregation.SPARSE, 2, 1, obj, train)) {
      EmbeddingState st = e.init();
      double before = EmbeddingMetrics.ordinalAccuracy(m, e.table(st), 3, test);
      for (int t = 0; t < 1500; t++) e.step(st);
      double after = EmbeddingMetrics.ordinalAccuracy(m, e.table(st), 3, test);
      assertTrue(after > 0.85 && after > before + 0.2, "held-out ordinal accuracy " + before + " → " + after);
    }
  }
}
