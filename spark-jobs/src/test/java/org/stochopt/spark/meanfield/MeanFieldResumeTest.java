package org.stochopt.spark.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.core.meanfield.MeanFieldRecord;
import org.stochopt.spark.ResumeChecks;
import org.stochopt.spark.SparkTestSession;
import org.stochopt.spark.runtime.ShardedCheckpoint;

/**
 * Mean-field runs stopped and resumed from their last checkpoint follow the uninterrupted run bit
 * for bit (every trace column but the seconds): MFLD on minibatches with a decaying step (its
 * blocks keep the next batch's activations, which a resume makes again) and PDA (dual sums on the
 * driver), in-process and with the in-process checkpoint continued on Spark (local[2]).
 */
class MeanFieldResumeTest {
  private static final String DATA = "teacher:n=150,d=3,m=2,noise=0.1,test=50,seed=2";
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

  private static MeanFieldConfig config(String method, Path out, long steps, ShardedCheckpoint.Settings checkpoint) {
    boolean mfld = method.equals("mfld");
    return new MeanFieldConfig(DATA, null, "tanh", method, 60, 3, 1e-3, 1e-3, mfld ? 0.5 : 0.2, mfld ? 16 : 0, 4, steps, 5, false,
        40, 16, 3, MeanFieldConfig.IN_PROCESS, out, 0, 50, null, mfld ? 0.5 : 0.0, checkpoint);
  }

  private static List<MeanFieldRecord> run(MeanFieldConfig c, JavaSparkContext on) throws IOException {
    return new MeanFieldTrainJob(QUIET).train(c, MeanFieldData.load(c.data(), c.inputScaling()), on).run().trace();
  }

  /** A simulated crash: the run dies when it logs its evaluation at {@code step}. */
  private static final class Crash extends RuntimeException {
    Crash() {
      super("simulated crash");
    }
  }

  private static void runAndCrashAt(long step, MeanFieldConfig c) throws IOException {
    String marker = String.format(java.util.Locale.ROOT, "step %6d ", step);
    PrintStream crashing = new PrintStream(OutputStream.nullOutputStream()) {
      @Override
      public void println(String line) {
        if (line.contains(marker)) throw new Crash();
      }
    };
    MeanFieldData data = MeanFieldData.load(c.data(), c.inputScaling());
    assertThrows(Crash.class, () -> new MeanFieldTrainJob(crashing).train(c, data, null));
  }

  private static ShardedCheckpoint.Settings every(Path dir, long k, boolean resume) {
    return new ShardedCheckpoint.Settings(k, dir.resolve("checkpoint").toUri().toString(), resume);
  }


  @Test
  void mfldAndPdaResumeBitForBitInProcessAndOnSpark(@TempDir Path dir) throws IOException {
    for (String method : List.of("mfld", "pda")) {
      long steps = method.equals("mfld") ? 40 : 20;
      long every = method.equals("mfld") ? 10 : 6;
      List<MeanFieldRecord> whole = run(config(method, dir.resolve(method + "-whole"), steps, ShardedCheckpoint.Settings.none()), null);

      // the first run dies between two checkpoints: the newest one is taken
      Path part = dir.resolve(method + "-part");
      runAndCrashAt(method.equals("mfld") ? 25 : 15, config(method, part, steps, every(part, every, false)));
      Path copy = dir.resolve(method + "-copy");
      ResumeChecks.copyTree(part, copy);

      List<MeanFieldRecord> resumed = run(config(method, part, steps, every(part, every, true)), null);
      assertEquals(ResumeChecks.withoutSeconds(whole, MeanFieldRecord::toCsv), ResumeChecks.withoutSeconds(resumed, MeanFieldRecord::toCsv), method);

      List<MeanFieldRecord> onSpark = run(config(method, copy, steps, every(copy, every, true)), sc);
      assertEquals(ResumeChecks.withoutSeconds(whole, MeanFieldRecord::toCsv), ResumeChecks.withoutSeconds(onSpark, MeanFieldRecord::toCsv), method + " resumed on Spark");
    }
  }

  @Test
  void aDecayingStepTiesTheCheckpointToItsNumberOfSteps(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("run");
    runAndCrashAt(30, config("mfld", out, 60, every(out, 20, false)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> run(config("mfld", out, 90, every(out, 20, true)), null));
    assertTrue(e.getMessage().contains("steps=60 in the checkpoint, steps=90 now"), e.getMessage());
  }

}
