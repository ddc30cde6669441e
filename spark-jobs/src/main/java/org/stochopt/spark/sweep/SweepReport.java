package org.stochopt.spark.sweep;

import java.awt.Color;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.theory.ComplexityPrediction;
import org.stochopt.core.theory.MinibatchTheory;
import org.stochopt.spark.report.RunWriter;
import org.stochopt.spark.sweep.SweepAnalysis.MethodCurve;
import org.stochopt.spark.sweep.SweepAnalysis.Point;
import org.stochopt.spark.sweep.SweepPlots.Series;
import org.stochopt.spark.sweep.SweepPlots.Style;

/**
 * The sweep's report folder: summary.json (constants, theory, noise scale, latency model, per-method
 * findings, the recommendation, memory), five PNG figures and report.md, which ties them together
 * so that the result can be understood from the page alone.
 */
final class SweepReport {
  private final SweepConfig config;
  private final SweepProblem problem;
  private final SweepAnalysis analysis;
  private final List<CellResult> results;
  private final CellStore store;
  private final int totalCells;
  private final double seconds;

  SweepReport(SweepConfig config, SweepProblem problem, SweepAnalysis analysis, List<CellResult> results, CellStore store,
      int totalCells, double seconds) {
    this.config = config;
    this.problem = problem;
    this.analysis = analysis;
    this.results = results;
    this.store = store;
    this.totalCells = totalCells;
    this.seconds = seconds;
  }

  void write(Path dir) throws IOException {
    RunWriter.writeJson(summary(), dir.resolve("summary.json"));
    roundsPlot(dir.resolve("rounds.png"));
    workPlot(dir.resolve("work.png"));
    wallPlot(dir.resolve("walltime.png"));
    latencyPlot(dir.resolve("latency.png"));
    convergencePlot(dir.resolve("convergence.png"));
    Path md = dir.resolve("report.md");
    org.stochopt.core.io.AtomicFiles.writeString(md, markdown());
  }

  // --- theory on a dense grid ------------------------------------------------------------------------

  private boolean hasTheory(String method) {
    return MinibatchTheory.METHODS.contains(method);
  }

  private long[] denseGrid() {
    long lo = config.batchSizes().get(0);
    long hi = config.batchSizes().get(config.batchSizes().size() - 1);
    List<Long> g = new ArrayList<>();
    for (double b = lo; b <= hi * 1.0001; b *= Math.pow(2, 0.125)) g.add(Math.max(1, Math.round(b)));
    return g.stream().mapToLong(Long::longValue).distinct().toArray();
  }

  private static double[] toDouble(long[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) d[i] = v[i];
    return d;
  }

  /** Theory work W(b) scaled by its own least-squares log-scale against the measured gradients. */
  private double workScale(MethodCurve c) {
    List<Point> ok = c.points().stream().filter(Point::allReached).toList();
    if (ok.isEmpty() || !hasTheory(c.method())) return Double.NaN;
    double[] m = ok.stream().mapToDouble(Point::gradients).toArray();
    double[] p = ok.stream().mapToDouble(q -> analysis.theory().predict(c.method(), q.batchSize()).componentGradients()).toArray();
    return SweepAnalysis.logScale(m, p);
  }

  // --- figures -----------------------------------------------------------------------------------------

  private String theoryNote() {
    return "dashed: theory, up to a constant — one scale per method fitted to the measured points (least squares in log space)";
  }

  private void roundsPlot(Path png) throws IOException {
    SweepPlots plot = new SweepPlots("Rounds to ε = " + fmt(config.target()) + " vs minibatch size b",
        theoryNote() + "; squares: budget hit (lower bound)", "minibatch size b", "rounds to ε (oracle rounds, anchors included)", true, true);
    long[] grid = denseGrid();
    int i = 0;
    for (MethodCurve c : analysis.curves()) {
      Color color = SweepPlots.PALETTE[i++ % SweepPlots.PALETTE.length];
      List<Point> ok = c.points().stream().filter(Point::allReached).toList();
      plot.add(new Series(c.method() + " (measured)", ok.stream().mapToDouble(Point::batchSize).toArray(),
          ok.stream().mapToDouble(Point::rounds).toArray(), color, Style.MEASURED));
      if (!Double.isNaN(c.theoryScale())) {
        double[] y = java.util.Arrays.stream(grid)
            .mapToDouble(b -> c.theoryScale() * analysis.theory().predict(c.method(), b).communicationRounds()).toArray();
        plot.add(new Series(c.method() + " theory ×" + fmt(c.theoryScale()), toDouble(grid), y, color, Style.THEORY));
      }
      List<CellResult> censored = results.stream()
          .filter(r -> r.cell().method().equals(c.method()) && !r.reached() && r.rounds() > 0).toList();
      if (!censored.isEmpty()) {
        plot.add(new Series(c.method() + " (budget hit)", censored.stream().mapToDouble(r -> r.cell().batchSize()).toArray(),
            censored.stream().mapToDouble(r -> (double) r.rounds()).toArray(), color, Style.CENSORED));
      }
    }
    markers(plot);
    plot.write(png);
  }

