package org.stochopt.spark.precond;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.SquaredLoss;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.precond.PreconditionerSpec;
import org.stochopt.core.precond.RidgelessPath;
import org.stochopt.core.precond.SecondMoment;
import org.stochopt.core.precond.SpectralFactor;
import org.stochopt.core.runtime.LocalPartitionRunner;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.spark.SparkSessions;
import org.stochopt.spark.report.RunWriter;
import org.stochopt.spark.runtime.SparkPartitionRunner;

/**
 * The study: Σ_X from the unlabeled pool (one aggregation over its partitions, in-process or on
 * Spark), one eigendecomposition, then for every seed, every α of fisher:α and additive:α, and every
 * signal, the preconditioned-GD path from 0 in closed form ({@link RidgelessPath}, which
 * {@code PreconditionedGdTest} checks against the method run through the oracle):
 *
 * <pre>
 *   bias     = risk of the fit to the clean targets          (ŵ is linear in y, so the noise part
 *   variance = risk (against 0) of the fit to the noise alone   and the signal part separate exactly)
 *   total    = risk of the fit to clean + noise (measured, not summed: the cross term averages out)
 * </pre>
 *
 * at interpolation (t = ∞) and along an early-stopping grid (step 1/κ_max of each P). Means and
 * standard errors over seeds go to CSV, the figures to PNG, the cost and best α to summary.json.
 */
public final class PreconditionStudy {
  /** α values whose early-stopping curves are kept (with fisher and additive). */
  private static final double[] CURVE_ALPHAS = {0.0, 0.5, 1.0};

  private final PrintStream log;

  public PreconditionStudy(PrintStream log) {
    this.log = log;
  }

  /** One scheme of the sweep: fisher:α or additive:α. */
  record Scheme(String family, double alpha, boolean curve) {
    PreconditionerSpec spec() {
      return new PreconditionerSpec(family.equals("fisher") ? PreconditionerSpec.Kind.FISHER : PreconditionerSpec.Kind.ADDITIVE, alpha);
    }
  }

