package org.stochopt.spark.influence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mean ± sample sd over seeds, per method and k, and the files it writes. */
class CleanseSeedsTest {
  @Test
  void aggregatesEachMethodAndKOverTheSeeds(@TempDir Path dir) throws Exception {
    InfluenceConfig base = new InfluenceConfig("tiny", null, "logistic", 40, 0, 0, 0.3, true, 4, 3, 0.01, 7, "all", 64, false, 0.0, 100,
        false, 3, InfluenceConfig.IN_PROCESS, dir, 20, List.of(0, 10), 2);
    List<Integer> ks = base.ks();
    List<List<InfluenceReport.Curve>> runs = List.of(
        List.of(new InfluenceReport.Curve("SGD-influence", ks, new int[] {0, 10}, new double[] {0.10, 0.06}, new double[] {0.3, 0.2}),
            new InfluenceReport.Curve("random removal", ks, new int[] {0, 10}, new double[] {0.10, 0.10}, new double[] {0.3, 0.3})),
        List.of(new InfluenceReport.Curve("SGD-influence", ks, new int[] {0, 8}, new double[] {0.20, 0.08}, new double[] {0.4, 0.4}),
            new InfluenceReport.Curve("random removal", ks, new int[] {0, 8}, new double[] {0.20, 0.16}, new double[] {0.4, 0.5})));
    new CleanseSeeds(new PrintStream(new ByteArrayOutputStream())).aggregate(base, List.of(1L, 2L), runs);
    List<String> csv = Files.readAllLines(dir.resolve("cleanse-seeds.csv"));
    assertEquals("method,k,mean_removed,mean_test_error,sd_test_error,mean_val_loss,seeds", csv.get(0));
    String[] sgdAt10 = csv.get(2).split(",");
    assertEquals("SGD-influence", sgdAt10[0]);
    assertEquals(9.0, Double.parseDouble(sgdAt10[2]), 1e-12);
    assertEquals(0.07, Double.parseDouble(sgdAt10[3]), 1e-12);
    assertEquals(Math.sqrt(2) * 0.01, Double.parseDouble(sgdAt10[4]), 1e-12); // sample sd of {0.06, 0.08}
    assertEquals(0.3, Double.parseDouble(sgdAt10[5]), 1e-12);
    String[] randomAt10 = csv.get(4).split(",");
    assertEquals(0.13, Double.parseDouble(randomAt10[3]), 1e-12);
    assertTrue(Files.size(dir.resolve("cleanse-seeds.png")) > 0);
    assertTrue(Files.size(dir.resolve("summary-seeds.json")) > 0);
  }

  @Test
  void refusesASingleOrRepeatedSeed(@TempDir Path dir) {
    InfluenceConfig base = new InfluenceConfig("fmnist:7v9", null, "logistic", 40, 0, 0, 0.3, true, 4, 3, 0.01, 7, "all", 64, false, 0.0,
        100, false, 3, InfluenceConfig.IN_PROCESS, dir, 20, List.of(0, 10), 2);
    CleanseSeeds s = new CleanseSeeds(new PrintStream(new ByteArrayOutputStream()));
    assertThrows(IllegalArgumentException.class, () -> s.run(base, List.of(1L)));
    assertThrows(IllegalArgumentException.class, () -> s.run(base, List.of(1L, 1L)));
  }
}
