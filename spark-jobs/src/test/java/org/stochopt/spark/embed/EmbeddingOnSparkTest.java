package org.stochopt.spark.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
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
        {"poincare", "link", "dense"}};
    for (String[] c : cases) {
      EmbeddingTrainJob job = new EmbeddingTrainJob(QUIET);
      EmbeddingTrainJob.Outcome local = job.train(config(c[0], c[1], c[2], EmbeddingConfig.IN_PROCESS, dir.resolve("a")), g, null);
      EmbeddingTrainJob.Outcome spark = job.train(config(c[0], c[1], c[2], "local[2]", dir.resolve("b")), g, sc);
      String what = String.join(" ", c);
      assertArrayEquals(local.table(), spark.table(), what);
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
}
