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

/** The command line end to end, in-process (no Spark start-up): outputs, fields, and user errors. */
class CommandLineTest {

  private static int run(StringWriter err, String... args) {
    return StochoptMain.execute(new PrintWriter(err, true), args);
  }

  @Test
  void trainWritesTraceSummaryAndPlot(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    int code = run(err, "train", "--data", "synthetic:n=2000,d=10,seed=2",
        "--reg", "l2:1e-3", "--method", "svrg", "--batch-size", "20", "--master", "in-process",
        "--out", dir.resolve("run").toString(), "--cache-dir", dir.resolve("cache").toString());
    assertEquals(0, code, err.toString());
    JsonNode s = new ObjectMapper().readTree(dir.resolve("run/summary.json").toFile());
    for (String field : List.of("method", "batch_size", "rounds", "gradient_evaluations", "effective_passes", "seconds",
        "objective", "reference_objective", "relative_suboptimality", "test_error", "seed", "master")) {
      assertTrue(s.hasNonNull(field), "summary.json lacks " + field);
    }
    assertEquals("svrg", s.get("method").asText());
    assertTrue(s.get("relative_suboptimality").asDouble() <= 1e-6);
    // The default test split holds fresh rows of the same teacher, which labels about 80% by its own sign.
    assertTrue(s.get("test_error").asDouble() < 0.3, "test error " + s.get("test_error"));
    List<String> trace = Files.readAllLines(dir.resolve("run/trace.csv"));
    assertTrue(trace.get(0).startsWith("step,rounds,gradient_evaluations,effective_passes"));
    assertTrue(trace.size() > 3);
    assertTrue(Files.size(dir.resolve("run/convergence.png")) > 1000);
    // A second run hits the reference cache and gets the same F*.
    assertEquals(0, run(err, "train", "--data", "synthetic:n=2000,d=10,seed=2", "--reg", "l2:1e-3", "--method", "sgd",
        "--batch-size", "50", "--max-passes", "5", "--master", "in-process",
        "--out", dir.resolve("run2").toString(), "--cache-dir", dir.resolve("cache").toString()), err.toString());
    JsonNode s2 = new ObjectMapper().readTree(dir.resolve("run2/summary.json").toFile());
    assertEquals(s.get("reference_objective").asDouble(), s2.get("reference_objective").asDouble(), 0.0);
    assertEquals(1, Files.list(dir.resolve("cache")).count());
  }

  @Test
  void l1RunProducesExactZeros(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    int code = run(err, "train", "--data", "synthetic:n=2000,d=40,seed=5", "--reg", "l1:2e-2", "--method", "svrg",
        "--batch-size", "10", "--master", "in-process", "--target-suboptimality", "1e-8", "--max-passes", "200",
        "--out", dir.toString(), "--cache-dir", dir.resolve("cache").toString());
    assertEquals(0, code, err.toString());
    JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    int nnz = s.get("nonzeros").asInt();
    assertTrue(nnz > 0 && nnz < 40, "expected exact zeros, nonzeros = " + nnz);
    assertEquals("target_suboptimality", s.get("stop_reason").asText());
  }

