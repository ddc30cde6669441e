package org.stochopt.spark.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.core.embed.EmbeddingGraph;
import org.stochopt.core.embed.EmbeddingRecord;
import org.stochopt.spark.SparkTestSession;

/**
 * The same embedding run in-process and on local[2] gives the same table bit for bit and the same
 * trace, for driver-held rows (sparse), rows sharded by node id, and the dense ablation.
 */
class EmbeddingOnSparkTest {
  private static JavaSparkContext sc;
  private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

  @BeforeAll
  static void start() {
    sc = SparkTestSession.start();
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  static EmbeddingConfig config(String geometry, String task, String aggregation, String master, Path out) {
    return new EmbeddingConfig("tree:branching=3,depth=3", task, geometry, null, 2, "softmax", 5, 1.0, 16, 0.3, 1, 6,
        4.0, aggregation, 0.2, 1, 600, false, 0.1, 2, 0, 11, master, 3, out, 0, 1e-3, "uniform");
  }

  @Test
  void inProcessAndSparkAgreeBitForBit(@TempDir Path dir) throws Exception {
    EmbeddingGraph g = EmbeddingGraph.tree(3, 3);
    String[][] cases = {{"poincare", "link", "sparse"}, {"lorentz", "link", "sharded"}, {"euclidean", "ordinal", "sparse"},
        {"poincare", "link", "dense"}, {"euclidean", "ordinal", "sharded"}};
    for (String[] c : cases) {
      EmbeddingTrainJob job = new EmbeddingTrainJob(QUIET);
      EmbeddingTrainJob.Outcome local = job.train(config(c[0], c[1], c[2], EmbeddingConfig.IN_PROCESS, dir.resolve("a")), g, null);
      EmbeddingTrainJob.Outcome spark = job.train(config(c[0], c[1], c[2], "local[2]", dir.resolve("b")), g, sc);
      String what = String.join(" ", c);
      if (c[2].equals("sharded")) {
        // The sharded table never reaches the driver: compare what the shards wrote (exact decimals).
        assertTrue(local.table() == null && spark.table() == null, what);
        assertEquals(Files.readString(dir.resolve("a/embedding.tsv")), Files.readString(dir.resolve("b/embedding.tsv")), what);
      } else {
        assertArrayEquals(local.table(), spark.table(), what);
      }
      assertEquals(local.result().trace().size(), spark.result().trace().size(), what);
      for (int i = 0; i < local.result().trace().size(); i++) {
        EmbeddingRecord a = local.result().trace().get(i), b = spark.result().trace().get(i);
        assertEquals(a.trainLoss(), b.trainLoss(), 0, what);
        assertEquals(a.meanRank(), b.meanRank(), 0, what);
        assertEquals(a.linkError(), b.linkError(), 0, what);
        assertEquals(a.ordinalAccuracy(), b.ordinalAccuracy(), 0, what);
      }
      assertTrue(spark.result().spent().rounds() > 0);
    }
  }

  @Test
  void shardedRunOnSparkMatchesTheDriverHeldRunAndWritesTheSameRows(@TempDir Path dir) throws Exception {
    EmbeddingGraph g = EmbeddingGraph.tree(3, 3);
    for (String[] c : new String[][] {{"lorentz", "link"}, {"poincare", "ordinal"}}) {
      EmbeddingTrainJob job = new EmbeddingTrainJob(QUIET);
      EmbeddingTrainJob.Outcome sparse = job.train(config(c[0], c[1], "sparse", EmbeddingConfig.IN_PROCESS, dir.resolve("s")), g, null);
      EmbeddingTrainJob.Outcome sharded = job.train(config(c[0], c[1], "sharded", "local[2]", dir.resolve("h")), g, sc);
      String what = String.join(" ", c);
      assertEquals(sorted(dir.resolve("s/embedding.tsv")), sorted(dir.resolve("h/embedding.tsv")), what);
      assertEquals(sparse.result().trace().size(), sharded.result().trace().size(), what);
      for (int i = 0; i < sparse.result().trace().size(); i++) {
        EmbeddingRecord a = sparse.result().trace().get(i), b = sharded.result().trace().get(i);
        assertEquals(a.trainLoss(), b.trainLoss(), 0, what);
        assertEquals(a.meanRank(), b.meanRank(), 0, what); // counts: exact
        assertEquals(a.map(), b.map(), 1e-12, what); // a sum of fractions in another order
        assertEquals(a.linkError(), b.linkError(), 0, what);
        assertEquals(a.ordinalAccuracy(), b.ordinalAccuracy(), 0, what);
        assertEquals(a.maxRadius(), b.maxRadius(), 0, what);
      }
    }
  }

  private static java.util.List<String> sorted(Path file) throws java.io.IOException {
    return Files.readAllLines(file).stream().sorted().toList();
  }
}
