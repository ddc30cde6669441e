package org.stochopt.spark.influence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.spark.SparkTestSession;

/** The same influence run in-process and on local[2]: the same bits, and the command's files. */
class InfluenceBackendAgreementTest {
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = SparkTestSession.start();
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  private static RowBlock rows(int n, int d, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n * d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double z = 0;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = rng.nextGaussian();
        z += x[i * d + j] * (j + 1) / d;
      }
      y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-2 * z)) ? 1 : -1;
    }
    return new DenseRowBlock(d, x, y, 0);
  }

  private static InfluenceData data() {
    RowBlock train = rows(60, 6, 1);
    boolean[] flipped = new boolean[60];
    long[] source = new long[60];
    for (int i = 0; i < 60; i++) source[i] = i;
    return new InfluenceData("tiny", train, rows(40, 6, 2), rows(50, 6, 3), source, flipped);
  }

  private static InfluenceConfig config(Path out, long memoryMb) {
    return new InfluenceConfig("tiny", null, "logistic", 40, 0, 0, 0.3, true, 4, 3, 0.01, 7, "all", memoryMb, true, 0.0, 100, false, 3,
        InfluenceConfig.IN_PROCESS, out, 20, List.of(0, 5, 10), 2);
  }

  @Test
  void inProcessAndSparkGiveTheSameInfluenceBitForBit(@TempDir Path dir) throws Exception {
    InfluenceData data = data();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    InfluenceRun.Outcome local;
    try (InfluenceBackend b = InfluenceBackend.inProcess(2)) {
      local = new InfluenceJob(quiet).compute(config(dir.resolve("a"), 64), data, b).outcome();
    }
    InfluenceRun.Outcome spark;
    try (InfluenceBackend b = InfluenceBackend.spark(sc)) {
      spark = new InfluenceJob(quiet).compute(config(dir.resolve("b"), 64), data, b).outcome();
    }
    assertArrayEquals(local.theta(), spark.theta());
    assertArrayEquals(local.influence(), spark.influence());
    assertArrayEquals(local.kohLiang(), spark.kohLiang());
    assertEquals(local.testError(), spark.testError());
    // the loop's trace (one point per epoch of 15 steps, and the start) is the same on both backends
    assertEquals(List.of(0L, 15L, 30L, 45L), local.trace().stream().map(t -> t.step()).toList());
    assertEquals(local.trace().stream().map(t -> t.objective()).toList(), spark.trace().stream().map(t -> t.objective()).toList());
  }

  /** The two-layer network (exact HVP) on both backends: the same θ_T and estimates, bit for bit. */
  @Test
  void twoLayerNetworkGivesTheSameInfluenceOnBothBackends(@TempDir Path dir) throws Exception {
    InfluenceData data = data();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    InfluenceNetwork net = new InfluenceNetwork(8, org.stochopt.core.ntk.Activation.parse("tanh"), 1.0, 0.5);
    InfluenceRun.Outcome local;
    try (InfluenceBackend b = InfluenceBackend.inProcess(2)) {
      local = new InfluenceJob(quiet).compute(networkConfig(dir.resolve("a"), net, false), data, b).outcome();
    }
    InfluenceRun.Outcome spark;
    try (InfluenceBackend b = InfluenceBackend.spark(sc)) {
      spark = new InfluenceJob(quiet).compute(networkConfig(dir.resolve("b"), net, false), data, b).outcome();
    }
    assertEquals(8 * (6 + 2), local.theta().length);
    assertArrayEquals(local.theta(), spark.theta());
    assertArrayEquals(local.influence(), spark.influence());
  }

  private static InfluenceConfig networkConfig(Path out, InfluenceNetwork net, boolean harmfulOnly) {
    return new InfluenceConfig("tiny", null, "logistic", 40, 0, 0, 0.3, true, 4, 3, 0.01, 7, "all", 64, false, 0.0, 100, false, 3,
        InfluenceConfig.IN_PROCESS, out, 20, List.of(0, 5, 59), 2, net, harmfulOnly, 0);
  }

  /** --harmful-only never removes a row the estimate does not call harmful; random removal removes as many. */
  @Test
  void harmfulOnlyCleanseStopsAtTheRowsWithNegativeInfluence(@TempDir Path dir) throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    try (InfluenceBackend b = InfluenceBackend.inProcess(2)) {
      new CleanseJob(quiet).run(networkConfig(dir, null, true), data(), b);
    }
    List<String> influence = Files.readAllLines(dir.resolve("influence.csv"));
    long harmful = influence.stream().skip(1).filter(l -> Double.parseDouble(l.split(",")[5]) < 0).count();
    assertTrue(harmful > 0 && harmful < 59, "harmful rows: " + harmful);
    List<String> csv = Files.readAllLines(dir.resolve("cleanse.csv"));
    assertEquals("method,k,removed,test_error,val_loss", csv.get(0));
    assertTrue(csv.stream().anyMatch(l -> l.startsWith("SGD-influence,59," + harmful + ",")), String.join("\n", csv));
    assertTrue(csv.stream().anyMatch(l -> l.startsWith("random removal,59," + harmful + ",")), String.join("\n", csv));
    assertTrue(csv.stream().anyMatch(l -> l.startsWith("SGD-influence,5,5,")));
  }

  @Test
  void cleanseWritesItsFilesAndRemovingNothingKeepsTheTestError(@TempDir Path dir) throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    Map<String, Object> m;
    try (InfluenceBackend b = InfluenceBackend.inProcess(2)) {
      m = new CleanseJob(quiet).run(config(dir, 64), data(), b);
    }
    for (String f : List.of("influence.csv", "trace.csv", "histogram.png", "cleanse.csv", "cleanse.png", "summary.json")) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> errors = (Map<String, Map<String, Object>>) m.get("cleanse_test_error");
    assertEquals(m.get("test_error"), errors.get("SGD-influence").get("0"));
    assertEquals(m.get("test_error"), errors.get("random removal").get("0"));
    List<String> csv = Files.readAllLines(dir.resolve("influence.csv"));
    assertEquals(61, csv.size());
    assertTrue(csv.get(0).startsWith("rank,row,source_row,label,flipped,influence,koh_liang"));
  }
}
