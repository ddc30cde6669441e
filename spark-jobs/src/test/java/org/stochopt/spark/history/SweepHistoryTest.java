package org.stochopt.spark.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.cli.StochoptMain;
import org.stochopt.cli.SweepHistoryCommand;
import org.stochopt.spark.SparkSessions;
import org.stochopt.spark.sweep.SweepConfig;
import org.stochopt.spark.sweep.SweepConfigReader;
import org.stochopt.spark.sweep.SweepJob;

/**
 * Two sweeps of one config at two (faked) dates give a history of two runs and a trend page; a
 * third run whose round latency is injected ×20 trips the regression exit status.
 */
class SweepHistoryTest {
  private static final String CONFIG = String.join("\n",
      "name: history-test",
      "data: synthetic:n=600,d=5,seed=4",
      "regularizer: l2:1e-2",
      "methods: [svrg]",
      "batch_sizes: [4, 16, 64]",
      "seeds: [1, 2]",
      "target: 1e-4",
      "max_passes: 60",
      "master: in-process",
      "partitions: 3",
      "noise_scale: {small_batch: 4, pairs: 8}",
      "");

  private static int cli(StringWriter err, String... args) {
    return StochoptMain.execute(new PrintWriter(err, true), args);
  }

  @Test
  void twoDatedSweepsMakeATrendAndAnInjectedSlowdownTripsTheExitCode(@TempDir Path dir) throws Exception {
    SweepConfig c = SweepConfigReader.parse(CONFIG, "history-test.yaml", true);
    String history = dir.resolve("history").toUri().toString();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Instant monday = Instant.parse("2025-03-03T02:00:00Z"), tuesday = Instant.parse("2025-03-04T02:00:00Z");
    // Separate report folders: the second run measures again instead of resuming the first one's cells.
    new SweepJob(quiet).run(c, new SweepJob.Options(dir.resolve("mon"), dir.resolve("cache"), 0, null, history,
        Clock.fixed(monday, ZoneOffset.UTC)));
    new SweepJob(quiet).run(c, new SweepJob.Options(dir.resolve("tue"), dir.resolve("cache"), 0, null, history,
        Clock.fixed(tuesday, ZoneOffset.UTC)));

    SparkSession spark = SparkSessions.create("local[1]", "history-test");
    List<RunRecord> rows;
    try {
      rows = SweepHistory.read(spark, history);
      // Spark reads it natively, as one table with the run id column.
      assertEquals(2, spark.read().parquet(history).select("run_id").distinct().count());
    } finally {
      spark.stop();
    }
    Map<String, List<RunRecord>> runs = rows.stream().collect(Collectors.groupingBy(RunRecord::runId));
    assertEquals(2, runs.size());
    for (List<RunRecord> run : runs.values()) {
      assertEquals(6, run.size(), "one row per cell");
      RunRecord r = run.get(0);
      assertEquals("in-process", r.master());
      assertTrue(r.recMethod() != null && r.recBatchSize() > 0, "a recommendation");
      assertTrue(r.latencyRoundMs() > 0, "a fitted round latency");
      assertTrue(!r.gitCommit().isBlank() && r.dataFingerprint().length() == 16);
    }
    assertEquals(List.of(monday, tuesday), rows.stream().map(RunRecord::started).distinct().sorted().toList());

    StringWriter err = new StringWriter();
    Path trend = dir.resolve("trend");
    // Two honest runs on a loaded machine: a generous threshold, so timing noise cannot fail this part.
    assertEquals(0, cli(err, "sweep-history", "--history", history, "--out", trend.toString(), "--threshold", "3"), err.toString());
    String md = Files.readString(trend.resolve("trend.md"));
    assertTrue(md.contains("no regression") && md.contains("2025-03-03T02:00:00Z") && md.contains("2025-03-04T02:00:00Z"), md);
    for (String png : List.of("trend-batch-size.png", "trend-rounds.png", "trend-latency.png", "trend-seconds.png")) {
      assertTrue(Files.size(trend.resolve(png)) > 1000, png);
    }

    // Injected slowdown: Wednesday's run is Tuesday's with rounds 20× slower than the slower of the two real runs
    // (in-process round latencies are tiny and the first run in a fresh JVM pays for JIT compilation, so the two differ).
    double worst = rows.stream().mapToDouble(RunRecord::latencyRoundMs).max().orElseThrow();
    List<RunRecord> tue = rows.stream().filter(r -> r.started().equals(tuesday)).toList();
    Instant wednesday = Instant.parse("2025-03-05T02:00:00Z");
    String id = SweepRecorder.runId(wednesday);
    List<RunRecord> slow = tue.stream().map(r -> new RunRecord(id, r.sweepName(), wednesday, wednesday.plusSeconds(60),
        r.gitCommit(), r.sparkVersion(), r.master(), r.cores(), r.executorMemory(), r.data(), r.dataFingerprint(), r.n(), r.d(),
        r.partitions(), r.target(), r.recMethod(), r.recBatchSize(), r.recMultiplier(), r.recRounds(), r.recModeledSeconds(),
        r.recMeasuredSeconds(), 20 * worst, r.latencyGradientUs(), r.latencyCells(), r.cellId(), r.method(),
        r.batchSize(), r.stepMultiplier(), r.seed(), r.reached(), r.roundsToTarget(), r.gradientsToTarget(), r.secondsToTarget(),
        20 * r.meanRoundMs(), r.cellSeconds(), r.stopReason())).toList();
    spark = SparkSessions.create("local[1]", "history-test");
    try {
      SweepHistory.append(spark, history, slow);
    } finally {
      spark.stop();
    }
    StringWriter err2 = new StringWriter();
    assertEquals(SweepHistoryCommand.REGRESSED,
        cli(err2, "sweep-history", "--history", history, "--out", trend.toString(), "--threshold", "3"),
        Files.readString(trend.resolve("trend.md")));
    String verdict = Files.readString(trend.resolve("trend.md"));
    assertTrue(verdict.contains("REGRESSION") && verdict.contains("fitted round latency"), verdict);
  }

  @Test
  void aRegressionIsJudgedAgainstTheMedianOfComparableRuns() {
    Instant t = Instant.parse("2025-01-01T00:00:00Z");
    List<RunRecord> h = List.of(rec("a", t, 10, "fp"), rec("b", t.plusSeconds(1), 30, "fp"), rec("c", t.plusSeconds(2), 12, "fp"),
        rec("d", t.plusSeconds(3), 16, "fp"));
    // median(10, 30, 12) = 12; 16 > 1.25 × 12
    assertEquals(1, new TrendReport(h, 0.25, 5).regressions().size());
    assertEquals(0, new TrendReport(h, 0.5, 5).regressions().size());
    // Other data: nothing to compare with, so no verdict.
    List<RunRecord> other = List.of(rec("a", t, 10, "fp"), rec("b", t.plusSeconds(1), 100, "other"));
    assertEquals(0, new TrendReport(other, 0.25, 5).regressions().size());
  }

  private static RunRecord rec(String id, Instant at, double roundMs, String fp) {
    return new RunRecord(id, "s", at, at, "c", "4.2.0", "local[2]", 2, "1g", "synthetic:", fp, 100, 5, 2, 1e-4, "svrg", 16, 1,
        50, 1.0, 1.0, roundMs, 0.1, 6, "svrg-b16", "svrg", 16, 1, 1, true, 50, 800, 1.0, roundMs, 1.0, "target_suboptimality");
  }
}
