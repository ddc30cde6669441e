package org.stochopt.spark.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every config value is checked before anything runs, with one line naming the file and the key. */
class SweepConfigTest {
  private static final String BASE = "data: synthetic:n=1000,d=5,seed=1\nmethods: [svrg]\nbatch_sizes: [4, 16]\n";

  private static String error(String yaml) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepConfigReader.parse(yaml, "s.yaml", true));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertTrue(e.getMessage().startsWith("s.yaml: "), e.getMessage());
    return e.getMessage();
  }

  @Test
  void aMinimalConfigGetsTheDocumentedDefaults() {
    SweepConfig c = SweepConfigReader.parse(BASE, "s.yaml", true);
    assertEquals(List.of(4, 16), c.batchSizes());
    assertEquals(List.of(1.0), c.stepMultipliers());
    assertEquals(List.of(1L), c.seeds());
    assertEquals(1e-6, c.target());
    assertEquals(200, c.maxPasses());
    assertEquals("local[2]", c.master());
    assertEquals("logistic", c.loss());
    assertEquals(2, c.cells().size());
  }

  @Test
  void rangesExpandAndNumbersMayBeQuoted() {
    SweepConfig c = SweepConfigReader.parse("{\"data\": \"synthetic:n=1000,d=5\", \"methods\": [\"svrg\", \"sgd\"],"
        + " \"batch_sizes\": {\"min\": 2, \"max\": 100, \"factor\": 3}, \"target\": \"1e-5\", \"seeds\": [3, 4],"
        + " \"step_multipliers\": [0.5, 1]}", "s.json", false);
    assertEquals(List.of(2, 6, 18, 54), c.batchSizes());
    assertEquals(1e-5, c.target());
    assertEquals(2 * 4 * 2 * 2, c.cells().size());
    assertEquals("sgd-b000002-x0.5-s3", c.cells().get(16).id());
  }

  @Test
  void theDefaultConfigIsValid() throws Exception {
    SweepConfig c = SweepConfigReader.readDefault();
    assertTrue(c.cells().size() >= 5);
    assertEquals("local[2]", c.master());
  }

  @Test
  void badValuesNameTheirKey() {
    assertTrue(error(BASE + "target: 2\n").contains("target: must be a relative suboptimality in (0, 1), got 2.0"));
    assertTrue(error(BASE.replace("[4, 16]", "[16, 4]")).contains("batch_sizes[1]: sizes must be strictly increasing"));
    assertTrue(error(BASE.replace("[4, 16]", "[0, 4]")).contains("batch_sizes[0]: must be a positive integer, got 0"));
    assertTrue(error(BASE.replace("[4, 16]", "[4, 2000]")).contains("batch_sizes[1]: 2000 exceeds the 1000 rows"));
    assertTrue(error(BASE.replace("[4, 16]", "[4, 1.5]")).contains("batch_sizes[1]: expected an integer, got 1.5"));
    assertTrue(error(BASE.replace("[svrg]", "[svrg, adam]")).contains("methods[1]: unknown method 'adam'"));
    assertTrue(error(BASE.replace("[svrg]", "[svrg, svrg]")).contains("methods[1]: 'svrg' is listed twice"));
    assertTrue(error(BASE + "batchsizes: [1]\n").contains("batchsizes: unknown key"));
    assertTrue(error(BASE + "loss: hinge\n").startsWith("s.yaml: loss: "));
    assertTrue(error(BASE + "regularizer: l3:1\n").startsWith("s.yaml: regularizer: "));
    assertTrue(error(BASE + "step_multipliers: [1, -2]\n").contains("step_multipliers[1]: must be a positive number"));
    assertTrue(error(BASE + "max_passes: 0\n").contains("max_passes: a sweep needs a per-cell budget"));
    assertTrue(error(BASE + "resolution: 0\n").contains("resolution: must be in (0, 1]"));
    assertTrue(error(BASE + "near_linear_ratio: 0.4\n").contains("near_linear_ratio: must be in (0.5, 1)"));
    assertTrue(error(BASE + "noise_scale: {small_batch: 8, big_batch: 4}\n").contains("noise_scale.big_batch: must exceed small_batch"));
    assertTrue(error(BASE + "noise_scale: {pairs: x}\n").contains("noise_scale.pairs: expected a number, got \"x\""));
    assertTrue(error(BASE + "partitions: -1\n").contains("partitions: must be >= 1"));
    assertTrue(error(BASE.replace("seed=1", "seed=1,k=2")).startsWith("s.yaml: data: "));
    assertTrue(error("methods: [svrg]\nbatch_sizes: [4]\n").contains("data: is required"));
    assertTrue(error(BASE.replace("batch_sizes: [4, 16]", "batch_sizes: {min: 4, max: 16}")).contains("batch_sizes.factor: is required"));
  }

  @Test
  void syntaxErrorsGiveTheLine() {
    String msg = error(BASE + "seeds: [1, 2\nmaster: x\n");
    assertTrue(msg.matches("s\\.yaml: line \\d+: not valid YAML: .*"), msg);
  }
}
