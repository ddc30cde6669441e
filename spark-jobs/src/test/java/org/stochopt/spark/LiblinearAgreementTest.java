package org.stochopt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.method.ProxSvrg;
import org.stochopt.core.method.ProxSvrgConfig;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.StepSizes;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.reference.OwlqnSolver;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;
import org.stochopt.datasets.io.LibsvmWriter;
import org.stochopt.datasets.synth.LogisticTeacher;
import org.stochopt.spark.data.PartitionedData;

/**
 * The optimum is checked against an independent solver, LIBLINEAR (Debian package
 * liblinear-tools), on the exported data: its objective min ½‖w‖² + C Σ log(1+e^{−y wᵀx}) is ours
 * times C·n with λ = 1/(C·n) (and ‖w‖₁ for -s 6). Both our reference solver and prox-SVRG must
 * reach LIBLINEAR's objective.
 */
class LiblinearAgreementTest {
  private static final LogisticTeacher DATA = new LogisticTeacher(2000, 20, 0.5, 20, 7);

  @Test
  void l2LogisticMatchesLiblinear(@TempDir Path dir) throws Exception {
    check(dir, "l2", 0);
  }

  @Test
  void l1LogisticMatchesLiblinear(@TempDir Path dir) throws Exception {
    check(dir, "l1", 6);
  }

  private void check(Path dir, String kind, int solver) throws Exception {
    String exe = liblinear();
    RowBlock block = DATA.generate(0, DATA.n());
    Path data = dir.resolve("train.libsvm");
    LibsvmWriter.write(block, data);
    double c = kind.equals("l2") ? 1.0 : 0.05;
    double lambda = 1.0 / (c * DATA.n());
    Regularizer reg = Regularizers.parse(kind + ":" + lambda);
    Path model = dir.resolve("model");
    Process p = new ProcessBuilder(exe, "-s", Integer.toString(solver), "-c", Double.toString(c), "-e", "1e-10", "-q",
        data.toString(), model.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    double[] wLib = readModel(model, DATA.d());

    InMemoryOracle oracle = new InMemoryOracle(new LinearObjective(new LogisticLoss(), DATA.d()),
        PartitionedData.layout(block, 4));
    double fLib = oracle.evaluate(wLib, new double[DATA.d()]) + reg.value(wLib);
    double fRef = OwlqnSolver.highPrecision().solve(oracle, reg, new double[DATA.d()]).objective();
    assertEquals(fLib, fRef, 1e-9 * fLib, "reference solver vs LIBLINEAR (" + kind + ")");

    ProblemConstants k = ProblemConstants.estimate(oracle, 0.25, reg, 1);
    int b = 16;
    ProxSvrg svrg = new ProxSvrg(new ProxSvrgConfig(b, StepSizes.svrg(k, b), (DATA.n() + b - 1) / b, ProxSvrgConfig.Anchor.LAST));
    ProblemContext ctx = new ProblemContext(oracle, reg, new SamplingPlan(3, oracle.partitionSizes(), SamplingScheme.WITHOUT_REPLACEMENT), k);
    RunResult r = new Runner(new Runner.Options(0.25, 1000, 1e6, "")).run(svrg, ctx, new double[DATA.d()],
        new StoppingRules(0, 500, 1e-6, 0, 0), new Evaluator(oracle, reg, k.globalL(), fLib, null), t -> {});
    assertEquals(StoppingRules.Reason.TARGET_SUBOPTIMALITY, r.reason(), "SVRG vs LIBLINEAR's objective: " + r.last());
    if (kind.equals("l1")) {
      int zerosLib = 0;
      int zerosBoth = 0;
      for (int j = 0; j < DATA.d(); j++) {
        if (wLib[j] == 0) {
          zerosLib++;
          if (r.solution()[j] == 0) zerosBoth++;
        }
      }
      assertTrue(zerosLib > 0, "LIBLINEAR's L1 solution should be sparse here");
      assertEquals(zerosLib, zerosBoth, "prox-SVRG should zero the coordinates LIBLINEAR zeroes");
    }
  }

  static double[] readModel(Path model, int d) throws Exception {
    List<String> lines = Files.readAllLines(model);
    boolean flip = false;
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.startsWith("label")) flip = line.split("\\s+")[1].equals("-1");
      if (line.equals("w")) {
        start = i + 1;
        break;
      }
    }
    List<Double> w = new ArrayList<>();
    for (int i = start; i < lines.size() && w.size() < d; i++) w.add(Double.parseDouble(lines.get(i).trim()));
    double[] out = new double[d];
    for (int j = 0; j < d; j++) out[j] = flip ? -w.get(j) : w.get(j);
    return out;
  }

  /** The liblinear-train binary; CI installs it (.ci/run), so it is only optional outside CI. */
  static String liblinear() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      File f = new File(dir, "liblinear-train");
      if (f.canExecute()) return f.getPath();
    }
    if (System.getenv("CI") != null) throw new AssertionError("liblinear-train is missing: .ci/run must install liblinear-tools");
    Assumptions.abort("liblinear-train not installed (apt-get install liblinear-tools)");
    return null;
  }
}
