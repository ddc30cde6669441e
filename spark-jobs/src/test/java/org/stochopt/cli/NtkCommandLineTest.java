package org.stochopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** {@code train --model ntk} and {@code ntk-spectrum} end to end in-process: outputs, and one-line errors naming the flag. */
class NtkCommandLineTest {
  private static final String DATA = "ntk-sphere:d=3,target=teacher,noise=0.1,test=100,seed=2";

  private static int run(StringWriter err, String... args) {
    return StochoptMain.execute(new PrintWriter(err, true), args);
  }

  @Test
  void trainWritesTraceSummaryAndPlot(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    Path out = dir.resolve("run");
    int code = run(err, "train", "--model", "ntk", "--data", DATA, "--width", "200", "--steps", "400", "--source-r", "0.5",
        "--beta", "1.5", "--eval-every-steps", "100", "--master", "in-process", "--out", out.toString());
    assertEquals(0, code, err.toString());
    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertEquals(Math.pow(400, -1.5 / 2.5), s.get("lambda").asDouble(), 1e-12);
    assertEquals(1 / (4 * (6 + s.get("lambda").asDouble())), s.get("step").asDouble(), 1e-12);
    assertEquals(400, s.get("samples").asInt());
    assertTrue(s.get("excess_risk").asDouble() < 0.8, "excess risk " + s.get("excess_risk"));
    List<String> trace = Files.readAllLines(out.resolve("trace.csv"));
    assertTrue(trace.get(0).startsWith("step,samples,passes"));
    assertEquals(5, trace.size() - 1, "evaluations at 0, 100, 200, 300, 400: " + trace);
    assertTrue(Files.size(out.resolve("loss.png")) > 1000);
  }

  @Test
  void badSettingsExit2WithOneLineNamingTheFlag(@TempDir Path dir) {
    String out = dir.toString();
    for (Object[] c : List.of(
        new Object[] {new String[] {"--width", "101"}, "--width"},
        new Object[] {new String[] {"--step", "0.05"}, "--step"},
        new Object[] {new String[] {"--source-r", "0.3", "--beta", "2"}, "--source-r"},
        new Object[] {new String[] {"--source-r", "0.5", "--beta", "0.9"}, "--beta"},
        new Object[] {new String[] {"--source-r", "0.5"}, "--source-r"},
        new Object[] {new String[] {"--activation", "gelu"}, "--activation"},
        new Object[] {new String[] {"--train-layers", "middle"}, "--train-layers"},
        new Object[] {new String[] {"--particles", "10"}, "--particles"},
        new Object[] {new String[] {"--reg", "l2:1e-3"}, "--reg"},
        new Object[] {new String[] {"--method", "svrg"}, "--method"},
        new Object[] {new String[] {"--input-scaling", "zca"}, "--input-scaling"},
        new Object[] {new String[] {"--input-scaling", "unit"}, "--input-scaling"},
        new Object[] {new String[] {"--checkpoint-dir", "/tmp/nowhere"}, "--checkpoint-dir"},
        new Object[] {new String[] {"--checkpoint-every", "-1"}, "--checkpoint-every"})) {
      String[] extra = (String[]) c[0];
      String[] base = {"train", "--model", "ntk", "--data", DATA, "--master", "in-process", "--out"};
      String[] full = new String[base.length + 1 + extra.length];
      System.arraycopy(base, 0, full, 0, base.length);
      full[base.length] = out;
      System.arraycopy(extra, 0, full, base.length + 1, extra.length);
      StringWriter err = new StringWriter();
      assertEquals(2, run(err, full), String.join(" ", extra) + ": " + err);
      String msg = err.toString().strip();
      assertEquals(1, msg.lines().count(), msg);
      assertTrue(msg.contains((String) c[1]), msg);
    }
    StringWriter err = new StringWriter();
    assertEquals(2, run(err, "train", "--data", "fmnist:7v9", "--width", "100", "--out", out));
    assertTrue(err.toString().contains("--width does not apply to --model linear"), err.toString());
  }

