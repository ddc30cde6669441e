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

/** {@code train --method proxcocoa} end to end in-process (L1 against the OWL-QN reference, gap in trace and summary); its refusals. */
class ProxCocoaCommandTest {
  private static final String WIDE = "hashtext:n=400,d=4096,nnzmin=20,nnzmax=40,seed=3";

  private static int run(StringWriter err, String... args) {
    return StochoptMain.execute(new PrintWriter(err, true), args);
  }

  @Test
  void l1ReachesTheReferenceWithItsGapInTraceAndSummary(@TempDir Path dir) throws Exception {
    for (String partitions : new String[] {"1", "3"}) {
      StringWriter err = new StringWriter();
      Path out = dir.resolve("p" + partitions);
      int code = run(err, "train", "--data", WIDE, "--method", "proxcocoa", "--reg", "l1:2e-3", "--master", "in-process",
          "--partitions", partitions, "--target-suboptimality", "1e-6", "--max-rounds", "500", "--out", out.toString());
      assertEquals(0, code, err.toString());
      JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
      assertEquals("proxcocoa", s.get("method").asText());
      assertEquals("target_suboptimality", s.get("stop_reason").asText(), s.toString());
      assertTrue(s.get("relative_suboptimality").asDouble() <= 1e-6, s.toString());
      assertTrue(s.get("duality_gap").asDouble() > 0, s.toString());
      // The curvature model's line search succeeded every round here: the summary says so (null, not absent).
      assertTrue(s.has("proxcocoa_bound_model_from_round") && s.get("proxcocoa_bound_model_from_round").isNull(), s.toString());
      List<String> trace = Files.readAllLines(out.resolve("trace.csv"));
      assertTrue(trace.get(0).endsWith(",duality_gap"), trace.get(0));
      int nnz = s.get("nonzeros").asInt();
      assertTrue(nnz > 0 && nnz < 4096 / 4, "an L1 solution is sparse: " + nnz);
    }
  }

  @Test
  void autoGivesPureL1OnWideDataToProxcocoaOnOnePartition(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    int code = run(err, "train", "--data", WIDE, "--reg", "l1:2e-3", "--master", "in-process", "--max-rounds", "5",
        "--out", dir.resolve("run").toString());
    assertEquals(0, code, err.toString());
    JsonNode s = new ObjectMapper().readTree(dir.resolve("run/summary.json").toFile());
    assertEquals("proxcocoa", s.get("method").asText());
    assertEquals(1, s.get("partitions").asInt(), s.toString());
    assertTrue(s.get("method_choice").asText().contains("pure L1"), s.get("method_choice").asText());
    // The elastic net stays with the dual cocoa (as fast as L2 there).
    code = run(err, "train", "--data", WIDE, "--reg", "elasticnet:5e-3,0.5", "--master", "in-process", "--max-rounds", "2",
        "--out", dir.resolve("en").toString());
    assertEquals(0, code, err.toString());
    assertEquals("cocoa", new ObjectMapper().readTree(dir.resolve("en/summary.json").toFile()).get("method").asText());
  }

  @Test
  void refusesWhatItDoesNotSolveWithExitTwoAndOneLine(@TempDir Path dir) {
    String[][] cases = {
      {"--loss", "squared", "--reg", "l1:1e-3"},
      {"--loss", "smoothed-hinge", "--reg", "l1:1e-3"},
      {"--reg", "none"},
      {"--reg", "l1:1e-3", "--batch-size", "8"},
      {"--reg", "l1:1e-3", "--step", "0.1"},
      {"--reg", "l1:1e-3", "--appa-kappa", "1e-3"},
      {"--reg", "l1:1e-3", "--checkpoint-every", "5"},
    };
    for (String[] extra : cases) {
      StringWriter err = new StringWriter();
      List<String> args = new java.util.ArrayList<>(List.of("train", "--data", WIDE, "--method", "proxcocoa", "--master", "in-process",
          "--out", dir.resolve("r" + extra.length + extra[1].hashCode()).toString()));
      args.addAll(List.of(extra));
      assertEquals(2, run(err, args.toArray(String[]::new)), String.join(" ", extra) + ": " + err);
      assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }
  }
}
