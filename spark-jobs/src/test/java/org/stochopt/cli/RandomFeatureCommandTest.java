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

/** {@code train --features} and {@code lownoise}, in-process. */
class RandomFeatureCommandTest {
  private static final String DATA = "lownoise:n=3000,d=3,margin=0.2,noise=0.1,seed=3";

  private static int run(StringWriter err, String... args) {
    return StochoptMain.execute(new PrintWriter(err, true), args);
  }

  private static JsonNode train(Path out, String... extra) throws Exception {
    StringWriter err = new StringWriter();
    List<String> args = new java.util.ArrayList<>(List.of("train", "--data", DATA, "--reg", "l2:1e-4", "--method", "svrg",
        "--batch-size", "32", "--master", "in-process", "--no-reference", "--max-passes", "15", "--out", out.toString()));
    args.addAll(List.of(extra));
    assertEquals(0, run(err, args.toArray(String[]::new)), err.toString());
    return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
  }

  @Test
  void anyMethodTrainsOnRandomFeaturesAndBeatsTheLinearModelOnXorData(@TempDir Path dir) throws Exception {
    JsonNode linear = train(dir.resolve("linear"));
    JsonNode rff = train(dir.resolve("rff"), "--features", "rff:gaussian,M=200,bandwidth=median,seed=2");
    JsonNode fly = train(dir.resolve("fly"), "--features", "rff:gaussian,M=200,bandwidth=median,seed=2,cache=no");
    assertTrue(linear.get("test_error").asDouble() > 0.3, "linear test error " + linear.get("test_error"));
    assertTrue(rff.get("test_error").asDouble() < 0.05, "RFF test error " + rff.get("test_error"));
    assertEquals(200, rff.get("d").asInt());
    assertTrue(rff.get("features").asText().startsWith("rff:gaussian,M=200"), rff.get("features").asText());
    // On-the-fly features take the identical path: same iterates, same test error.
    assertEquals(rff.get("objective").asDouble(), fly.get("objective").asDouble(), 0.0);
    assertEquals(rff.get("test_error").asDouble(), fly.get("test_error").asDouble(), 0.0);
  }

  @Test
  void featureShardedRunFollowsTheRowPartitionedRun(@TempDir Path dir) throws Exception {
    String spec = "rff:gaussian,M=60,bandwidth=median,seed=2";
    JsonNode rows = train(dir.resolve("rows"), "--features", spec, "--sampling", "importance");
    JsonNode shards = train(dir.resolve("shards"), "--features", spec + ",shards=7", "--sampling", "importance");
    assertEquals(60, shards.get("d").asInt());
    // Same minibatches and constants; margins are sums of 7 partial sums, so agreement is to rounding.
    assertEquals(rows.get("L").asDouble(), shards.get("L").asDouble(), 1e-12 * rows.get("L").asDouble());
    assertEquals(rows.get("L_max").asDouble(), shards.get("L_max").asDouble(), 0.0);
    assertEquals(rows.get("rounds").asLong(), shards.get("rounds").asLong());
    assertEquals(rows.get("objective").asDouble(), shards.get("objective").asDouble(), 1e-10);
    assertEquals(rows.get("test_error").asDouble(), shards.get("test_error").asDouble(), 0.0);
  }

  @Test
  void badFeatureSpecsExitTwoWithOneLine(@TempDir Path dir) {
    for (String[] bad : new String[][] {
        {"rff:gaussian,M=-1", "M (number of features) must be positive, got -1"},
        {"rff:cosine", "unknown random-feature kind 'cosine'"},
        {"gaussian", "must look like rff:KIND"},
        {"rff:gaussian,M=50,shards=60", "shards must be between 1 and M = 50 (every shard needs at least one feature"},
        {"rff:gaussian,M=50,shards=0", "shards must be between 1 and M = 50"},
        {"rff:gaussian,shards=x", "shards must be an integer, got 'x'"}}) {
      StringWriter err = new StringWriter();
      int code = run(err, "train", "--data", DATA, "--master", "in-process", "--features", bad[0], "--out", dir.toString());
      assertEquals(2, code, err.toString());
      assertTrue(err.toString().startsWith("stochopt: error: ") && err.toString().contains(bad[1]), err.toString());
      assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }
  }

  @Test
  void lowNoiseCommandWritesCsvAndPlotWithFallingError(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    int code = run(err, "lownoise", "--margins", "0.25", "--features", "200", "--d", "2", "--steps", "3000",
        "--evaluations", "6", "--seeds", "2", "--test-rows", "2000", "--out", dir.toString());
    assertEquals(0, code, err.toString());
    List<String> csv = Files.readAllLines(dir.resolve("lownoise.csv"));
    assertEquals("margin,features,iterate,step,test_error,standard_error", csv.get(0));
    assertEquals(1 + 2 * 7, csv.size());
    double first = Double.parseDouble(csv.get(1).split(",")[4]);
    double last = Double.parseDouble(csv.get(7).split(",")[4]);
    assertTrue(csv.get(7).contains(",averaged,3000,"), csv.get(7));
    assertTrue(last < first / 10, "averaged error " + first + " → " + last);
    assertTrue(Files.size(dir.resolve("lownoise.png")) > 5000);
    StringWriter bad = new StringWriter();
    assertEquals(2, run(bad, "lownoise", "--noise", "0.6", "--out", dir.toString()));
    assertTrue(bad.toString().contains("noise must be in [0, 0.5)"), bad.toString());
  }
}