  private void markers(SweepPlots plot) {
    plot.marker(problem.theory.optimalBatchSize(), "b* = " + problem.theory.optimalBatchSize(), Color.DARK_GRAY);
    double bs = problem.noiseAtStart.simpleNoiseScale();
    plot.marker(bs, "B_simple(w₀) = " + fmt(bs), new Color(200, 80, 0));
  }

  private void workPlot(Path png) throws IOException {
    SweepPlots plot = new SweepPlots("Total work to ε vs b (component gradients, anchors included)",
        theoryNote(), "minibatch size b", "component gradients to ε", true, true);
    long[] grid = denseGrid();
    int i = 0;
    for (MethodCurve c : analysis.curves()) {
      Color color = SweepPlots.PALETTE[i++ % SweepPlots.PALETTE.length];
      List<Point> ok = c.points().stream().filter(Point::allReached).toList();
      plot.add(new Series(c.method() + " (measured)", ok.stream().mapToDouble(Point::batchSize).toArray(),
          ok.stream().mapToDouble(Point::gradients).toArray(), color, Style.MEASURED));
      double s = workScale(c);
      if (!Double.isNaN(s)) {
        double[] y = java.util.Arrays.stream(grid)
            .mapToDouble(b -> s * analysis.theory().predict(c.method(), b).componentGradients()).toArray();
        plot.add(new Series(c.method() + " theory ×" + fmt(s), toDouble(grid), y, color, Style.THEORY));
      }
    }
    markers(plot);
    plot.write(png);
  }

  private void wallPlot(Path png) throws IOException {
    LatencyModel lm = analysis.latency();
    SweepPlots plot = new SweepPlots("Wall time to ε vs b on " + config.master(),
        String.format(Locale.ROOT, "dots: measured method time; lines: model t0·rounds + t1·gradients (t0 = %.3g ms, t1 = %.3g µs)",
            lm.t0() * 1e3, lm.t1() * 1e6), "minibatch size b", "seconds to ε", true, true);
    int i = 0;
    for (MethodCurve c : analysis.curves()) {
      Color color = SweepPlots.PALETTE[i++ % SweepPlots.PALETTE.length];
      List<Point> ok = c.points().stream().filter(Point::allReached).toList();
      double[] b = ok.stream().mapToDouble(Point::batchSize).toArray();
      plot.add(new Series(c.method() + " (measured)", b, ok.stream().mapToDouble(Point::seconds).toArray(), color, Style.CENSORED));
      plot.add(new Series(c.method() + " (model)", b, ok.stream().mapToDouble(Point::modeledSeconds).toArray(), color, Style.LINE));
    }
    if (analysis.recommendation() != null) {
      Point p = analysis.recommendation().point();
      plot.marker(p.batchSize(), "recommended: " + p.method() + " b=" + p.batchSize(), new Color(0, 120, 0));
    }
    plot.write(png);
  }

  private void latencyPlot(Path png) throws IOException {
    SweepPlots plot = new SweepPlots("Mean round latency vs b on " + config.master(),
        "solid: whole round (wall); dashed: compute on the slowest partition; the gap is overhead (scheduling, broadcast, aggregation)",
        "minibatch size b", "milliseconds per round", true, true);
    int i = 0;
    for (String m : config.methods()) {
      Color color = SweepPlots.PALETTE[i++ % SweepPlots.PALETTE.length];
      List<CellResult> rs = results.stream().filter(r -> r.cell().method().equals(m) && r.rounds() > 0).toList();
      double[] b = rs.stream().mapToDouble(r -> r.cell().batchSize()).toArray();
      plot.add(new Series(m + " round", b, rs.stream().mapToDouble(CellResult::meanRoundMillis).toArray(), color, Style.MEASURED));
      plot.add(new Series(m + " compute", b, rs.stream().mapToDouble(CellResult::meanComputeMillis).toArray(), color, Style.THEORY));
    }
    plot.write(png);
  }

