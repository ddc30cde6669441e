package org.stochopt.spark.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.cli.StochoptMain;
import org.stochopt.core.trace.TraceRecord;

/**
 * A sweep killed in the middle of a cell and run again ends with the same cells.csv as one that
 * ran straight through. Compared: every column before {@link CellResult#FIRST_TIMING_COLUMN}
 * (rounds, gradients, objectives, test error, stop reason … which depend only on the seeds, as the
 * in-process backend is bit-reproducible). Not compared: the wall-clock columns after it, which
 * differ between any two runs.
 */
class SweepResumeTest {
  private static final String CONFIG = String.join("\n",
      "name: resume-test",
      "data: synthetic:n=800,d=6,seed=4",
      "regularizer: l2:1e-2",
      "methods: [svrg, sgd]",
      "batch_sizes: [4, 32, 200]",
      "seeds: [1, 2]",
      "target: 1e-4",
      "max_passes: 60",
      "master: in-process",
      "partitions: 3",
      "noise_scale: {small_batch: 4, pairs: 8}",
      "");

  /** Thrown from inside a running cell: what a kill looks like to the sweep. */
  private static final class Killed extends RuntimeException {
    Killed() {
      super("simulated kill");
    }
  }

  private static SweepJob.Outcome run(SweepConfig c, Path out, Path cache, SweepJob.Listener l) throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new SweepJob(quiet).run(c, new SweepJob.Options(out, cache, 0, l));
  }

  private static List<String> deterministicColumns(Path csv) throws Exception {
    List<String> lines = Files.readAllLines(csv);
    int keep = Arrays.asList(lines.get(0).split(",")).indexOf(CellResult.FIRST_TIMING_COLUMN);
    assertTrue(keep > 10);
    List<String> out = new ArrayList<>();
    for (String line : lines) out.add(String.join(",", Arrays.copyOf(line.split(",", -1), keep)));
    return out;
  }

  @Test
  void killedAndResumedSweepMatchesAnUninterruptedOne(@TempDir Path dir) throws Exception {
    SweepConfig c = SweepConfigReader.parse(CONFIG, "resume-test.yaml", true);
    Path cache = dir.resolve("cache");

    SweepJob.Outcome straight = run(c, dir.resolve("straight"), cache, null);
    assertEquals(12, straight.results().size());
    assertEquals(12, straight.ran());
    assertTrue(straight.results().stream().filter(r -> r.cell().method().equals("svrg")).allMatch(CellResult::reached),
        "svrg reaches 1e-4 in every cell");

    // Kill: let 5 cells finish, then die inside the 6th after its first evaluation past the start.
    Path resumed = dir.resolve("resumed");
    int[] finished = {0};
    Cell[] current = {null};
    SweepJob.Listener killer = new SweepJob.Listener() {
      @Override
      public void cellProgress(Cell cell, TraceRecord r) {
        if (current[0] != null && !current[0].equals(cell)) finished[0]++;
        current[0] = cell;
        if (finished[0] == 5 && r.rounds() > 0) throw new Killed();
      }
    };
    assertThrows(Killed.class, () -> run(c, resumed, cache, killer));
    Cell inFlight = current[0];
    assertFalse(Files.exists(resumed.resolve("cells").resolve(inFlight.id() + ".json")), "the cell in flight is lost");
    assertEquals(6, deterministicColumns(resumed.resolve("cells.csv")).size(), "header + the 5 finished cells");

    SweepJob.Outcome second = run(c, resumed, cache, null);
    assertEquals(5, second.resumed());
    assertEquals(7, second.ran());
    assertEquals(deterministicColumns(dir.resolve("straight/cells.csv")), deterministicColumns(resumed.resolve("cells.csv")));

    // A third run finds everything done and runs nothing.
    SweepJob.Outcome third = run(c, resumed, cache, null);
    assertEquals(0, third.ran());
    assertEquals(12, third.resumed());

    // The report is complete.
    for (String f : List.of("cells.csv", "summary.json", "report.md", "rounds.png", "work.png", "walltime.png", "latency.png",
        "convergence.png")) {
      assertTrue(Files.size(resumed.resolve(f)) > 100, f);
    }
    JsonNode s = new ObjectMapper().readTree(resumed.resolve("summary.json").toFile());
    assertEquals(800, s.get("n").asInt());
    assertTrue(s.get("theory").get("b_star").asLong() >= 1);
    assertTrue(s.get("gradient_noise_scale").get("b_simple_at_start").asDouble() > 0);
    assertTrue(s.hasNonNull("recommendation"));
    assertEquals(straight.analysis().recommendation().point().method(), s.get("recommendation").get("method").asText());
  }

  /**
   * The real thing: the sweep runs in its own JVM, which is killed with SIGKILL (no shutdown hooks,
   * no finally blocks) once some cells are on disk; a new process finishes the sweep, and cells.csv
   * equals the uninterrupted run's.
   */
  @Test
  void sweepProcessKilledWithSigkillResumes(@TempDir Path dir) throws Exception {
    String config = CONFIG.replace("data: synthetic:n=800,d=6,seed=4", "data: synthetic:n=6000,d=20,seed=4")
        .replace("methods: [svrg, sgd]", "methods: [svrg, katyusha]")
        .replace("batch_sizes: [4, 32, 200]", "batch_sizes: [2, 8, 32, 128]")
        .replace("target: 1e-4", "target: 1e-6");
    Path cfg = dir.resolve("kill.yaml");
    Files.writeString(cfg, config);
    Path cache = dir.resolve("cache");
    Path straight = dir.resolve("straight");
    SweepJob.Outcome whole = run(SweepConfigReader.parse(config, "kill.yaml", true), straight, cache, null);
    assertEquals(16, whole.ran());

    Path out = dir.resolve("killed");
    Process p = sweepProcess(cfg, out, cache, dir.resolve("first.log"));
    Path cells = out.resolve("cells");
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (finishedCells(cells) < 3 && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
    assertTrue(p.isAlive(), "the sweep finished before it could be killed:\n" + Files.readString(dir.resolve("first.log")));
    p.destroyForcibly().waitFor();
    long survived = finishedCells(cells);
    assertTrue(survived >= 3 && survived < 16, "cells on disk after the kill: " + survived);

    Process again = sweepProcess(cfg, out, cache, dir.resolve("second.log"));
    assertTrue(again.waitFor(180, java.util.concurrent.TimeUnit.SECONDS), "resumed sweep hung");
    String log = Files.readString(dir.resolve("second.log"));
    assertEquals(0, again.exitValue(), log);
    assertEquals(deterministicColumns(straight.resolve("cells.csv")), deterministicColumns(out.resolve("cells.csv")));
  }

  private static long finishedCells(Path cells) throws Exception {
    if (!Files.isDirectory(cells)) return 0;
    try (var files = Files.list(cells)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
    }
  }

  private static Process sweepProcess(Path cfg, Path out, Path cache, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), StochoptMain.class.getName(),
        "sweep", "--config", cfg.toString(), "--out", out.toString(), "--cache-dir", cache.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  @Test
  void changingTheTargetReRunsCells(@TempDir Path dir) throws Exception {
    String small = CONFIG.replace("methods: [svrg, sgd]", "methods: [svrg]").replace("seeds: [1, 2]", "seeds: [1]");
    Path cache = dir.resolve("cache");
    SweepConfig c = SweepConfigReader.parse(small, "a.yaml", true);
    assertEquals(3, run(c, dir.resolve("s"), cache, null).ran());
    SweepConfig tighter = SweepConfigReader.parse(small.replace("target: 1e-4", "target: 1e-5"), "b.yaml", true);
    SweepJob.Outcome o = run(tighter, dir.resolve("s"), cache, null);
    assertEquals(0, o.resumed(), "a finished cell is reused only under the same fingerprint");
    assertEquals(3, o.ran());
  }

  @Test
  void commandLineRunsAConfigAndReportsBadOnesInOneLine(@TempDir Path dir) throws Exception {
    Path cfg = dir.resolve("s.yaml");
    Files.writeString(cfg, CONFIG.replace("methods: [svrg, sgd]", "methods: [svrg]").replace("seeds: [1, 2]", "seeds: [1]"));
    StringWriter err = new StringWriter();
    int code = StochoptMain.execute(new PrintWriter(err, true), "sweep", "--config", cfg.toString(), "--out",
        dir.resolve("out").toString(), "--cache-dir", dir.resolve("cache").toString(), "--max-cells", "1");
    assertEquals(0, code, err.toString());
    assertEquals(2, Files.readAllLines(dir.resolve("out/cells.csv")).size(), "header + the 1 cell allowed (a one-point report must plot too)");
    assertTrue(Files.readString(dir.resolve("out/report.md")).contains("Partial sweep"));

    Files.writeString(cfg, CONFIG.replace("batch_sizes: [4, 32, 200]", "batch_sizes: [4, 32, 2000]"));
    StringWriter err2 = new StringWriter();
    assertEquals(StochoptMain.USER_ERROR, StochoptMain.execute(new PrintWriter(err2, true), "sweep", "--config", cfg.toString(),
        "--out", dir.resolve("out2").toString()));
    assertEquals("stochopt: error: " + cfg + ": batch_sizes[2]: 2000 exceeds the 800 rows of synthetic:n=800,d=6,seed=4",
        err2.toString().strip());
    assertFalse(Files.exists(dir.resolve("out2")), "nothing runs before the config is valid");
  }
}