  /** Every optimal minibatch method trains from the command line, for each loss, to the target, with importance sampling by default. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "katyusha, logistic, l2:1e-3", "dasvrda, squared, 'elasticnet:1e-3,0.5'", "accsvrg-appa, smoothed-hinge, l1:1e-3",
    "accsvrg, logistic, l2:1e-3", "local-katyusha, logistic, l1:1e-4", "local-katyusha, squared, l2:1e-3"
  })
  void optimalMinibatchMethodsTrainFromTheCommandLine(String method, String loss, String reg, @TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    int code = run(err, "train", "--data", "synthetic:n=2000,d=10,seed=2", "--loss", loss, "--reg", reg, "--method", method,
        "--batch-size", "32", "--master", "in-process", "--target-suboptimality", "1e-7", "--max-passes", "400",
        "--out", dir.resolve("run").toString(), "--cache-dir", dir.resolve("cache").toString());
    assertEquals(0, code, err.toString());
    JsonNode s = new ObjectMapper().readTree(dir.resolve("run/summary.json").toFile());
    assertEquals(method, s.get("method").asText());
    assertEquals("importance", s.get("sampling").asText());
    assertEquals("target_suboptimality", s.get("stop_reason").asText(), err.toString());
    assertTrue(Files.size(dir.resolve("run/convergence.png")) > 1000);
  }

  @Test
  void methodOverridesAreValidated(@TempDir Path dir) {
    for (String[] args : List.of(
        new String[] {"--method", "katyusha", "--tau1", "1.5"},
        new String[] {"--method", "katyusha", "--tau2", "0.7"},
        new String[] {"--method", "dasvrda", "--restart", "sometimes"},
        new String[] {"--method", "accsvrg-appa", "--appa-kappa", "-1"},
        new String[] {"--method", "accsvrg", "--reg", "l1:1e-3"},
        new String[] {"--method", "katyusha", "--sampling", "sometimes"},
        new String[] {"--method", "local-svrg", "--sampling", "importance"},
        new String[] {"--method", "local-katyusha", "--features", "rff:gaussian,M=16,shards=2"})) {
      StringWriter err = new StringWriter();
      String[] full = new String[args.length + 6];
      System.arraycopy(new String[] {"train", "--data", "synthetic:n=200,d=4,seed=1", "--master", "in-process", "--out"}, 0, full, 0, 6);
      System.arraycopy(args, 0, full, 6, args.length);
      String[] withOut = java.util.Arrays.copyOf(full, full.length + 1);
      System.arraycopy(full, 6, withOut, 7, args.length);
      withOut[6] = dir.resolve("o").toString();
      assertEquals(StochoptMain.USER_ERROR, run(err, withOut), String.join(" ", args) + ": " + err);
      String msg = err.toString().trim();
      assertTrue(msg.startsWith("stochopt: error: ") && !msg.contains("\tat "), msg);
    }
  }

  @Test
  void malformedFileGivesOneLineWithFileAndLine(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.svm");
    Files.writeString(bad, "1 1:0.5 2:1\n-1 0:1\n");
    StringWriter err = new StringWriter();
    int code = run(err, "train", "--data", bad.toString(), "--master", "in-process", "--out", dir.resolve("o").toString());
    assertEquals(StochoptMain.USER_ERROR, code);
    String msg = err.toString().trim();
    assertTrue(msg.startsWith("stochopt: error: " + bad + ":2:"), msg);
    assertFalse(msg.contains("\n") || msg.contains("\tat "), "one line, no stack trace: " + msg);
  }

  @Test
  void badValuesAreUserErrors(@TempDir Path dir) {
    for (String[] args : List.of(
        new String[] {"train", "--data", "synthetic:n=100,d=3", "--reg", "l2:-1", "--master", "in-process"},
        new String[] {"train", "--data", "synthetic:n=100,d=3", "--method", "adam", "--master", "in-process"},
        new String[] {"train", "--data", "synthetic:n=100,d=3", "--batch-size", "0", "--master", "in-process"},
        new String[] {"train", "--data", dir.resolve("missing.svm").toString(), "--master", "in-process"},
        new String[] {"train", "--data", "fmnist:7v7", "--master", "in-process"})) {
      StringWriter err = new StringWriter();
      assertEquals(StochoptMain.USER_ERROR, run(err, args), String.join(" ", args) + " -> " + err);
      assertTrue(err.toString().startsWith("stochopt: error: "), err.toString());
    }
  }

  @Test
  void divergenceStopsWithAdvice(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    int code = run(err, "train", "--data", "synthetic:n=500,d=10,seed=1", "--loss", "squared", "--reg", "l2:1e-3",
        "--method", "sgd", "--schedule", "constant", "--step", "100", "--batch-size", "50", "--master", "in-process",
        "--no-reference", "--out", dir.toString());
    assertEquals(StochoptMain.DIVERGED, code, err.toString());
    assertTrue(err.toString().contains("reduce --step"), err.toString());
  }

  @Test
  void exportWritesLibsvm(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    assertEquals(0, run(err, "export", "--data", "synthetic:n=50,d=4,seed=1", "--out", dir.toString()), err.toString());
    List<String> lines = Files.readAllLines(dir.resolve("train.libsvm"));
    assertEquals(50, lines.size());
    assertTrue(lines.get(0).matches("-?1 1:\\S+ 2:\\S+ 3:\\S+ 4:\\S+"), lines.get(0));
  }
}