  public Map<String, Object> run(StudyConfig c) throws IOException {
    Files.createDirectories(c.out());
    StudyProblem problem = problem(c);
    int d = problem.dim();
    Map<String, Object> summary = new LinkedHashMap<>();
    SpectralFactor factor;
    if (c.inProcess()) {
      try (PartitionRunner<RowBlock> pool = LocalPartitionRunner.generate(c.partitions(), problem.pool(c.partitions()),
          LocalPartitionRunner.defaultThreads())) {
        factor = formAndFactor(pool, d, summary, c);
      }
    } else {
      SparkSession spark = SparkSessions.create(c.master(), "stochopt precondition-study");
      try (PartitionRunner<RowBlock> pool = SparkPartitionRunner.generate(JavaSparkContext.fromSparkContext(spark.sparkContext()),
          c.partitions(), problem.pool(c.partitions()), Integer.MAX_VALUE)) {
        factor = formAndFactor(pool, d, summary, c);
      } finally {
        spark.stop();
      }
    }

    List<Scheme> schemes = new ArrayList<>();
    for (String family : new String[] {"fisher", "additive"}) {
      for (double a : c.alphas()) {
        boolean curve = false;
        for (double ca : CURVE_ALPHAS) curve |= ca == a;
        schemes.add(new Scheme(family, a, curve));
      }
    }
    long[] grid = logGrid(c.earlyStopHorizon());
    List<String> signals = problem.signals();
    int sig = signals.size();
    int sch = schemes.size();
    // [scheme][signal][seed]
    double[][][] bias = new double[sch][sig][c.seeds()];
    double[][][] total = new double[sch][sig][c.seeds()];
    double[][][] error = new double[sch][sig][c.seeds()];
    double[][] variance = new double[sch][c.seeds()];
    // [scheme][signal][t][seed]: noisy (total) and clean (bias) early-stopping risks
    double[][][][] curveNoisy = new double[sch][sig][grid.length][c.seeds()];
    double[][][][] curveClean = new double[sch][sig][grid.length][c.seeds()];
    double[] v = factor.vectorsView();
    double[][] gains = new double[sch][];
    for (int k = 0; k < sch; k++) gains[k] = factor.preconditioner(schemes.get(k).spec(), c.damping()).gains();

    long t0 = System.nanoTime();
    for (int s = 0; s < c.seeds(); s++) {
      StudyProblem.Sample smp = problem.draw(s);
      int n = smp.n();
      double[] z = rotate(smp.x(), n, d, v);
      for (int k = 0; k < sch; k++) {
        RidgelessPath path = new RidgelessPath(z, n, d, gains[k]);
        double eta = 1.0 / path.maxCurvature();
        variance[k][s] = smp.risk().of(back(path.weights(path.limitDual(smp.noise())), v, d), -1);
        for (int g = 0; g < sig; g++) {
          double[] yc = smp.clean().get(g);
          double[] yn = yc.clone();
          for (int i = 0; i < n; i++) yn[i] += smp.noise()[i];
          bias[k][g][s] = smp.risk().of(back(path.weights(path.limitDual(yc)), v, d), g);
          double[] wt = back(path.weights(path.limitDual(yn)), v, d);
          total[k][g][s] = smp.risk().of(wt, g);
          error[k][g][s] = smp.risk().classificationError(wt);
          if (!schemes.get(k).curve()) continue;
          for (int t = 0; t < grid.length; t++) {
            curveNoisy[k][g][t][s] = smp.risk().of(back(path.weights(path.pathDual(yn, eta, grid[t])), v, d), g);
            curveClean[k][g][t][s] = smp.risk().of(back(path.weights(path.pathDual(yc, eta, grid[t])), v, d), g);
          }
        }
      }
      log.printf(Locale.ROOT, "seed %d/%d done (%.1fs)%n", s + 1, c.seeds(), (System.nanoTime() - t0) / 1e9);
    }

    // Outputs.
    List<StudyPlots.AlphaRow> rows = new ArrayList<>();
    try (Writer w = Files.newBufferedWriter(c.out().resolve("alpha_sweep.csv"), StandardCharsets.UTF_8)) {
      w.write("setting,scheme,alpha,signal,bias,bias_se,variance,variance_se,total,total_se,classification_error,seeds\n");
      for (int k = 0; k < sch; k++) {
        for (int g = 0; g < sig; g++) {
          Scheme sc = schemes.get(k);
          StudyPlots.AlphaRow r = new StudyPlots.AlphaRow(sc.family(), sc.alpha(), signals.get(g), mean(bias[k][g]), se(bias[k][g]),
              mean(variance[k]), se(variance[k]), mean(total[k][g]), se(total[k][g]), mean(error[k][g]));
          rows.add(r);
          w.write(String.format(Locale.ROOT, "%s,%s,%s,%s,%.6g,%.3g,%.6g,%.3g,%.6g,%.3g,%s,%d%n", problem.name(), sc.family(), sc.alpha(),
              r.signal(), r.bias(), r.biasSe(), r.variance(), r.varianceSe(), r.total(), r.totalSe(),
              Double.isNaN(r.error()) ? "" : String.format(Locale.ROOT, "%.4f", r.error()), c.seeds()));
        }
      }
    }
    List<StudyPlots.Curve> curves = new ArrayList<>();
    try (Writer w = Files.newBufferedWriter(c.out().resolve("early_stopping.csv"), StandardCharsets.UTF_8)) {
      w.write("setting,scheme,alpha,signal,iteration,risk_noisy,risk_noisy_se,risk_clean,risk_clean_se\n");
      for (int k = 0; k < sch; k++) {
        if (!schemes.get(k).curve()) continue;
        for (int g = 0; g < sig; g++) {
          double[] mn = new double[grid.length];
          double[] mc = new double[grid.length];
          for (int t = 0; t < grid.length; t++) {
            mn[t] = mean(curveNoisy[k][g][t]);
            mc[t] = mean(curveClean[k][g][t]);
            w.write(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%.6g,%.3g,%.6g,%.3g%n", problem.name(), schemes.get(k).family(),
                schemes.get(k).alpha(), signals.get(g), grid[t], mn[t], se(curveNoisy[k][g][t]), mc[t], se(curveClean[k][g][t])));
          }
          curves.add(new StudyPlots.Curve(schemes.get(k).family(), schemes.get(k).alpha(), signals.get(g), grid, mn, mc,
              mean(total[k][g]), mean(bias[k][g])));
        }
      }
    }
    String subtitle = subtitle(c, problem);
    StudyPlots.riskVsAlpha(rows, signals, subtitle, c.sigma() > 0 || c.flip() > 0, c.out().resolve("risk_vs_alpha.png"));
    StudyPlots.earlyStopping(curves, signals, subtitle, c.out().resolve("early_stopping.png"));

