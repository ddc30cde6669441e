package org.stochopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --checkpoint-every N} then {@code train --resume}: a run stopped after its last
 * checkpoint and resumed with the full budget ends bit-identically to the uninterrupted run
 * (same weights.csv, same trace.csv apart from wall-clock seconds).
 */
class ResumeCommandTest {
  private static final String[] RUN = {"train", "--data", "synthetic:n=2000,d=12,seed=3", "--reg", "elasticnet:1e-3,0.5",
      "--batch-size", "10", "--master", "in-process", "--no-reference", "--eval-every", "0.3"};

  private static int run(StringWriter err, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of(RUN));
    args.addAll(List.of("--out", out.toString()));
    args.addAll(List.of(extra));
    return StochoptMain.execute(new PrintWriter(err, true), args.toArray(String[]::new));
  }

  @Test
  void svrgResumesBitIdentically(@TempDir Path dir) throws Exception {
    checkResume(dir, "svrg");
  }

  @Test
  void sgdResumesBitIdentically(@TempDir Path dir) throws Exception {
    checkResume(dir, "sgd");
  }

  private void checkResume(Path dir, String method) throws Exception {
    StringWriter err = new StringWriter();
    Path whole = dir.resolve("whole");
    Path split = dir.resolve("split");
    assertEquals(0, run(err, whole, "--method", method, "--max-rounds", "400"), err.toString());
    // The "crash": the first process ends at round 230; its last checkpoint is at round 200.
    assertEquals(0, run(err, split, "--method", method, "--max-rounds", "230", "--checkpoint-every", "100"), err.toString());
    assertTrue(Files.isRegularFile(split.resolve("checkpoint.bin")));
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stderr = System.err;
    System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertEquals(0, run(err, split, "--method", method, "--max-rounds", "400", "--checkpoint-every", "100", "--resume"),
          err.toString());
    } finally {
      System.setErr(stderr);
    }
    String progress = log.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(progress.contains("(200 rounds)"), "resumed from the round-200 checkpoint: " + progress);

    assertEquals(Files.readAllLines(whole.resolve("weights.csv")), Files.readAllLines(split.resolve("weights.csv")));
    List<String> a = withoutSeconds(Files.readAllLines(whole.resolve("trace.csv")));
    List<String> b = withoutSeconds(Files.readAllLines(split.resolve("trace.csv")));
    assertTrue(a.size() > 5, "enough evaluations to compare: " + a.size());
    assertEquals(a, b);
  }

  @Test
  void resumingUnderOtherSettingsOrWithoutACheckpointIsAUserError(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    Path out = dir.resolve("r");
    assertEquals(StochoptMain.USER_ERROR, run(err, out, "--max-rounds", "50", "--resume"));
    assertTrue(err.toString().startsWith("stochopt: error: no checkpoint to resume at"), err.toString());

    assertEquals(0, run(new StringWriter(), out, "--max-rounds", "50", "--checkpoint-every", "20"));
    StringWriter err2 = new StringWriter();
    assertEquals(StochoptMain.USER_ERROR, run(err2, out, "--max-rounds", "100", "--resume", "--seed", "2"));
    assertTrue(err2.toString().contains("belongs to a different run"), err2.toString());
    assertFalse(err2.toString().contains("\tat "), err2.toString());
  }

  /** Drops the seconds column (wall-clock time differs between any two runs). */
  private static List<String> withoutSeconds(List<String> csv) {
    int col = List.of(csv.get(0).split(",", -1)).indexOf("seconds");
    List<String> out = new ArrayList<>();
    for (String line : csv) {
      List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
      cells.remove(col);
      out.add(String.join(",", cells));
    }
    return out;
  }
}
