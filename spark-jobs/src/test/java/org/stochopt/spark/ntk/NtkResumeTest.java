package org.stochopt.spark.ntk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.core.ntk.NtkRecord;
import org.stochopt.spark.ResumeChecks;
import org.stochopt.spark.SparkTestSession;
import org.stochopt.spark.runtime.ShardedCheckpoint;

/**
 * A run stopped and resumed from its last checkpoint follows the uninterrupted run bit for bit
 * (every trace column but the seconds, and the final predictions), in-process and when the
 * in-process checkpoint is resumed on Spark (local[2], same blocks); checkpoints of another run,
 * a fresh run into a folder holding one, and damaged blocks are refused with one line.
 */
class NtkResumeTest {
  private static final String DATA = "ntk-sphere:d=3,target=teacher,noise=0.1,n=1200,test=200,seed=2";
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = SparkTestSession.start();
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  private static NtkConfig config(Path out, long steps, double step, ShardedCheckpoint.Settings checkpoint) {
    return new NtkConfig(DATA, null, "swish:10", 120, 1, 1, "both", step, 0.01, Double.NaN, Double.NaN, 4, steps, 50, false,
        false, 5, NtkConfig.IN_PROCESS, 3, out, 0, 50, null, checkpoint);
  }

  private static NtkTrainJob.Outcome run(NtkConfig c, JavaSparkContext on) throws IOException {
    NtkData data = NtkData.load(c.data(), c.steps() * c.batchSize(), c.outputScale(), c.biasScale(), c.inputScaling());
    return new NtkTrainJob(QUIET).train(c, data, on);
  }

  private static ShardedCheckpoint.Settings every(Path dir, long k, boolean resume) {
    return new ShardedCheckpoint.Settings(k, dir.resolve("checkpoint").toUri().toString(), resume);
  }


  @Test
  void resumedRunEqualsTheUninterruptedOneInProcessAndOnSpark(@TempDir Path dir) throws IOException {
    NtkTrainJob.Outcome whole = run(config(dir.resolve("whole"), 300, 0.04, ShardedCheckpoint.Settings.none()), null);

    Path part = dir.resolve("part");
    NtkTrainJob.Outcome first = run(config(part, 170, 0.04, every(part, 60, false)), null);
    assertEquals(170, first.steps());
    try (Stream<Path> files = Files.list(part.resolve("checkpoint"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
      assertEquals(List.of("step-000000000120", "step-000000000120.manifest"), names, "only the newest step is kept");
    }
    Path copy = dir.resolve("copy");
    ResumeChecks.copyTree(part, copy);

    NtkTrainJob.Outcome resumed = run(config(part, 300, 0.04, every(part, 60, true)), null);
    assertEquals(ResumeChecks.withoutSeconds(whole.trace(), NtkRecord::toCsv), ResumeChecks.withoutSeconds(resumed.trace(), NtkRecord::toCsv));
    assertArrayEquals(whole.testPredictions(), resumed.testPredictions());

    // the same checkpoint, written in-process, continued on Spark: the blocks are read where they will live
    NtkTrainJob.Outcome onSpark = run(config(copy, 300, 0.04, every(copy, 60, true)), sc);
    assertEquals(ResumeChecks.withoutSeconds(whole.trace(), NtkRecord::toCsv), ResumeChecks.withoutSeconds(onSpark.trace(), NtkRecord::toCsv));
    assertArrayEquals(whole.testPredictions(), onSpark.testPredictions());
  }

  @Test
  void checkpointsOfAnotherRunAndStaleFoldersAreRefused(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("run");
    run(config(out, 100, 0.04, every(out, 40, false)), null);

    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> run(config(out, 200, 0.03, every(out, 40, true)), null));
    assertTrue(other.getMessage().contains("step=0.04 in the checkpoint, step=0.03 now"), other.getMessage());

    IllegalArgumentException fresh = assertThrows(IllegalArgumentException.class,
        () -> run(config(out, 200, 0.04, every(out, 40, false)), null));
    assertTrue(fresh.getMessage().contains("give --resume to continue it"), fresh.getMessage());

    IllegalArgumentException done = assertThrows(IllegalArgumentException.class,
        () -> run(config(out, 80, 0.04, every(out, 40, true)), null));
    assertTrue(done.getMessage().contains("the checkpoint is at step 80"), done.getMessage());

    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> run(config(dir.resolve("empty"), 200, 0.04, every(dir.resolve("empty"), 40, true)), null));
    assertTrue(none.getMessage().startsWith("no checkpoint to resume"), none.getMessage());

    Path block = out.resolve("checkpoint").resolve("step-000000000080").resolve("block-00001.bin");
    byte[] bytes = Files.readAllBytes(block);
    bytes[bytes.length - 3] ^= 1;
    Files.write(block, bytes);
    Files.deleteIfExists(block.resolveSibling(".block-00001.bin.crc")); // Hadoop's local checksum would catch it first
    IllegalArgumentException damaged = assertThrows(IllegalArgumentException.class,
        () -> run(config(out, 200, 0.04, every(out, 40, true)), null));
    assertTrue(damaged.getMessage().contains("checksum mismatch"), damaged.getMessage());
  }

}