  /** Cells shown in convergence.png: per method, the smallest b, the b closest to b*, and the largest b (first seed, best multiplier). */
  private List<CellResult> selectedCells() {
    List<CellResult> out = new ArrayList<>();
    long bStar = problem.theory.optimalBatchSize();
    for (MethodCurve c : analysis.curves()) {
      List<Point> pts = c.points();
      if (pts.isEmpty()) continue;
      List<Point> pick = new ArrayList<>();
      pick.add(pts.get(0));
      Point near = pts.stream().min(java.util.Comparator.comparingDouble(p -> Math.abs(Math.log((double) p.batchSize() / bStar)))).get();
      if (!pick.contains(near)) pick.add(near);
      if (!pick.contains(pts.get(pts.size() - 1))) pick.add(pts.get(pts.size() - 1));
      for (Point p : pick) {
        results.stream().filter(r -> r.cell().method().equals(p.method()) && r.cell().batchSize() == p.batchSize()
            && r.cell().stepMultiplier() == p.multiplier()).findFirst().ifPresent(out::add);
      }
    }
    return out;
  }

  private void convergencePlot(Path png) throws IOException {
    SweepPlots plot = new SweepPlots("Convergence of selected cells",
        "relative suboptimality (F − F*)/|F*| at each evaluation; smallest b, b nearest b*, largest b per method",
        "oracle rounds", "relative suboptimality", true, true);
    int i = 0;
    for (CellResult r : selectedCells()) {
      Path trace = store.traceFile(r.cell());
      if (!Files.isRegularFile(trace)) continue;
      List<double[]> rows = new ArrayList<>();
      for (String line : Files.readAllLines(trace).subList(1, Files.readAllLines(trace).size())) {
        String[] f = line.split(",", -1);
        if (f[7].isEmpty()) continue;
        rows.add(new double[] {Math.max(1, Double.parseDouble(f[1])), Double.parseDouble(f[7])});
      }
      plot.add(new Series(r.cell().method() + " b=" + r.cell().batchSize(), rows.stream().mapToDouble(v -> v[0]).toArray(),
          rows.stream().mapToDouble(v -> v[1]).toArray(), SweepPlots.PALETTE[i++ % SweepPlots.PALETTE.length], Style.LINE));
    }
    plot.write(png);
  }

  // --- summary.json ---------------------------------------------------------------------------------

