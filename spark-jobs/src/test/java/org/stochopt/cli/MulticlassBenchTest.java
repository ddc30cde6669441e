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
import org.stochopt.datasets.io.LibsvmWriter;
import org.stochopt.spark.MulticlassData;
import org.stochopt.spark.bench.BenchConfig;
import org.stochopt.spark.bench.BenchJob;
import org.stochopt.spark.bench.Curve;
import org.stochopt.spark.bench.LiblinearRun;

/**
 * {@code bench --loss ovr-logistic | multinomial} on small K-class data: LIBLINEAR (one-vs-rest
 * only) is measured against the one F* of the d·K problem, so a wrong class order or objective
 * scaling shows as a suboptimality far from 0 or below 0; it is reported as not solving the
 * multinomial objective.
 */
class MulticlassBenchTest {
  private static BenchConfig config(Path dir, Path data, String loss, Set<String> systems) {
    return new BenchConfig(data.toString(), "l2:2e-3", List.of("katyusha"), 32, 200, 3, "local[2]", systems, List.of(1e-2, 1e-4, 1e-6),
        300, 0, 0.5, 200, 0, List.of(1e-1, 1e-8), 1, dir.resolve("out-" + loss), dir.resolve("cache"), loss);
  }

  /** In-process stochopt and LIBLINEAR (no Spark here: MLlib is checked in MulticlassOnSparkTest on a shared session). */
  @Test
  void liblinearReachesTheSharedOneVsRestOptimumAndIsNotComparedOnMultinomial(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(LiblinearRun.executable() != null || System.getenv("CI") != null, "liblinear-train not installed");
    Path data = dir.resolve("classes.libsvm");
    LibsvmWriter.write(MulticlassData.generate(600, 8, 4, 0.8, 3), data);
    for (String loss : List.of("ovr-logistic", "multinomial")) {
      List<Curve> curves = new BenchJob(System.err).run(config(dir, data, loss, Set.of("inprocess", "liblinear")));
      assertEquals(loss.equals("multinomial") ? 1 : 2, curves.size(), curves.toString());
      for (Curve c : curves) {
        assertTrue(c.best() > -1e-12, loss + ": " + c.system() + " went below F*: " + c.best());
        if (c.system().startsWith("stochopt")) {
          assertNotNull(c.firstReaching(1e-6), loss + ": " + c.system() + " did not reach 1e-6: best " + c.best());
        } else {
          // A wrong class-to-column map or C would leave LIBLINEAR's model far from F*.
          assertTrue(c.system().startsWith("LIBLINEAR -s 0"), c.system());
          assertTrue(c.best() < 1e-9, loss + ": " + c.system() + " best " + c.best() + ": its objective differs from F");
        }
      }
      String md = Files.readString(dir.resolve("out-" + loss).resolve("bench.md"));
      assertTrue(md.contains(loss + " (4 classes)"), md);
      assertEquals(loss.equals("multinomial"), md.contains("LIBLINEAR: not run"), md);
    }
  }

  @Test
  void badLossIsRefusedWithOneLine(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    assertEquals(StochoptMain.USER_ERROR, StochoptMain.execute(new PrintWriter(err, true), "bench", "--data", "fmnist:all",
        "--loss", "squared", "--reg", "l2:1e-3", "--out", dir.toString()));
    assertTrue(err.toString().contains("bench --loss must be logistic, multinomial[:K] or ovr-logistic[:K]"), err.toString());
  }
}
