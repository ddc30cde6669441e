package org.stochopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.spark.bench.BenchConfig;
import org.stochopt.spark.bench.BenchJob;
import org.stochopt.spark.bench.Curve;
import org.stochopt.spark.bench.LiblinearRun;

/**
 * {@code stochopt bench} on a small generated problem: every system is measured against the same
 * F*, so a wrong objective scaling for MLlib (regParam, labels, standardization) or LIBLINEAR (C)
 * shows up as a suboptimality far from 0 — or below 0, which no correct solution can reach.
 */
class BenchCommandTest {
  private static final String DATA = "synthetic:n=2000,d=10,seed=7";

  private static BenchConfig config(Path dir, String reg, Set<String> systems) {
    return new BenchConfig(DATA, reg, List.of("katyusha"), 32, 200, 3, "local[2]", systems, List.of(1e-2, 1e-4, 1e-6),
        300, 0, 0.5, 200, 0, List.of(1e-1, 1e-4, 1e-8), 1, dir.resolve("out"), dir.resolve("cache"));
  }

  @Test
  void everySystemReachesTheSharedOptimumAndTheReportIsWritten(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(LiblinearRun.executable() != null || System.getenv("CI") != null, "liblinear-train not installed");
    List<Curve> curves = new BenchJob(System.err).run(config(dir, "l2:1e-3", Set.copyOf(BenchConfig.SYSTEMS)));
    assertEquals(4, curves.size(), curves.toString());
    for (Curve c : curves) {
      // No system may beat the reference optimum by more than rounding: that would mean a different objective.
      assertTrue(c.best() > -1e-12, c.system() + " went below F*: " + c.best());
      if (c.system().startsWith("stochopt")) {
        assertNotNull(c.firstReaching(1e-6), c.system() + " did not reach 1e-6: best " + c.best());
      } else {
        // MLlib's L-BFGS and LIBLINEAR's Newton solve a 10-dimensional problem to rounding.
        assertTrue(c.best() < 1e-9, c.system() + " best " + c.best() + ": objective scaling differs from F");
      }
    }
    Path out = dir.resolve("out");
    assertEquals(1 + 4 * 3, Files.readAllLines(out.resolve("bench.csv")).size());
    assertTrue(Files.size(out.resolve("bench.png")) > 5000);
    String md = Files.readString(out.resolve("bench.md"));
    assertTrue(md.contains("| MLlib L-BFGS") && md.contains("| LIBLINEAR -s 0") && md.contains("Ratios from this run"), md);
    assertTrue(Files.readAllLines(out.resolve("curves.csv")).size() > 10);
  }

  @Test
  void l1UsesLiblinearSolverSixWithTheSameC(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(LiblinearRun.executable() != null || System.getenv("CI") != null, "liblinear-train not installed");
    List<Curve> curves = new BenchJob(System.err).run(config(dir, "l1:2e-3", Set.of("inprocess", "liblinear")));
    Curve lib = curves.get(1);
    assertTrue(lib.system().startsWith("LIBLINEAR -s 6"), lib.system());
    assertTrue(lib.best() < 1e-7 && lib.best() > -1e-12, "LIBLINEAR -s 6 relative suboptimality " + lib.best());
    assertNotNull(curves.get(0).firstReaching(1e-6));
  }

  @Test
  void badOptionsAreRefusedWithOneLine(@TempDir Path dir) {
    String[][] cases = {
      {"--methods", "katyusha,adam", "unknown method 'adam'"},
      {"--methods", "katyusha@fast", "bad step in --methods entry 'katyusha@fast'"},
      {"--methods", "katyusha@-1", "bad step in --methods entry 'katyusha@-1'"},
      {"--systems", "inprocess,sklearn", "unknown system 'sklearn'"},
      {"--targets", "2", "--targets values must be in (0, 1)"},
      {"--mllib-max-iter", "0", "'--mllib-max-iter': must be >= 1"},
    };
    for (String[] c : cases) {
      StringWriter err = new StringWriter();
      String[] args = {"bench", "--data", DATA, "--reg", "l2:1e-3", "--out", dir.toString(), c[0], c[1]};
      assertEquals(StochoptMain.USER_ERROR, StochoptMain.execute(new PrintWriter(err, true), args), err.toString());
      assertTrue(err.toString().startsWith("stochopt: error: ") && err.toString().contains(c[2]), err.toString());
    }
    StringWriter err = new StringWriter();
    assertEquals(StochoptMain.USER_ERROR, StochoptMain.execute(new PrintWriter(err, true), "bench", "--data", DATA,
        "--reg", "elasticnet:1e-3,0.5", "--out", dir.toString(), "--systems", "inprocess,liblinear"));
    assertTrue(err.toString().contains("LIBLINEAR has no elastic-net solver"), err.toString());
  }
}