  private Map<String, Object> summary() {
    ProblemConstants k = problem.constants;
    MinibatchTheory t = problem.theory;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", config.name());
    m.put("data", problem.data.name());
    m.put("loss", problem.loss.name());
    m.put("regularizer", problem.reg.spec());
    m.put("master", config.master());
    m.put("partitions", problem.partitions);
    m.put("target_relative_suboptimality", config.target());
    m.put("cells_total", totalCells);
    m.put("cells_finished", results.size());
    m.put("sweep_seconds", seconds);
    m.put("n", k.n());
    m.put("d", k.d());
    m.put("L", k.globalL());
    m.put("L_mean", k.meanL());
    m.put("L_max", k.maxL());
    m.put("mu", k.mu());
    m.put("kappa", k.condition());
    m.put("reference_objective", problem.reference.objective());
    Map<String, Object> th = new LinkedHashMap<>();
    th.put("b_star", t.optimalBatchSize());
    th.put("phase_transition_sqrt_n_Lmean_over_L", t.phaseTransition());
    th.put("accelerated_floor", t.acceleratedFloor());
    th.put("epsilon_absolute", t.inputs().epsilon());
    th.put("note", "predictions hold up to a constant factor; theory_scale is the per-method factor fitted to the measured rounds");
    m.put("theory", th);
    Map<String, Object> noise = new LinkedHashMap<>();
    noise.put("small_batch", problem.noiseAtStart.smallBatch());
    noise.put("big_batch", problem.noiseAtStart.bigBatch());
    noise.put("pairs", problem.noiseAtStart.pairs());
    noise.put("b_simple_at_start", problem.noiseAtStart.simpleNoiseScale());
    noise.put("trace_sigma_at_start", problem.noiseAtStart.traceSigma());
    noise.put("gradient_norm_squared_at_start", problem.noiseAtStart.gradientNormSquared());
    noise.put("b_simple_at_optimum", problem.noiseAtOptimum.simpleNoiseScale());
    noise.put("trace_sigma_at_optimum", problem.noiseAtOptimum.traceSigma());
    noise.put("gradient_norm_squared_at_optimum", problem.noiseAtOptimum.gradientNormSquared());
    m.put("gradient_noise_scale", clean(noise));
    LatencyModel lm = analysis.latency();
    Map<String, Object> lat = new LinkedHashMap<>();
    lat.put("t0_ms_per_round", lm.t0() * 1e3);
    lat.put("t1_us_per_gradient", lm.t1() * 1e6);
    lat.put("cells", lm.cells());
    lat.put("median_relative_error", lm.medianRelativeError());
    m.put("latency_model", clean(lat));
    List<Map<String, Object>> methods = new ArrayList<>();
    for (MethodCurve c : analysis.curves()) {
      Map<String, Object> mm = new LinkedHashMap<>();
      mm.put("method", c.method());
      mm.put("near_linear_limit_b", c.nearLinear().limit());
      mm.put("near_linear_observed", c.nearLinear().observed());
      mm.put("per_doubling_ratios", c.nearLinear().ratios());
      mm.put("fit_floor_rounds", c.inverseFit().floor());
      mm.put("fit_critical_b", c.inverseFit().criticalBatch());
      mm.put("theory_scale", c.theoryScale());
      mm.put("theory_rms_log_error", c.theoryRmsLogError());
      methods.add(clean(mm));
    }
    m.put("methods", methods);
    if (analysis.recommendation() != null) {
      Point p = analysis.recommendation().point();
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("method", p.method());
      r.put("batch_size", p.batchSize());
      r.put("step_multiplier", p.multiplier());
      r.put("modeled_seconds_to_target", p.modeledSeconds());
      r.put("measured_seconds_to_target", p.seconds());
      r.put("rounds_to_target", p.rounds());
      r.put("gradients_to_target", p.gradients());
      m.put("recommendation", clean(r));
    } else {
      m.put("recommendation", null);
    }
    m.put("memory", memory());
    return m;
  }