    summary.put("setting", problem.name());
    summary.put("n", c.n());
    summary.put("d", d);
    summary.put("seeds", c.seeds());
    summary.put("damping", c.damping());
    summary.put("sigma", c.sigma());
    summary.put("flip", c.flip());
    summary.put("study_seconds", (System.nanoTime() - t0) / 1e9);
    summary.put("best", best(rows, signals, curves));
    RunWriter.writeJson(summary, c.out().resolve("summary.json"));
    log.println("wrote " + c.out().resolve("alpha_sweep.csv") + ", early_stopping.csv, risk_vs_alpha.png, early_stopping.png, summary.json");
    return summary;
  }

  /** Σ_X (one aggregation), its factor, and the cost of both against one gradient pass over the same partitions. */
  private SpectralFactor formAndFactor(PartitionRunner<RowBlock> pool, int d, Map<String, Object> summary, StudyConfig c) {
    long t0 = System.nanoTime();
    SecondMoment moment = SecondMoment.estimate(pool, d, true);
    long t1 = System.nanoTime();
    SpectralFactor factor = SpectralFactor.of(moment);
    long t2 = System.nanoTime();
    // One gradient pass of the squared loss over the same rows, written as the oracle writes it.
    LinearObjective objective = new LinearObjective(new SquaredLoss(), d);
    double[] w = new double[d];
    for (int j = 0; j < d; j++) w[j] = 1e-3 * (j % 7);
    double[] pass = new double[3];
    for (int r = 0; r < pass.length; r++) {
      long s = System.nanoTime();
      pool.aggregate((p, block) -> {
        GradientSum acc = new GradientSum(d);
        objective.accumulate(w, block, acc);
        return acc;
      }, () -> new GradientSum(d), GradientSum::merge, true);
      pass[r] = (System.nanoTime() - s) / 1e9;
    }
    java.util.Arrays.sort(pass);
    Map<String, Object> cost = new LinkedHashMap<>();
    cost.put("master", c.master());
    cost.put("partitions", c.partitions());
    cost.put("pool_rows", moment.count());
    cost.put("d", d);
    cost.put("form_seconds", (t1 - t0) / 1e9);
    cost.put("factor_seconds", (t2 - t1) / 1e9);
    cost.put("gradient_pass_seconds_median_of_3", pass[1]);
    cost.put("form_in_passes", (t1 - t0) / 1e9 / pass[1]);
    cost.put("factor_in_passes", (t2 - t1) / 1e9 / pass[1]);
    double[] lambda = factor.eigenvalues();
    cost.put("eigenvalue_max", lambda[d - 1]);
    cost.put("eigenvalue_min", lambda[0]);
    summary.put("cost", cost);
    log.printf(Locale.ROOT, "Σ_X over %d pool rows (d=%d, %s): formed %.3fs, dsyev %.3fs, one gradient pass %.3fs%n",
        moment.count(), d, c.master(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, pass[1]);
    return factor;
  }

  private static StudyProblem problem(StudyConfig c) {
    if (c.setting().equals("linear")) return new LinearProblem(c.n(), c.d(), c.decay(), c.poolRows(), c.sigma(), c.seed());
    if (c.setting().equals("rf")) {
      return new RandomFeatureProblem(c.n(), c.inputDim(), c.d(), c.poolRows(), c.testRows(), c.sigma(), c.seed());
    }
    return new FashionMnistProblem(c.setting(), c.n(), c.flip(), c.seed());
  }

  private static String subtitle(StudyConfig c, StudyProblem p) {
    String noise = c.setting().startsWith("fmnist:") ? "flip " + c.flip() : "σ " + c.sigma();
    return String.format(Locale.ROOT, "%s n=%d d=%d %s, %d seeds", p.name(), c.n(), p.dim(), noise, c.seeds());
  }

  /** Best α per family, signal and regime (clean = bias, noisy = total, early-stopped noisy). */
  private static Map<String, Object> best(List<StudyPlots.AlphaRow> rows, List<String> signals, List<StudyPlots.Curve> curves) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String signal : signals) {
      for (String family : new String[] {"fisher", "additive"}) {
        StudyPlots.AlphaRow clean = null;
        StudyPlots.AlphaRow noisy = null;
        for (StudyPlots.AlphaRow r : rows) {
          if (!r.signal().equals(signal) || !r.family().equals(family)) continue;
          if (clean == null || r.bias() < clean.bias()) clean = r;
          if (noisy == null || r.total() < noisy.total()) noisy = r;
        }
        out.put(signal + "/" + family + "/clean", Map.of("alpha", clean.alpha(), "risk", clean.bias()));
        out.put(signal + "/" + family + "/noisy", Map.of("alpha", noisy.alpha(), "risk", noisy.total()));
      }
      for (StudyPlots.Curve cv : curves) {
        if (!cv.signal().equals(signal)) continue;
        int bt = 0;
        for (int t = 1; t < cv.noisy().length; t++) if (cv.noisy()[t] < cv.noisy()[bt]) bt = t;
        out.put(signal + "/" + cv.family() + ":" + cv.alpha() + "/early-stopped-noisy",
            Map.of("iteration", cv.iterations()[bt], "risk", cv.noisy()[bt], "ridgeless", cv.limitNoisy()));
      }
    }
    return out;
  }

  /** 1, 2, 3, 5, 10, 20, 30, 50, … up to the horizon. */
  static long[] logGrid(long horizon) {
    List<Long> g = new ArrayList<>();
    for (long decade = 1; decade <= horizon; decade *= 10) {
      for (long m : new long[] {1, 2, 3, 5}) if (m * decade <= horizon) g.add(m * decade);
      if (decade > Long.MAX_VALUE / 10) break;
    }
    return g.stream().mapToLong(Long::longValue).toArray();
  }

  /** Z = X V (n × d): the rows in Σ_X's eigenbasis, where every P of the sweep is diagonal. */
  private static double[] rotate(double[] x, int n, int d, double[] v) {
    double[] z = new double[n * d];
    for (int i = 0; i < n; i++) {
      int bi = i * d;
      for (int k = 0; k < d; k++) {
        int bk = k * d;
        double s = 0;
        for (int j = 0; j < d; j++) s += x[bi + j] * v[bk + j];
        z[bi + k] = s;
      }
    }
    return z;
  }

  /** w = V u. */
  private static double[] back(double[] u, double[] v, int d) {
    double[] w = new double[d];
    for (int k = 0; k < d; k++) {
      double uk = u[k];
      if (uk == 0) continue;
      int bk = k * d;
      for (int j = 0; j < d; j++) w[j] += v[bk + j] * uk;
    }
    return w;
  }

  private static double mean(double[] a) {
    double s = 0;
    for (double x : a) s += x;
    return s / a.length;
  }

  private static double se(double[] a) {
    if (a.length < 2) return Double.NaN;
    double m = mean(a);
    double s = 0;
    for (double x : a) s += (x - m) * (x - m);
    return Math.sqrt(s / (a.length - 1) / a.length);
  }
}
