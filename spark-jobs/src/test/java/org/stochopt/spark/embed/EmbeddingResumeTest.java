package org.stochopt.spark.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.core.embed.EmbeddingCheckpoint;
import org.stochopt.core.embed.EmbeddingGraph;
import org.stochopt.core.embed.EmbeddingRecord;

/**
 * A run stopped after 3 of 6 epochs and resumed from its last checkpoint (epoch 2: checkpoints are
 * never taken after the last step) ends with the uninterrupted run's table and trace, bit for bit,
 * for the driver-held table (sparse, dense) and the sharded one (whose shards are saved one file
 * each); a checkpoint of another run, or none, is refused with one line.
 */
class EmbeddingResumeTest {
  private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

  static EmbeddingConfig config(String aggregation, double epochs, long seed, Path out) {
    return new EmbeddingConfig("tree:branching=3,depth=3", "link", "poincare", null, 2, "softmax", 5, 1.0, 16, 0.3, 1, epochs,
        0, aggregation, 0.2, 1, 600, false, 0.1, 2, 0, seed, EmbeddingConfig.IN_PROCESS, 3, out, 0, 1e-3, "uniform");
  }

  @Test
  void aResumedRunEqualsTheUninterruptedRunBitForBit(@TempDir Path dir) throws Exception {
    EmbeddingGraph g = EmbeddingGraph.tree(3, 3);
    EmbeddingTrainJob.Checkpoints every = new EmbeddingTrainJob.Checkpoints(1, false);
    for (String agg : new String[] {"sparse", "sharded", "dense"}) {
      Path full = dir.resolve(agg + "-full"), cut = dir.resolve(agg + "-cut");
      EmbeddingTrainJob job = new EmbeddingTrainJob(QUIET);
      EmbeddingTrainJob.Outcome a = job.train(config(agg, 6, 11, full), g, null, every);
      job.train(config(agg, 3, 11, cut), g, null, every);
      assertTrue(Files.exists(cut.resolve(EmbeddingCheckpoint.FILE)), agg);
      if (agg.equals("sharded")) {
        try (var files = Files.list(cut)) {
          assertEquals(3, files.filter(f -> f.getFileName().toString().startsWith("shard-")).count(), "one file per shard, one step only");
        }
      }
      EmbeddingTrainJob.Outcome b = job.train(config(agg, 6, 11, cut), g, null, new EmbeddingTrainJob.Checkpoints(1, true));
      assertEquals(Files.readString(full.resolve("embedding.tsv")), Files.readString(cut.resolve("embedding.tsv")), agg);
      List<EmbeddingRecord> ta = a.result().trace(), tb = b.result().trace();
      assertEquals(ta.size(), tb.size(), agg);
      assertTrue(ta.size() >= 4, agg + ": evaluations before and after the cut");
      for (int i = 0; i < ta.size(); i++) {
        EmbeddingRecord x = ta.get(i), y = tb.get(i);
        String what = agg + " point " + i;
        assertEquals(x.step(), y.step(), what);
        assertEquals(x.rounds(), y.rounds(), what);
        assertEquals(x.epochs(), y.epochs(), 0, what);
        assertEquals(x.trainLoss(), y.trainLoss(), 0, what);
        assertEquals(x.meanRank(), y.meanRank(), 0, what);
        assertEquals(x.map(), y.map(), 0, what);
        assertEquals(x.linkError(), y.linkError(), 0, what);
        assertEquals(x.maxRadius(), y.maxRadius(), 0, what);
        assertEquals(x.meanRadius(), y.meanRadius(), 0, what);
      }
      assertEquals(a.result().steps(), b.result().steps(), agg);
    }
  }

  @Test
  void anotherRunsCheckpointOrNoneIsRefusedWithOneLine(@TempDir Path dir) throws Exception {
    EmbeddingGraph g = EmbeddingGraph.tree(3, 3);
    EmbeddingTrainJob job = new EmbeddingTrainJob(QUIET);
    EmbeddingTrainJob.Checkpoints resume = new EmbeddingTrainJob.Checkpoints(0, true);
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> job.train(config("sparse", 6, 11, dir.resolve("empty")), g, null, resume));
    assertTrue(none.getMessage().startsWith("no checkpoint to resume at "), none.getMessage());
    job.train(config("sparse", 3, 11, dir.resolve("run")), g, null, new EmbeddingTrainJob.Checkpoints(1, false));
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> job.train(config("sparse", 6, 12, dir.resolve("run")), g, null, resume));
    assertTrue(other.getMessage().contains("different run") && other.getMessage().contains("seed=11") && !other.getMessage().contains("\n"),
        other.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new EmbeddingTrainJob.Checkpoints(-1, false));
  }
}