  private static Map<String, Object> clean(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v instanceof Double d && !Double.isFinite(d) ? null : v));
    return out;
  }

  /** Driver JVM memory: in local mode the executors run in the same JVM, so this is the whole sweep. */
  static Map<String, Object> memory() {
    Map<String, Object> m = new LinkedHashMap<>();
    long heapPeak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) heapPeak += pool.getPeakUsage().getUsed();
    }
    m.put("heap_peak_mb", heapPeak / 1048576.0);
    m.put("heap_max_mb", Runtime.getRuntime().maxMemory() / 1048576.0);
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) m.put("peak_rss_mb", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
      }
    } catch (IOException | RuntimeException e) {
      m.put("peak_rss_mb", null); // not Linux
    }
    return m;
  }

  // --- report.md --------------------------------------------------------------------------------------

  private String markdown() {
    ProblemConstants k = problem.constants;
    MinibatchTheory t = problem.theory;
    LatencyModel lm = analysis.latency();
    StringBuilder s = new StringBuilder();
    s.append("# Minibatch sweep: ").append(config.name()).append("\n\n");
    s.append(String.format(Locale.ROOT, "Data `%s` (n = %d, d = %d), %s loss, `%s` regularizer, on `%s` with %d partitions. "
        + "Each cell runs one method at one minibatch size b until the relative suboptimality (F − F*)/|F*| reaches "
        + "ε = %s or its budget runs out. %d of %d cells finished; the sweep took %.0f s.%n%n",
        problem.data.name(), k.n(), k.d(), problem.loss.name(), problem.reg.spec(), config.master(), problem.partitions,
        fmt(config.target()), results.size(), totalCells, seconds));
    if (results.size() < totalCells) {
      s.append("**Partial sweep:** run the same command again to finish the remaining cells; finished cells are kept.\n\n");
    }
    s.append("## Answer\n\n");
    if (analysis.recommendation() != null) {
      Point p = analysis.recommendation().point();
      s.append(String.format(Locale.ROOT, "**Use %s with b = %d** (step ×%s). On this cluster it is predicted to reach ε in "
          + "%.3g s (measured: %.3g s), with %.0f rounds and %.3g component gradients. ",
          p.method(), p.batchSize(), new Cell(p.method(), p.batchSize(), p.multiplier(), 0).multiplierLabel(), p.modeledSeconds(),
          p.seconds(), p.rounds(), p.gradients()));
      s.append("The prediction applies the round-latency model below to each point's measured rounds and gradients, "
          + "and picks the smallest (over every method, b and step multiplier that reached ε for all seeds).\n\n");
    } else {
      s.append("No (method, b) reached ε for every seed, so there is no recommendation: raise the budget or loosen the target.\n\n");
    }
    for (MethodCurve c : analysis.curves()) {
      if (org.stochopt.core.method.MethodKind.parse(c.method()).local()) {
        s.append(String.format(Locale.ROOT, "- **%s** runs many steps inside each partition per round (one round is a "
            + "local pass over the data), so its rounds do not fall with b; they grow once the effective minibatch "
            + "P·b passes the method's phase transition. Compare it by wall time and passes.%n", c.method()));
        continue;
      }
      s.append(String.format(Locale.ROOT, "- **%s**: rounds fall near-linearly (by at least ×%.2f per doubling of b) up to "
          + "**b = %d**%s.", c.method(), config.nearLinearRatio(), c.nearLinear().limit(),
          c.nearLinear().observed() ? "" : " — not observed: already the first doubling in the grid falls short"));
      if (!Double.isNaN(c.inverseFit().criticalBatch())) {
        s.append(String.format(Locale.ROOT, " A fit R(b) = a + c/b gives a floor of %.0f rounds and a critical batch c/a = %.0f.",
            c.inverseFit().floor(), c.inverseFit().criticalBatch()));
      }
      s.append('\n');
    }
    s.append(String.format(Locale.ROOT, "- **Theory**: optimal minibatch size b* = %d (Nitanda–Murata–Suzuki); "
        + "Katyusha's phase transition √(n·L̄/L) = %.0f.%n", t.optimalBatchSize(), t.phaseTransition()));
    s.append(String.format(Locale.ROOT, "- **Gradient noise scale** (McCandlish et al. 2018) B_simple = tr(Σ)/|G|² = %s at w = 0 "
        + "and %s at the optimum w*: the batch size beyond which plain SGD stops gaining per step. Unlike b*, it depends on "
        + "the point and grows as the gradient shrinks; variance-reduced methods remove that noise, which is why their b* "
        + "depends only on n and the condition numbers.%n%n",
        fmt(problem.noiseAtStart.simpleNoiseScale()), fmt(problem.noiseAtOptimum.simpleNoiseScale())));

    s.append("## Problem constants\n\n| n | d | L | L̄ | L_max | μ | κ = L/μ | F* |\n|---|---|---|---|---|---|---|---|\n");
    s.append(String.format(Locale.ROOT, "| %d | %d | %s | %s | %s | %s | %s | %.12g |%n%n", k.n(), k.d(), fmt(k.globalL()),
        fmt(k.meanL()), fmt(k.maxL()), fmt(k.mu()), fmt(k.condition()), problem.reference.objective()));

    s.append("## Rounds to ε\n\n![rounds to ε vs b](rounds.png)\n\n");
    s.append("Oracle rounds (one Spark job each, anchor full gradients included) until ε, against b, on log-log axes. "
        + "A slope of −1 means doubling b halves the rounds (linear speed-up); a flat curve means a larger b buys nothing. "
        + "Dashed lines are the theory's T(b), which holds only up to a constant factor: each method's curve is scaled by one "
        + "factor fitted to its measured points (least squares in log space). Vertical lines: the theory's b* and the noise "
        + "scale B_simple at w = 0.\n\n");
    s.append("| method | theory scale | rms log error | near-linear up to b | per-doubling ratios |\n|---|---|---|---|---|\n");
    for (MethodCurve c : analysis.curves()) {
      s.append(String.format(Locale.ROOT, "| %s | %s | %s | %d%s | %s |%n", c.method(), fmt(c.theoryScale()), fmt(c.theoryRmsLogError()),
          c.nearLinear().limit(), c.nearLinear().observed() ? "" : " (not observed)",
          String.join(", ", c.nearLinear().ratios().stream().map(SweepReport::fmt).toList())));
    }
    s.append("\n## Total work to ε\n\n![component gradients to ε vs b](work.png)\n\n");
    s.append("Component gradients ∇fᵢ evaluated until ε (a variance-reduced step counts 2b, an anchor n). Flat means a larger "
        + "b costs no extra computation; rising means the extra parallelism is paid for in work.\n\n");
    s.append("## Wall time to ε and the cluster's round latency\n\n![wall time to ε vs b](walltime.png)\n\n![round latency vs b](latency.png)\n\n");
    s.append(String.format(Locale.ROOT, "Fitted on all %d finished cells of this sweep: **seconds ≈ t0·rounds + t1·gradients** with "
        + "t0 = %.3g ms per round and t1 = %.3g µs per component gradient (median relative error %.0f%%). So one variance-reduced "
        + "round at minibatch size b costs about t0 + 2b·t1. ", lm.cells(), lm.t0() * 1e3, lm.t1() * 1e6, lm.medianRelativeError() * 100));
    if (lm.t1() > 0) {
      s.append(String.format(Locale.ROOT, "Below b ≈ t0/(2·t1) = %s the fixed cost of a round dominates and larger minibatches are "
          + "nearly free per round; above it, compute dominates.%n%n", fmt(lm.t0() / (2 * lm.t1()))));
    } else {
      s.append("The per-gradient cost is too small to separate from the noise at these sizes: every round costs about the same, "
          + "so on this cluster fewer rounds means less time, whatever b.\n\n");
    }
    s.append("## Convergence of selected cells\n\n![convergence](convergence.png)\n\n");
    s.append("## All points\n\nMedians over seeds; rounds, gradients and seconds are to ε (blank when some seed did not reach it). "
        + "Modeled = t0·rounds + t1·gradients. Every cell is in `cells.csv`; its trace is in `cells/<cell_id>.trace.csv`.\n\n");
    s.append("| method | b | step × | reached | rounds | gradients | measured s | modeled s | theory rounds (scaled) |\n|---|---|---|---|---|---|---|---|---|\n");
    for (Point p : analysis.points()) {
      MethodCurve c = analysis.curves().stream().filter(x -> x.method().equals(p.method())).findFirst().orElseThrow();
      String theoryRounds = "";
      if (!Double.isNaN(c.theoryScale())) {
        ComplexityPrediction pr = t.predict(p.method(), p.batchSize());
        theoryRounds = fmt(c.theoryScale() * pr.communicationRounds());
      }
      s.append(String.format(Locale.ROOT, "| %s | %d | %s | %d/%d | %s | %s | %s | %s | %s |%n", p.method(), p.batchSize(),
          new Cell(p.method(), p.batchSize(), p.multiplier(), 0).multiplierLabel(), p.reached(), p.seeds(), fmt(p.rounds()),
          fmt(p.gradients()), fmt(p.seconds()), fmt(p.modeledSeconds()), theoryRounds));
    }
    s.append("\n## How this was measured\n\n");
    s.append(String.format(Locale.ROOT, "- F* is a high-precision OWL-QN solve (cached). Rounds count every oracle call of the method; "
        + "evaluations of F for measurement are not counted and their time is excluded.%n"
        + "- A cell evaluates F every max(1, ⌊%s·n/b⌋) rounds (column `eval_interval_rounds`) and interpolates the crossing of ε "
        + "linearly in log-suboptimality between the two evaluations around it; `rounds_bracket_low`/`_high` bound the true value.%n"
        + "- The recommendation ranks points by the latency model, not by their own measured seconds, which are noisy on a shared machine.%n"
        + "- Near-linear limit: the largest b such that every doubling up to it cut rounds to at most ×%.2f "
        + "(per-doubling ratio ρ = (R(b')/R(b))^(1/log₂(b'/b)); 0.5 is perfect).%n"
        + "- Resume: finished cells are stored in `cells/` and skipped when the same config is run again.%n",
        fmt(config.resolution()), config.nearLinearRatio()));
    Map<String, Object> mem = memory();
    s.append(String.format(Locale.ROOT, "- Memory of this JVM (driver; in local mode also the executors): peak heap %.0f MB of %.0f MB, peak RSS %s MB.%n",
        (Double) mem.get("heap_peak_mb"), (Double) mem.get("heap_max_mb"), mem.get("peak_rss_mb") == null ? "?" : fmt((Double) mem.get("peak_rss_mb"))));
    return s.toString();
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) return "";
    if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
    if (v != 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return String.format(Locale.ROOT, "%.2e", v);
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
