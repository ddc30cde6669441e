package org.stochopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stochopt.core.io.SealedFile;
import org.stochopt.core.reference.ReferenceCache;

/**
 * Issue 20, "nothing silently wrong", at the command line: every class of input that used to end
 * with exit 0 and a wrong or lost result now ends with exit 2 (3 for divergence) and one line that
 * names the flag, file or owner — or, where the input is fine, with a correct run. Rows of
 * docs/input-hardening.md point here.
 */
class NothingSilentlyWrongTest {
  @TempDir Path dir;

  record Outcome(int code, String err) {}

  static Outcome cli(String... args) {
    StringWriter err = new StringWriter();
    int code = StochoptMain.execute(new PrintWriter(err, true), args);
    return new Outcome(code, err.toString().trim());
  }

  private Outcome train(String... args) {
    List<String> given = List.of(args);
    List<String> all = new ArrayList<>(List.of("train", "--master", "in-process"));
    if (!given.contains("--reference")) all.add("--no-reference");
    if (!given.contains("--max-passes")) all.addAll(List.of("--max-passes", "2"));
    if (!given.contains("--out")) all.addAll(List.of("--out", dir.resolve("out").toString()));
    if (!given.contains("--data")) all.addAll(List.of("--data", "synthetic:n=200,d=5,seed=1"));
    // Many small rounds (so checkpoints are taken within two passes): svrg unless a test names a method.
    if (!given.contains("--method") && !given.contains("meanfield")) all.addAll(List.of("--method", "svrg"));
    for (String a : given) if (!a.equals("--reference")) all.add(a);
    return cli(all.toArray(String[]::new));
  }

  static void assertOneLine(Outcome o, int code, String... fragments) {
    assertEquals(code, o.code(), o.err());
    String last = o.err().lines().reduce((a, b) -> b).orElse("");
    assertTrue(last.startsWith("stochopt: "), o.err());
    assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    for (String f : fragments) assertTrue(last.contains(f), "'" + f + "' missing in: " + last);
  }

  /** Each was accepted before (NaN meant "default"/"no limit", 0 partitions meant 4); the data path does not exist, so the flag is checked first. */
  @ParameterizedTest
  @CsvSource({
      "--step, NaN", "--step, Infinity", "--tau1, NaN", "--tau1, 1", "--tau2, 0.75", "--appa-kappa, NaN",
      "--max-passes, NaN", "--target-suboptimality, NaN", "--max-seconds, NaN", "--max-seconds, -1", "--grad-tol, NaN",
      "--eval-every, Infinity", "--partitions, 0", "--batch-size, 0", "--max-rounds, -3", "--epoch-length, 1.5",
      "--checkpoint-every, -1", "--eval-every-rounds, x", "--connect-timeout, 0"})
  void nanAndOutOfRangeFlagsAreRefusedBeforeAnyDataIsRead(String flag, String value) {
    Outcome o = train("--data", dir.resolve("does-not-exist.svm").toString(), flag, value);
    assertOneLine(o, StochoptMain.USER_ERROR, "option '" + flag + "'", value);
    assertEquals(1, o.err().lines().count(), o.err());
  }

  @Test
  void meanFieldFlagsAreValidatedToo() {
    Outcome o = train("--model", "meanfield", "--lambda1", "NaN");
    assertOneLine(o, StochoptMain.USER_ERROR, "--lambda1");
  }

  /** The method does not read these flags, and they used to pass unchecked. */
  @ParameterizedTest
  @CsvSource({"svrg, --schedule, bogus", "sgd, --anchor, bogus", "svrg, --averaging, bogus", "sgd, --sampling, sometimes"})
  void valuesOfFlagsTheMethodIgnoresAreStillValidated(String method, String flag, String value) {
    assertOneLine(train("--method", method, flag, value, "--data", dir.resolve("nope.svm").toString()),
        StochoptMain.USER_ERROR, flag, value);
  }

  @Test
  void testDataBatchSizeAndStoppingRulesAreCheckedBeforeLoading() throws Exception {
    // The training file has a bad line 2: reaching the loader would report that instead.
    Path bad = dir.resolve("bad.svm");
    Files.writeString(bad, "1 1:1\n-1 x\n");
    assertOneLine(train("--data", bad.toString(), "--test-data", dir.resolve("missing-test.svm").toString()),
        StochoptMain.USER_ERROR, "missing-test.svm", "--test-data");
    assertOneLine(train("--data", "synthetic:n=100,d=3", "--batch-size", "500"), StochoptMain.USER_ERROR, "--batch-size 500 exceeds");
    assertOneLine(train("--data", bad.toString(), "--max-passes", "0"), StochoptMain.USER_ERROR, "no stopping rule");
  }

