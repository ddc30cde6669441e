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

/** {@code train --method cocoa} and {@code --method auto} on wide data, end to end in-process; and its refusals. */
class CocoaCommandTest {
  private static final String WIDE = "hashtext:n=400,d=4096,nnzmin=20,nnzmax=40,seed=3";

  private static int run(StringWriter err, String... args) {
    return StochoptMain.execute(new PrintWriter(err, true), args);
  }

  @Test
  void autoPicksCocoaOnWideDataAndItsGapGoesToTraceSummaryAndStop(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    int code = run(err, "train", "--data", WIDE, "--reg", "l2:2.5e-3", "--master", "in-process", "--partitions", "2",
        "--no-reference", "--target-suboptimality", "1e-6", "--out", dir.resolve("run").toString());
    assertEquals(0, code, err.toString());
    JsonNode s = new ObjectMapper().readTree(dir.resolve("run/summary.json").toFile());
    assertEquals("cocoa", s.get("method").asText());
    assertTrue(s.get("method_choice").asText().contains("wide"), s.get("method_choice").asText());
    assertEquals("duality_gap", s.get("stop_reason").asText());
    assertTrue(s.get("certified_relative_suboptimality").asDouble() <= 1e-6, s.toString());
    // Two partitions: the accelerated loop runs (κ = 2λ₂) and did not stall here, which the summary says.
    assertTrue(s.get("cocoa_kappa").asDouble() > 0, s.toString());
    assertTrue(s.has("cocoa_plain_from_round") && s.get("cocoa_plain_from_round").isNull(), s.toString());
    List<String> trace = Files.readAllLines(dir.resolve("run/trace.csv"));
    assertTrue(trace.get(0).endsWith(",duality_gap"), trace.get(0));
    String[] last = trace.get(trace.size() - 1).split(",", -1);
    assertTrue(Double.parseDouble(last[last.length - 1]) > 0, trace.get(trace.size() - 1));
  }

  @Test
  void namedCocoaSkipsTheEstimateOfLWithoutChangingTheRun(@TempDir Path dir) throws Exception {
    // auto (which picks cocoa here) estimates L by power iteration; --method cocoa does not, since
    // CoCoA+ never reads L: the runs must agree on every objective and gap, and only the named run
    // reports L as not estimated.
    StringWriter autoErr = new StringWriter();
    StringWriter namedErr = new StringWriter();
    String[] common = {"train", "--data", WIDE, "--reg", "l2:2.5e-3", "--master", "in-process", "--partitions", "2",
        "--no-reference", "--target-suboptimality", "1e-8"};
    List<String> auto = new java.util.ArrayList<>(List.of(common));
    auto.addAll(List.of("--out", dir.resolve("auto").toString()));
    List<String> named = new java.util.ArrayList<>(List.of(common));
    named.addAll(List.of("--method", "cocoa", "--out", dir.resolve("named").toString()));
    assertEquals(0, run(autoErr, auto.toArray(String[]::new)), autoErr.toString());
    assertEquals(0, run(namedErr, named.toArray(String[]::new)), namedErr.toString());
    JsonNode a = new ObjectMapper().readTree(dir.resolve("auto/summary.json").toFile());
    JsonNode n = new ObjectMapper().readTree(dir.resolve("named/summary.json").toFile());
    assertEquals("cocoa", a.get("method").asText());
    assertTrue(a.get("L").asDouble() > 0 && a.get("L").asDouble() <= a.get("L_mean").asDouble(), a.toString());
    assertTrue(n.get("L").isNull() && n.get("kappa").isNull(), n.toString());
    assertEquals(a.get("L_mean").asDouble(), n.get("L_mean").asDouble());
    List<String> ta = Files.readAllLines(dir.resolve("auto/trace.csv"));
    List<String> tn = Files.readAllLines(dir.resolve("named/trace.csv"));
    assertEquals(ta.size(), tn.size());
    List<String> header = List.of(ta.get(0).split(","));
    int objective = header.indexOf("objective");
    int gap = header.indexOf("duality_gap");
    for (int i = 1; i < ta.size(); i++) {
      String[] x = ta.get(i).split(",", -1);
      String[] y = tn.get(i).split(",", -1);
      assertEquals(x[objective], y[objective], "round " + i);
      assertEquals(x[gap], y[gap], "round " + i);
    }
  }

  @Test
  void autoInProcessWithoutPartitionsUsesOneAndSaysSo(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    int code = run(err, "train", "--data", WIDE, "--reg", "l2:2.5e-3", "--master", "in-process", "--no-reference",
        "--target-suboptimality", "1e-6", "--out", dir.resolve("run").toString());
    assertEquals(0, code, err.toString());
    JsonNode s = new ObjectMapper().readTree(dir.resolve("run/summary.json").toFile());
    assertEquals("cocoa", s.get("method").asText());
    assertEquals(1, s.get("partitions").asInt(), s.toString());
    assertTrue(s.get("method_choice").asText().contains("one partition"), s.get("method_choice").asText());
    assertEquals("duality_gap", s.get("stop_reason").asText());
    // A method the user named keeps the default partitions.
    code = run(err, "train", "--data", WIDE, "--reg", "l2:2.5e-3", "--method", "cocoa", "--master", "in-process", "--no-reference",
        "--max-rounds", "2", "--out", dir.resolve("named").toString());
    assertEquals(0, code, err.toString());
    assertEquals(4, new ObjectMapper().readTree(dir.resolve("named/summary.json").toFile()).get("partitions").asInt());
  }

  @Test
  void elasticNetAndL1RunWithACertificateForTheProblemAsked(@TempDir Path dir) throws Exception {
    for (String[] c : new String[][] {{"auto", "elasticnet:5e-3,0.5", "1e-6"}, {"cocoa", "l1:5e-3", "1e-6"}}) {
      StringWriter err = new StringWriter();
      Path out = dir.resolve(c[1].substring(0, 2));
      int code = run(err, "train", "--data", WIDE, "--method", c[0], "--reg", c[1], "--master", "in-process", "--partitions", "2",
          "--no-reference", "--target-suboptimality", c[2], "--max-rounds", "3000", "--out", out.toString());
      assertEquals(0, code, err.toString());
      JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
      assertEquals("cocoa", s.get("method").asText(), c[1]);
      assertEquals("duality_gap", s.get("stop_reason").asText(), c[1]);
      assertTrue(s.get("certified_relative_suboptimality").asDouble() <= Double.parseDouble(c[2]), s.toString());
    }
  }

  @Test
  void refusesWhatItDoesNotSolveWithExitTwoAndOneLine(@TempDir Path dir) {
    String[][] cases = {
      {"--loss", "squared", "--reg", "l2:1e-3"},
      {"--reg", "none"},
      {"--reg", "l2:1e-3", "--batch-size", "8"},
      {"--reg", "l2:1e-3", "--step", "0.1"},
      {"--reg", "l2:1e-3", "--checkpoint-every", "5"},
      {"--reg", "l1:1e-3", "--appa-kappa", "1e-3"}, // the accelerated loop needs λ₂ > 0
      {"--reg", "l2:1e-3", "--appa-kappa", "-1"},
    };
    for (String[] extra : cases) {
      StringWriter err = new StringWriter();
      List<String> args = new java.util.ArrayList<>(List.of("train", "--data", WIDE, "--method", "cocoa", "--master", "in-process",
          "--out", dir.resolve("r" + extra.length + extra[1].hashCode()).toString()));
      args.addAll(List.of(extra));
      assertEquals(2, run(err, args.toArray(String[]::new)), String.join(" ", extra) + ": " + err);
      assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }
  }
}
