package org.stochopt.spark.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.cli.StochoptMain;
import org.stochopt.core.io.SealedFile;

/**
 * Issue 20 on the sweep side: one sweep per output folder (the same lock as train), sealed cell
 * files that are named and re-run when damaged, and NaN or non-integer config values refused.
 */
class SweepOwnershipTest {
  private static final String CONFIG = String.join("\n",
      "name: own-test",
      "data: synthetic:n=400,d=5,seed=4",
      "regularizer: l2:1e-2",
      "methods: [svrg]",
      "batch_sizes: [4, 32]",
      "target: 1e-4",
      "max_passes: 60",
      "master: in-process",
      "partitions: 2",
      "noise_scale: {small_batch: 4, pairs: 8}",
      "");

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  /**
   * Sweep A is held inside its first cell while sweep B starts on the same folder: B exits 2 with
   * one line naming A; A then finishes with every cell and an intact report.
   */
  @Test
  void twoConcurrentSweepsOnOneFolderGiveOneResultAndOneMessage(@TempDir Path dir) throws Exception {
    Path cfg = Files.writeString(dir.resolve("own.yaml"), CONFIG);
    Path out = dir.resolve("sweep");
    Path cache = dir.resolve("cache");
    SweepConfig c = SweepConfigReader.read(cfg);
    CountDownLatch insideA = new CountDownLatch(1);
    CountDownLatch releaseA = new CountDownLatch(1);
    SweepJob.Listener holdFirstCell = new SweepJob.Listener() {
      @Override
      public void cellProgress(Cell cell, org.stochopt.core.trace.TraceRecord record) {
        insideA.countDown();
        try {
          releaseA.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    CompletableFuture<SweepJob.Outcome> a = CompletableFuture.supplyAsync(() -> {
      try {
        return new SweepJob(quiet()).run(c, new SweepJob.Options(out, cache, 0, holdFirstCell));
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    assertTrue(insideA.await(60, TimeUnit.SECONDS), "sweep A started its first cell");
    StringWriter err = new StringWriter();
    int code = StochoptMain.execute(new PrintWriter(err, true), "sweep", "--config", cfg.toString(), "--out", out.toString(),
        "--cache-dir", cache.toString());
    releaseA.countDown();
    assertEquals(StochoptMain.USER_ERROR, code, err.toString());
    assertEquals(1, err.toString().trim().lines().count(), err.toString());
    assertTrue(err.toString().contains("is in use by another stochopt run (stochopt sweep own-test"), err.toString());
    SweepJob.Outcome done = a.get(120, TimeUnit.SECONDS);
    assertTrue(done.complete());
    assertEquals(3, Files.readAllLines(out.resolve("cells.csv")).size(), "header + 2 cells");
    assertTrue(Files.exists(out.resolve("report.md")));
  }

  @Test
  void aDamagedCellFileIsNamedAndTheCellRunsAgain(@TempDir Path dir) throws Exception {
    SweepConfig c = SweepConfigReader.parse(CONFIG, "own.yaml", true);
    Path out = dir.resolve("sweep");
    Path cache = dir.resolve("cache");
    SweepJob.Outcome first = new SweepJob(quiet()).run(c, new SweepJob.Options(out, cache, 0, null));
    List<String> csv = Files.readAllLines(out.resolve("cells.csv"));
    Path cellFile;
    try (var s = Files.list(out.resolve("cells"))) {
      cellFile = s.filter(p -> p.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
    }
    byte[] b = Files.readAllBytes(cellFile);
    b[b.length / 2] ^= 0x02;
    Files.write(cellFile, b);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SweepJob.Outcome second = new SweepJob(new PrintStream(log, true, StandardCharsets.UTF_8))
        .run(c, new SweepJob.Options(out, cache, 0, null));
    assertEquals(1, second.ran(), "only the damaged cell runs again");
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("ignoring the finished cell " + cellFile), log.toString(StandardCharsets.UTF_8));
    SealedFile.read(cellFile, CellStore.KIND); // rewritten intact
    assertEquals(first.results().size(), second.results().size());
    assertEquals(csv.size(), Files.readAllLines(out.resolve("cells.csv")).size());
  }

  @Test
  void nanAndNonIntegerConfigValuesAreRefused() {
    String base = "data: synthetic:n=1000,d=5,seed=1\nmethods: [svrg]\nbatch_sizes: [4, 16]\n";
    for (String bad : List.of("target: \"NaN\"", "max_passes: \"NaN\"", "max_seconds: \"Infinity\"", "target: NaN", "max_rounds: 2.5",
        "partitions: 0", "partitions: 1.5", "step_multipliers: [\"NaN\"]", "resolution: \"NaN\"", "max_rounds: 1e30")) {
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> SweepConfigReader.parse(base + bad + "\n", "s.yaml", true), bad);
      String key = bad.substring(0, bad.indexOf(':'));
      assertTrue(e.getMessage().startsWith("s.yaml: " + key), bad + " → " + e.getMessage());
      assertFalse(e.getMessage().contains("\n"));
    }
  }
}