  /** Logistic loss, strong L2, a huge constant step: F stays bounded but far above F(w0); this exited 0 with weights written. */
  @Test
  void aRunThatEndsFarAboveItsStartIsDivergenceNotAFinish() {
    Path out = dir.resolve("div");
    Outcome o = train("--data", "synthetic:n=400,d=10,seed=3", "--method", "sgd", "--schedule", "constant", "--averaging", "none",
        "--step", "300", "--reg", "l2:0.1", "--batch-size", "4", "--max-passes", "5", "--out", out.toString());
    assertOneLine(o, StochoptMain.DIVERGED, "diverged", "above its start", "--step");
    assertFalse(Files.exists(out.resolve("weights.csv")), "no weights from a diverged run");
  }

  // ---- output folders ------------------------------------------------------------------------

  @Test
  void aFreshRunRefusesAFolderWithARunUnlessOverwriteAndNeverKeepsAStaleCheckpoint() throws Exception {
    Path out = dir.resolve("o");
    assertEquals(0, train("--out", out.toString(), "--checkpoint-every", "5").code());
    assertTrue(Files.exists(out.resolve("checkpoint.bin")));
    assertOneLine(train("--out", out.toString()), StochoptMain.USER_ERROR, "already holds", "checkpoint.bin", "--overwrite");
    Outcome o = train("--out", out.toString(), "--overwrite", "--seed", "2");
    assertEquals(0, o.code(), o.err());
    assertFalse(Files.exists(out.resolve("checkpoint.bin")), "the old run's checkpoint must go");
    assertOneLine(train("--out", out.toString(), "--overwrite", "--resume"), StochoptMain.USER_ERROR, "--resume", "--overwrite");
  }

  @Test
  void anOutThatCannotBeAFolderIsRefusedBeforeLoading() throws Exception {
    Path plain = Files.writeString(dir.resolve("plain"), "x");
    assertOneLine(train("--out", plain.resolve("sub").toString(), "--data", dir.resolve("nope.svm").toString()),
        StochoptMain.USER_ERROR, "--out");
  }

  /** Two trains on one --out at the same time: exactly one finishes, the other says why in one line. */
  @Test
  void twoConcurrentTrainsOnOneOutGiveOneResultAndOneMessage() throws Exception {
    Path out = dir.resolve("race");
    Callable<Outcome> run = () -> train("--data", "synthetic:n=3000,d=20,seed=1", "--max-passes", "30", "--out", out.toString());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Outcome> a = pool.submit(run);
      Future<Outcome> b = pool.submit(run);
      List<Outcome> both = List.of(a.get(), b.get());
      assertEquals(1, both.stream().filter(o -> o.code() == 0).count(), both.toString());
      Outcome loser = both.stream().filter(o -> o.code() != 0).findFirst().orElseThrow();
      assertOneLine(loser, StochoptMain.USER_ERROR, "--out");
      assertTrue(loser.err().contains("in use by another stochopt run") || loser.err().contains("already holds"), loser.err());
      String summary = Files.readString(out.resolve("summary.json"));
      assertTrue(summary.contains("\"stop_reason\" : \"max_passes\""), summary);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- stored state --------------------------------------------------------------------------

  @Test
  void aFlippedByteInTheCheckpointIsRefusedOnResume() throws Exception {
    Path out = dir.resolve("cp");
    assertEquals(0, train("--out", out.toString(), "--checkpoint-every", "5", "--max-passes", "3").code());
    Path cp = out.resolve("checkpoint.bin");
    byte[] b = Files.readAllBytes(cp);
    b[b.length - 40] ^= 0x01; // deep in the body: the old format resumed silently
    Files.write(cp, b);
    assertOneLine(train("--out", out.toString(), "--checkpoint-every", "5", "--max-passes", "6", "--resume"),
        StochoptMain.USER_ERROR, "checkpoint.bin", "damaged checkpoint");
  }

  /** A cached F* that is damaged, or wrong but self-consistent (above the true optimum), is never used. */
  @Test
  void aWrongCachedReferenceIsDetectedAndRemoved() throws Exception {
    Path cache = dir.resolve("cache");
    String data = "synthetic:n=300,d=6,seed=4";
    Outcome first = train("--reference", "--data", data, "--cache-dir", cache.toString(), "--out", dir.resolve("r1").toString(),
        "--max-passes", "50", "--target-suboptimality", "1e-4");
    assertEquals(0, first.code(), first.err());
    Path entry;
    try (Stream<Path> s = Files.list(cache)) {
      entry = s.filter(p -> p.toString().endsWith(".ref")).findFirst().orElseThrow();
    }
    byte[] good = Files.readAllBytes(entry);

    // 1. A damaged entry: named, ignored, recomputed; the run is right.
    byte[] flipped = good.clone();
    flipped[flipped.length / 2] ^= 0x04;
    Files.write(entry, flipped);
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stderr = System.err;
    Outcome damaged;
    System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8)); // the job's log goes to System.err
    try {
      damaged = train("--reference", "--data", data, "--cache-dir", cache.toString(), "--out", dir.resolve("r2").toString(),
          "--max-passes", "50", "--target-suboptimality", "1e-4");
    } finally {
      System.setErr(stderr);
    }
    assertEquals(0, damaged.code(), damaged.err());
    String logged = log.toString(StandardCharsets.UTF_8);
    assertTrue(logged.contains("warning: ignoring the cached reference optimum " + entry) && logged.contains("checksum mismatch"), logged);
    assertEquals(new String(good, StandardCharsets.UTF_8), Files.readString(entry), "recomputed to the same F*");

