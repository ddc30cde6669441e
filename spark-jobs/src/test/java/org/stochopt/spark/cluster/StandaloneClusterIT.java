package org.stochopt.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.cli.StochoptMain;
import org.stochopt.spark.report.RunWriter;

/**
 * {@code stochopt train} submitted with spark-submit to a real standalone cluster (a Master and two
 * Workers on 127.0.0.1, executors in their own JVMs) gives the run the in-process backend gives —
 * also when an executor JVM is killed in the middle of training.
 */
class StandaloneClusterIT {
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
  private static final String[] PROBLEM = {"--data", "synthetic:n=4000,d=20,density=0.5,seed=7", "--reg", "elasticnet:1e-3,0.5",
      "--method", "svrg", "--batch-size", "16", "--partitions", "4", "--no-reference", "--eval-every", "1"};

  @TempDir static Path dir;
  private static StandaloneCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    long t0 = System.nanoTime();
    cluster = StandaloneCluster.start(dir.resolve("cluster"), StandaloneCluster.Settings.small());
    System.out.printf("standalone cluster up in %.1f s at %s%n", (System.nanoTime() - t0) / 1e9, cluster.masterUrl());
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) cluster.close();
  }

  @Test
  void trainOnTheClusterAgreesWithInProcess() throws Exception {
    Path local = inProcess("local", 100);
    Path remote = dir.resolve("remote");
    long t0 = System.nanoTime();
    StandaloneCluster.Result r = cluster.runStochopt(RUN_TIMEOUT, List.of(), args(remote, 100, "--eval-every-rounds", "50"));
    System.out.printf("cluster train (tree reduce) took %.1f s, mean round %s ms%n", (System.nanoTime() - t0) / 1e9,
        summaryField(remote, "mean_round_ms"));
    assertEquals(0, r.exitCode(), () -> "cluster run failed:\n" + r.log() + cluster.diagnostics());
    assertTrue(r.log().contains("stop: MAX_ROUNDS"), r.log());

    // treeAggregate merges partition sums in arrival order, so only the last bits may differ.
    double[] a = RunWriter.readWeights(local.resolve("weights.csv"));
    double[] b = RunWriter.readWeights(remote.resolve("weights.csv"));
    assertEquals(a.length, b.length);
    double scale = 0;
    for (double v : a) scale = Math.max(scale, Math.abs(v));
    assertTrue(scale > 0.05, "the run moved away from 0");
    for (int j = 0; j < a.length; j++) assertEquals(a[j], b[j], 1e-9 * scale, "weight " + (j + 1));
    assertEquals(summaryField(local, "rounds"), summaryField(remote, "rounds"));
    assertEquals(summaryField(local, "gradient_evaluations"), summaryField(remote, "gradient_evaluations"));
    assertEquals(summaryField(local, "data_fingerprint"), summaryField(remote, "data_fingerprint"));
  }

  @Test
  void killingAnExecutorDuringTrainingDoesNotChangeTheResult() throws Exception {
    long rounds = 150;
    Path local = inProcess("local-long", rounds);
    Path remote = dir.resolve("remote-kill");
    Process driver = cluster.submit("kill-run", List.of("spark.task.maxFailures=8"),
        args(remote, rounds, "--reduce", "ordered", "--eval-every-rounds", "75"));
    // Kill as soon as the optimization loop runs (the 'data' line comes after the data are cached).
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    while (!cluster.logOf(driver).contains("] round 0 ") && driver.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(driver.isAlive(), "training ended before an executor could be killed:\n" + cluster.logOf(driver));
    long t0 = System.nanoTime();
    List<ProcessHandle> executors = cluster.executors();
    assertFalse(executors.isEmpty(), () -> "no executor JVMs found:\n" + cluster.diagnostics());
    ProcessHandle victim = executors.get(0);
    assertTrue(victim.destroyForcibly(), "could not kill executor " + victim.pid());
    victim.onExit().get(30, TimeUnit.SECONDS);
    assertTrue(driver.isAlive(), "the kill must land while training runs:\n" + cluster.logOf(driver));

    assertTrue(driver.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS), () -> "cluster run hung:\n" + cluster.diagnostics());
    String log = cluster.logOf(driver);
    System.out.printf("training with a killed executor took %.1f s after the kill, mean round %s ms%n",
        (System.nanoTime() - t0) / 1e9, summaryField(remote, "mean_round_ms"));
    assertEquals(0, driver.exitValue(), () -> "cluster run failed:\n" + log + cluster.diagnostics());
    assertTrue(log.contains("Lost executor") || log.contains("ExecutorLostFailure") || log.contains("removed"),
        "the driver saw the executor go:\n" + log);

    // Ordered reduction: partition sums merged in partition order, as in-process — bit-identical,
    // however many tasks were re-run and whichever executor recomputed the lost cached blocks.
    assertArrayEquals(RunWriter.readWeights(local.resolve("weights.csv")), RunWriter.readWeights(remote.resolve("weights.csv")));
    assertEquals(summaryField(local, "objective"), summaryField(remote, "objective"));
  }

  /** A small sweep submitted to the cluster finds the same rounds to ε, per cell, as the same sweep in-process. */
  @Test
  void sweepOnTheClusterAgreesWithInProcess() throws Exception {
    Path config = dir.resolve("sweep.yaml");
    java.nio.file.Files.writeString(config, String.join("\n",
        "name: cluster-check",
        "data: synthetic:n=3000,d=12,seed=3",
        "regularizer: l2:1e-3",
        "methods: [katyusha]",
        "batch_sizes: [64, 256]",
        "target: 1e-3",
        "resolution: 0.2",
        "max_rounds: 2000",
        "partitions: 4",
        "noise_scale: {small_batch: 8, pairs: 4}", ""));
    Path local = dir.resolve("sweep-local");
    Path cache = dir.resolve("sweep-cache");
    StringWriter err = new StringWriter();
    assertEquals(0, StochoptMain.execute(new PrintWriter(err, true), "sweep", "--config", config.toString(), "--master", "in-process",
        "--out", local.toString(), "--cache-dir", cache.toString()), err.toString());
    Path remote = dir.resolve("sweep-remote");
    long t0 = System.nanoTime();
    StandaloneCluster.Result r = cluster.runStochopt(RUN_TIMEOUT.multipliedBy(2), List.of(), "sweep", "--config", config.toString(),
        "--master", cluster.masterUrl(), "--out", remote.toString(), "--cache-dir", cache.toString());
    System.out.printf("cluster sweep took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    assertEquals(0, r.exitCode(), () -> "cluster sweep failed:\n" + r.log() + cluster.diagnostics());
    List<String> a = java.nio.file.Files.readAllLines(local.resolve("cells.csv"));
    List<String> b = java.nio.file.Files.readAllLines(remote.resolve("cells.csv"));
    assertEquals(3, a.size(), "header + 2 cells");
    assertEquals(a.size(), b.size());
    List<String> header = List.of(a.get(0).split(","));
    int reached = header.indexOf("reached");
    int rounds = header.indexOf("rounds_to_target");
    for (int i = 1; i < a.size(); i++) {
      String[] x = a.get(i).split(",");
      String[] y = b.get(i).split(",");
      assertEquals(x[0], y[0], "cell order");
      assertEquals("true", x[reached], a.get(i));
      assertEquals(x[reached], y[reached], x[0]);
      // tree reduction may change the last bits of the sums; the crossing of ε moves by far less than a round
      assertEquals(Double.parseDouble(x[rounds]), Double.parseDouble(y[rounds]), 0.5, x[0] + " rounds to ε");
    }
    assertTrue(java.nio.file.Files.exists(remote.resolve("report.md")));
  }

  private static String[] args(Path out, long rounds, String... extra) {
    List<String> a = new ArrayList<>(List.of("train"));
    a.addAll(List.of(PROBLEM));
    a.addAll(List.of("--max-rounds", Long.toString(rounds), "--max-passes", "0", "--out", out.toString()));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  private static Path inProcess(String name, long rounds) {
    Path out = dir.resolve(name);
    StringWriter err = new StringWriter();
    List<String> a = new ArrayList<>(List.of(args(out, rounds)));
    a.addAll(List.of("--master", "in-process"));
    assertEquals(0, StochoptMain.execute(new PrintWriter(err, true), a.toArray(String[]::new)), err.toString());
    return out;
  }

  private static String summaryField(Path run, String field) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("summary.json").toFile()).get(field).asText();
  }
}
