package org.stochopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --model meanfield} end to end in-process: outputs, and one-line user errors. */
class MeanFieldCommandLineTest {
  private static final String DATA = "teacher:n=150,d=3,m=2,noise=0.1,test=50,seed=2";

  private static int run(StringWriter err, String... args) {
    return StochoptMain.execute(new PrintWriter(err, true), args);
  }

  @Test
  void mfldAndPdaWriteTraceSummaryAndPlots(@TempDir Path dir) throws Exception {
    for (String method : List.of("mfld", "pda")) {
      StringWriter err = new StringWriter();
      Path out = dir.resolve(method);
      int code = run(err, "train", "--model", "meanfield", "--method", method, "--data", DATA, "--particles", "60",
          "--step", "0.5", "--steps", "12", "--inner-steps", "2", "--eval-every-steps", "4", "--entropy-sample", "60",
          "--gap-draws", "32", "--master", "in-process", "--out", out.toString());
      assertEquals(0, code, err.toString());
      JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
      for (String f : List.of("objective", "dual", "duality_gap", "train_loss", "test_loss", "noise_floor", "teacher_alignment",
          "mean_step_ms", "particles", "langevin_steps")) {
        assertTrue(s.hasNonNull(f), method + ": summary.json lacks " + f);
      }
      assertEquals(method.equals("pda") ? 24 : 12, s.get("langevin_steps").asInt());
      assertTrue(s.get("test_loss").asDouble() < 0.1, "test loss " + s.get("test_loss"));
      List<String> trace = Files.readAllLines(out.resolve("trace.csv"));
      assertTrue(trace.get(0).startsWith("step,langevin_steps,rounds,seconds,objective"));
      assertEquals(4, trace.size() - 1, "evaluations at 0, 4, 8, 12: " + trace);
      assertTrue(Files.size(out.resolve("objective.png")) > 1000);
      assertTrue(Files.size(out.resolve("loss.png")) > 1000);
    }
  }

  @Test
  void badFlagsGiveOneLineErrors(@TempDir Path dir) {
    String out = dir.toString();
    for (String[] args : List.of(
        new String[] {"--method", "svrg"},
        new String[] {"--particles", "0"},
        new String[] {"--unit", "relu"},
        new String[] {"--lambda1", "-1"},
        new String[] {"--reg", "l2:1e-3"},
        new String[] {"--loss", "smoothed-hinge"},
        new String[] {"--method", "pda", "--batch-size", "10"},
        new String[] {"--step-decay", "1.5"},
        new String[] {"--method", "pda", "--step-decay", "0.5"},
        new String[] {"--partitions", "5000"})) {
      StringWriter err = new StringWriter();
      String[] full = concat(new String[] {"train", "--model", "meanfield", "--data", DATA, "--master", "in-process", "--out", out}, args);
      assertEquals(StochoptMain.USER_ERROR, run(err, full), String.join(" ", args) + ": " + err);
      String msg = err.toString().trim();
      assertTrue(msg.startsWith("stochopt: error: "), msg);
      assertFalse(msg.contains("\n") || msg.contains("\tat "), "one line: " + msg);
    }
    StringWriter err = new StringWriter();
    assertEquals(StochoptMain.USER_ERROR, run(err, "train", "--model", "meanfield", "--data", "teacher:n=10,dim=3", "--out", out));
    assertTrue(err.toString().contains("unknown key 'dim'"), err.toString());
    err = new StringWriter();
    assertEquals(StochoptMain.USER_ERROR, run(err, "train", "--data", "synthetic:n=100,d=3", "--particles", "5", "--master", "in-process", "--out", out));
    assertTrue(err.toString().contains("--particles does not apply to --model linear"), err.toString());
    err = new StringWriter();
    assertEquals(StochoptMain.USER_ERROR, run(err, "train", "--model", "deep", "--data", DATA, "--out", out));
    assertTrue(err.toString().contains("--model must be one of linear, meanfield"), err.toString());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
