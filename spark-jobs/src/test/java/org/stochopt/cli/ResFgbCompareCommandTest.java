package org.stochopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code resfgb-compare}'s peer flags: out-of-range values and flags of a skipped peer are refused
 * with one line naming the flag, exit 2, before any data is read (so these cases cost no Spark).
 */
class ResFgbCompareCommandTest {
  private static int run(StringWriter err, String... args) {
    return StochoptMain.execute(new PrintWriter(err, true), args);
  }

  @Test
  void badOrInapplicablePeerFlagsExit2WithOneLineNamingTheFlag(@TempDir Path dir) {
    for (Object[] c : List.of(
        new Object[] {new String[] {"--mlp-iter", "0", "--mlp-chunk", "10"}, "--mlp-chunk does not apply when the MLP is skipped"},
        new Object[] {new String[] {"--mlp-iter", "0", "--mlp-hidden", "384"}, "--mlp-hidden does not apply"},
        new Object[] {new String[] {"--mlp-iter", "0", "--mlp-max-seconds", "60"}, "--mlp-max-seconds does not apply"},
        new Object[] {new String[] {"--mlp-iter", "-1"}, "--mlp-iter"},
        new Object[] {new String[] {"--mlp-max-seconds", "60"}, "--mlp-max-seconds needs --mlp-chunk"},
        new Object[] {new String[] {"--gbt-trees", "0", "--gbt-depth", "4"}, "--gbt-depth does not apply when the GBT is skipped"},
        new Object[] {new String[] {"--gbt-trees", "0", "--gbt-max-seconds", "600"}, "--gbt-max-seconds does not apply"},
        new Object[] {new String[] {"--gbt-trees", "0", "--gbt-rows", "5000"}, "--gbt-rows does not apply"},
        new Object[] {new String[] {"--gbt-trees", "0", "--gbt-step", "0.3"}, "--gbt-step does not apply"},
        new Object[] {new String[] {"--gbt-trees", "0", "--gbt-subsample", "0.5"}, "--gbt-subsample does not apply"},
        new Object[] {new String[] {"--gbt-depth", "31"}, "--gbt-depth must be in 1…30"},
        new Object[] {new String[] {"--gbt-depth", "0"}, "--gbt-depth"},
        new Object[] {new String[] {"--gbt-step", "0"}, "--gbt-step must be in (0, 1]"},
        new Object[] {new String[] {"--gbt-step", "1.5"}, "--gbt-step"},
        new Object[] {new String[] {"--gbt-subsample", "NaN"}, "--gbt-subsample"},
        new Object[] {new String[] {"--gbt-max-seconds", "-5"}, "--gbt-max-seconds"},
        new Object[] {new String[] {"--gbt-max-seconds", "Infinity"}, "--gbt-max-seconds"},
        new Object[] {new String[] {"--resfgb-in-process", "--resfgb-in-process-only"}, "exclude each other"})) {
      String[] extra = (String[]) c[0];
      String[] base = {"resfgb-compare", "--data", "fmnist:all", "--out", dir.toString()};
      String[] full = new String[base.length + extra.length];
      System.arraycopy(base, 0, full, 0, base.length);
      System.arraycopy(extra, 0, full, base.length, extra.length);
      StringWriter err = new StringWriter();
      assertEquals(2, run(err, full), String.join(" ", extra) + ": " + err);
      String msg = err.toString().strip();
      assertEquals(1, msg.lines().count(), msg);
      assertTrue(msg.contains((String) c[1]), String.join(" ", extra) + ": " + msg);
    }
  }
}