    // 2. F* above the true optimum, with a w* that matches it (w* = 0, F* = F(0) = log 2): the
    //    old code stopped at round 0 with "target reached" and w = 0.
    StringBuilder zero = new StringBuilder();
    zero.append(Double.toHexString(Math.log(2))).append("\n1\n0x0.0p0\n");
    for (int j = 0; j < 6; j++) zero.append(j > 0 ? " " : "").append("0x0.0p0");
    zero.append('\n');
    SealedFile.write(entry, ReferenceCache.KIND, zero.toString().getBytes(StandardCharsets.UTF_8));
    log.reset();
    Outcome wrong;
    System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      wrong = train("--reference", "--data", data, "--cache-dir", cache.toString(), "--out", dir.resolve("r3").toString(),
          "--max-passes", "50", "--target-suboptimality", "1e-4");
    } finally {
      System.setErr(stderr);
    }
    assertEquals(0, wrong.code(), wrong.err());
    logged = log.toString(StandardCharsets.UTF_8);
    assertTrue(logged.contains("ignoring the cached reference optimum " + entry + ": its w* is not a minimizer"), logged);
    assertEquals(new String(good, StandardCharsets.UTF_8), Files.readString(entry), "recomputed to the true F*");
    String summary = Files.readString(dir.resolve("r3").resolve("summary.json"));
    assertFalse(summary.contains("\"rounds\" : 0,"), "the run did not stop at round 0: " + summary);
  }

  // ---- Spark-side -----------------------------------------------------------------------------

  @Test
  void anUnreachableMasterIsOneLineWithinTheConnectTimeout() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    long t0 = System.nanoTime();
    Outcome o = cli("train", "--data", "synthetic:n=100,d=3", "--master", "spark://127.0.0.1:" + port, "--connect-timeout", "2",
        "--no-reference", "--out", dir.resolve("m").toString());
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertOneLine(o, StochoptMain.USER_ERROR, "cannot reach the Spark master", "--connect-timeout");
    assertTrue(seconds < 10, "took " + seconds + " s");
  }

  // ---- smaller ----------------------------------------------------------------------------------

  @Test
  void byteOrderMarkIsNotPartOfTheLabelAndOverflowingRowsNameTheLine() throws Exception {
    Path bom = dir.resolve("bom.svm");
    Files.write(bom, ("\uFEFF-1 1:0.5 2:1\n1 1:-1 2:0.25\n-1 1:0.5\n1 2:-1\n").getBytes(StandardCharsets.UTF_8));
    Outcome o = train("--data", bom.toString(), "--batch-size", "2");
    assertEquals(0, o.code(), o.err());
    Path huge = dir.resolve("huge.svm");
    Files.writeString(huge, "1 1:0.5\n-1 1:1e308 2:1e308\n");
    assertOneLine(train("--data", huge.toString(), "--out", dir.resolve("h").toString()), StochoptMain.USER_ERROR, huge + ":2:", "overflows");
  }
}