  @Test
  void aRunResumedFromTheCommandLineContinuesItsTrace(@TempDir Path dir) throws Exception {
    String out = dir.resolve("run").toString();
    String data = "ntk-sphere:d=3,target=teacher,noise=0.1,n=400,test=100,seed=2";
    StringWriter err = new StringWriter();
    assertEquals(0, run(err, "train", "--model", "ntk", "--data", data, "--width", "100", "--steps", "200", "--eval-every-steps", "100",
        "--checkpoint-every", "150", "--master", "in-process", "--out", out), err.toString());
    StringWriter again = new StringWriter();
    assertEquals(2, run(again, "train", "--model", "ntk", "--data", data, "--width", "100", "--steps", "400", "--eval-every-steps", "100",
        "--checkpoint-every", "150", "--master", "in-process", "--out", out));
    assertTrue(again.toString().contains("give --resume to continue it"), again.toString());
    StringWriter resumed = new StringWriter();
    assertEquals(0, run(resumed, "train", "--model", "ntk", "--data", data, "--width", "100", "--steps", "400", "--eval-every-steps", "100",
        "--checkpoint-every", "150", "--resume", "--master", "in-process", "--out", out), resumed.toString());
    List<String> trace = Files.readAllLines(Path.of(out, "trace.csv"));
    assertEquals(5, trace.size() - 1, "evaluations at 0, 100, 200, 300, 400: " + trace);
    StringWriter refused = new StringWriter();
    assertEquals(2, run(refused, "train", "--model", "resfgb", "--data", "fmnist:all", "--checkpoint-every", "5",
        "--out", dir.resolve("e").toString()));
    assertTrue(refused.toString().contains("--checkpoint-every does not apply to --model resfgb"), refused.toString());
  }

  @Test
  void divergenceIsReportedWithExit3(@TempDir Path dir) {
    // R = 30 makes ‖∇_Θ g‖² ≈ 900 times what the step condition assumes (R = 1): the condition's step then diverges.
    StringWriter err = new StringWriter();
    int code = run(err, "train", "--model", "ntk", "--data", DATA, "--width", "200", "--output-scale", "30", "--steps", "300",
        "--eval-every-steps", "50", "--master", "in-process", "--out", dir.toString());
    assertEquals(3, code, err.toString());
    assertTrue(err.toString().contains("diverged") && err.toString().contains("--step"), err.toString());
  }

  @Test
  void spectrumWritesCsvAndSlopes(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    int code = run(err, "ntk-spectrum", "--d", "3", "--n", "120", "--width", "400", "--closed-form", "--fit-from", "2", "--fit-to", "60", "--out", dir.toString());
    assertEquals(0, code, err.toString());
    List<String> slopes = Files.readAllLines(dir.resolve("slopes.csv"));
    assertEquals(3, slopes.size());
    double slope = Double.parseDouble(slopes.get(2).split(",")[8]);
    assertTrue(slope < -0.8 && slope > -3.5, "closed-form slope " + slope);
    assertTrue(Files.size(dir.resolve("spectrum.png")) > 1000);
    assertEquals(2 * 120 + 1, Files.readAllLines(dir.resolve("spectrum.csv")).size());
    // --combine merges runs made apart (one per d, say) into one CSV pair and figure
    Path other = dir.resolve("d4");
    assertEquals(0, run(err, "ntk-spectrum", "--d", "4", "--n", "120", "--width", "400", "--out", other.toString()), err.toString());
    Path merged = dir.resolve("merged");
    assertEquals(0, run(err, "ntk-spectrum", "--combine", dir + "," + other, "--out", merged.toString()), err.toString());
    List<String> both = Files.readAllLines(merged.resolve("slopes.csv"));
    assertEquals(List.of(slopes.get(0), slopes.get(1), slopes.get(2), Files.readAllLines(other.resolve("slopes.csv")).get(1)), both);
    assertEquals(3 * 120 + 1, Files.readAllLines(merged.resolve("spectrum.csv")).size());
    assertTrue(Files.size(merged.resolve("spectrum.png")) > 1000);
  }

  @Test
  void sourceNormsWritesCsvAndPlotAndRefusesBadFlags(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    int code = run(err, "ntk-spectrum", "--source-norms", "--d", "2", "--n", "150", "--width", "300", "--r-grid", "0.5,1",
        "--out", dir.toString());
    assertEquals(0, code, err.toString());
    List<String> csv = Files.readAllLines(dir.resolve("source-norms.csv"));
    assertEquals(1 + 3 * 3 * 2, csv.size());
    assertTrue(csv.get(0).startsWith("target,operator,r,norm"));
    assertTrue(Files.size(dir.resolve("source-norms.png")) > 1000);
    String[][] bad = {{"--d", "2,3"}, {"--d", "2", "--r-grid", "0.4"}, {"--d", "2", "--closed-form"}, {"--d", "2", "--activation", "tanh"}};
    String[] names = {"--d", "--r-grid", "--closed-form", "relu"};
    for (int i = 0; i < bad.length; i++) {
      StringWriter e = new StringWriter();
      String[] args = new String[bad[i].length + 6];
      args[0] = "ntk-spectrum";
      args[1] = "--source-norms";
      args[2] = "--n";
      args[3] = "50";
      args[4] = "--out";
      args[5] = dir.resolve("bad").toString();
      System.arraycopy(bad[i], 0, args, 6, bad[i].length);
      assertEquals(2, run(e, args), String.join(" ", bad[i]) + ": " + e);
      assertTrue(e.toString().contains(names[i]) && e.toString().strip().lines().count() == 1, e.toString());
    }
  }
}
