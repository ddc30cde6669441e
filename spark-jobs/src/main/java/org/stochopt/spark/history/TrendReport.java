package org.stochopt.spark.history;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * The trend of a sweep history: per sweep name, one line per run (date, commit, cluster,
 * recommended method and b, rounds to ε, fitted round latency, modeled seconds to ε), three plots
 * over time, and a verdict on the newest run.
 *
 * <p>Tracked figures, all "lower is better": the recommendation's rounds to ε, the fitted
 * per-round latency t₀ and the recommendation's modeled seconds to ε. The newest run regresses
 * when a figure exceeds (1 + threshold) × the median of the same figure over the previous
 * {@code baselineRuns} comparable runs — same data fingerprint, target and master, so that a
 * changed data set or cluster is reported as such and not as a regression. A run that recommends
 * nothing (no point reached ε) after runs that did is a regression too. The median keeps one noisy
 * past run from moving the baseline; the recommended b is shown, not judged (a moving b with
 * unchanged times is the sweep doing its job).
 */
public final class TrendReport {
  /** One run of the history, its figures read off the (repeated) run-level columns. */
  public record Run(String runId, String sweepName, java.time.Instant started, String gitCommit, String master, int cores,
                    String executorMemory, String fingerprint, double target, String recMethod, int recBatchSize,
                    double recRounds, double latencyRoundMs, double latencyGradientUs, double recModeledSeconds, int cells) {
    String comparableKey() {
      return fingerprint + "|" + target + "|" + master;
    }
  }

  /** A tracked figure that moved past the threshold. */
  public record Regression(String sweepName, String figure, double value, double baseline, double ratio) {}

  enum Figure {
    ROUNDS("rounds to ε (recommended)", Run::recRounds),
    ROUND_LATENCY("fitted round latency t₀ [ms]", Run::latencyRoundMs),
    MODELED_SECONDS("modeled seconds to ε (recommended)", Run::recModeledSeconds);

    final String label;
    final ToDoubleFunction<Run> value;

    Figure(String label, ToDoubleFunction<Run> value) {
      this.label = label;
      this.value = value;
    }
  }

  private final Map<String, List<Run>> bySweep;
  private final double threshold;
  private final int baselineRuns;
  private final List<Regression> regressions = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public TrendReport(List<RunRecord> history, double threshold, int baselineRuns) {
    if (!(threshold > 0)) throw new IllegalArgumentException("--threshold must be > 0, got " + threshold);
    if (baselineRuns < 1) throw new IllegalArgumentException("--baseline-runs must be >= 1, got " + baselineRuns);
    this.threshold = threshold;
    this.baselineRuns = baselineRuns;
    Map<String, Run> runs = new LinkedHashMap<>();
    for (RunRecord r : history) {
      runs.computeIfAbsent(r.runId(), id -> new Run(id, r.sweepName(), r.started(), r.gitCommit(), r.master(), r.cores(),
          r.executorMemory(), r.dataFingerprint(), r.target(), r.recMethod(), r.recBatchSize(),
          r.recMethod() == null ? Double.NaN : r.recRounds(), r.latencyRoundMs(), r.latencyGradientUs(),
          r.recMethod() == null ? Double.NaN : r.recModeledSeconds(), 0));
      Run x = runs.get(r.runId());
      runs.put(r.runId(), new Run(x.runId(), x.sweepName(), x.started(), x.gitCommit(), x.master(), x.cores(), x.executorMemory(),
          x.fingerprint(), x.target(), x.recMethod(), x.recBatchSize(), x.recRounds(), x.latencyRoundMs(), x.latencyGradientUs(),
          x.recModeledSeconds(), x.cells() + 1));
    }
    this.bySweep = new LinkedHashMap<>();
    runs.values().stream().sorted((a, b) -> a.started().compareTo(b.started()))
        .forEach(r -> bySweep.computeIfAbsent(r.sweepName(), k -> new ArrayList<>()).add(r));
    for (var e : bySweep.entrySet()) judge(e.getKey(), e.getValue());
  }

  private void judge(String sweep, List<Run> runs) {
    Run latest = runs.get(runs.size() - 1);
    List<Run> earlier = runs.subList(0, runs.size() - 1).stream()
        .filter(r -> r.comparableKey().equals(latest.comparableKey())).toList();
    if (earlier.isEmpty()) {
      notes.add(String.format(Locale.ROOT, "%s: the newest run (%s) has no earlier run with the same data, target and master to compare with",
          sweep, latest.runId()));
      return;
    }
    List<Run> base = earlier.subList(Math.max(0, earlier.size() - baselineRuns), earlier.size());
    for (Figure f : Figure.values()) {
      double[] past = base.stream().mapToDouble(f.value).filter(Double::isFinite).toArray();
      if (past.length == 0) continue;
      double baseline = median(past);
      double now = f.value.applyAsDouble(latest);
      if (!Double.isFinite(now)) {
        regressions.add(new Regression(sweep, f.label + ": none (no recommendation)", now, baseline, Double.POSITIVE_INFINITY));
      } else if (now > (1 + threshold) * baseline) {
        regressions.add(new Regression(sweep, f.label, now, baseline, now / baseline));
      }
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  public List<Regression> regressions() {
    return regressions;
  }

  public Map<String, List<Run>> runs() {
    return bySweep;
  }

  /** Writes trend.md, trend.csv and one PNG per tracked figure and the recommended b. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder md = new StringBuilder("# Sweep history trend\n\n");
    md.append(String.format(Locale.ROOT, "Regression rule: a tracked figure of the newest run above (1 + %.2f) × the median of the "
        + "previous %d comparable runs (same data fingerprint, target and master).%n%n", threshold, baselineRuns));
    md.append(regressions.isEmpty() ? "**Verdict: no regression.**\n\n" : "**Verdict: REGRESSION.**\n\n");
    for (Regression r : regressions) {
      md.append(String.format(Locale.ROOT, "- %s: %s = %.4g against a baseline of %.4g (×%.2f)%n", r.sweepName(), r.figure(),
          r.value(), r.baseline(), r.ratio()));
    }
    for (String n : notes) md.append("- ").append(n).append('\n');
    StringBuilder csv = new StringBuilder("sweep_name,run_id,started,git_commit,master,cores,executor_memory,data_fingerprint,target,"
        + "rec_method,rec_batch_size,rec_rounds,latency_round_ms,latency_gradient_us,rec_modeled_seconds,cells\n");
    for (var e : bySweep.entrySet()) {
      md.append("\n## ").append(e.getKey()).append("\n\n")
          .append("| started (UTC) | commit | master | cores | exec. mem. | data | method | b | rounds to ε | t₀ ms/round | t₁ µs/gradient | modeled s to ε | cells |\n")
          .append("|---|---|---|---:|---|---|---|---:|---:|---:|---:|---:|---:|\n");
      for (Run r : e.getValue()) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %s | %s | %.4g | %.4g | %.4g | %.4g | %d |%n",
            r.started(), shortCommit(r.gitCommit()), r.master(), r.cores(), r.executorMemory(), r.fingerprint(),
            r.recMethod() == null ? "—" : r.recMethod(), r.recMethod() == null ? "—" : Integer.toString(r.recBatchSize()),
            r.recRounds(), r.latencyRoundMs(), r.latencyGradientUs(), r.recModeledSeconds(), r.cells()));
        csv.append(String.join(",", e.getKey(), r.runId(), r.started().toString(), r.gitCommit(), r.master(), Integer.toString(r.cores()),
            r.executorMemory(), r.fingerprint(), Double.toString(r.target()), r.recMethod() == null ? "" : r.recMethod(),
            r.recMethod() == null ? "" : Integer.toString(r.recBatchSize()), Double.toString(r.recRounds()),
            Double.toString(r.latencyRoundMs()), Double.toString(r.latencyGradientUs()), Double.toString(r.recModeledSeconds()),
            Integer.toString(r.cells()))).append('\n');
      }
    }
    md.append("\n![recommended b](trend-batch-size.png)\n![rounds to ε](trend-rounds.png)\n"
        + "![round latency](trend-latency.png)\n![modeled seconds](trend-seconds.png)\n");
    plot("recommended minibatch size b", r -> r.recMethod() == null ? Double.NaN : r.recBatchSize(), dir.resolve("trend-batch-size.png"));
    plot(Figure.ROUNDS.label, Run::recRounds, dir.resolve("trend-rounds.png"));
    plot(Figure.ROUND_LATENCY.label, Run::latencyRoundMs, dir.resolve("trend-latency.png"));
    plot(Figure.MODELED_SECONDS.label, Run::recModeledSeconds, dir.resolve("trend-seconds.png"));
    Files.writeString(dir.resolve("trend.md"), md, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("trend.csv"), csv, StandardCharsets.UTF_8);
  }

  private static String shortCommit(String c) {
    return c == null ? "?" : c.length() > 10 ? c.substring(0, 10) : c;
  }

  private void plot(String label, ToDoubleFunction<Run> value, Path file) throws IOException {
    TimeSeriesCollection data = new TimeSeriesCollection();
    for (var e : bySweep.entrySet()) {
      TimeSeries s = new TimeSeries(e.getKey());
      for (Run r : e.getValue()) {
        double v = value.applyAsDouble(r);
        if (Double.isFinite(v)) s.addOrUpdate(new Millisecond(Date.from(r.started())), v);
      }
      data.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createTimeSeriesChart(label + " over time", "run start", label, data, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    plot.setRenderer(renderer);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 420);
  }
}
