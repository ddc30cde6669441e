package org.stochopt.spark.influence;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.stochopt.core.influence.RankAgreement;

/** The files of the two commands: influence.csv, histogram.png, cleanse.csv, cleanse.png. */
final class InfluenceReport {
  private InfluenceReport() {}

  /** One line per training row, most harmful first: rank, row, source row, label, flipped, estimates. */
  static void writeInfluenceCsv(InfluenceData data, InfluenceRun.Outcome o, Path file) throws IOException {
    Integer[] order = RankAgreement.order(o.influence());
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("rank,row,source_row,label,flipped,influence" + (o.kohLiang() != null ? ",koh_liang" : "")
          + (o.exact() != null ? ",exact" : "") + "\n");
      for (int k = 0; k < order.length; k++) {
        int i = order[k];
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d,%d,%d,%s,%d,%s", k, i, data.sourceRow()[i],
            fmt(data.train().label(i)), data.flipped()[i] ? 1 : 0, o.influence()[i]));
        if (o.kohLiang() != null) line.append(',').append(o.kohLiang()[i]);
        if (o.exact() != null) line.append(',').append(o.exact()[i]);
        w.write(line.append('\n').toString());
      }
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** Histogram of the estimated influence; rows with planted label flips in their own colour. */
  static void writeHistogram(InfluenceData data, double[] influence, int bins, String title, Path png) throws IOException {
    int flipped = data.flippedCount();
    double[] clean = new double[influence.length - flipped];
    double[] bad = new double[flipped];
    int c = 0;
    int b = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < influence.length; i++) {
      if (data.flipped()[i]) bad[b++] = influence[i];
      else clean[c++] = influence[i];
      lo = Math.min(lo, influence[i]);
      hi = Math.max(hi, influence[i]);
    }
    if (!(hi > lo)) hi = lo + 1e-12;
    HistogramDataset ds = new HistogramDataset();
    ds.addSeries(flipped > 0 ? "clean rows" : "training rows", clean, bins, lo, hi);
    if (flipped > 0) ds.addSeries("flipped labels", bad, bins, lo, hi);
    JFreeChart chart = ChartFactory.createHistogram(title, "estimated influence on the validation loss (negative = harmful)",
        "rows", ds, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setForegroundAlpha(0.7f);
    XYBarRenderer r = (XYBarRenderer) plot.getRenderer();
    r.setShadowVisible(false);
    r.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
    r.setSeriesPaint(0, new Color(31, 119, 180));
    r.setSeriesPaint(1, new Color(214, 39, 40));
    org.jfree.chart.axis.LogAxis y = new org.jfree.chart.axis.LogAxis("rows (log scale)");
    y.setSmallestValue(0.5);
    plot.setRangeAxis(y);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 560);
  }

  /** The training trace of the loop: one line per evaluation. */
  static void writeTrace(List<org.stochopt.core.influence.SgdTracePoint> trace, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("step,epochs,seconds,objective\n");
      for (var t : trace) w.write(String.format(Locale.ROOT, "%d,%s,%s,%s%n", t.step(), t.epochs(), t.seconds(), t.objective()));
    }
  }

  /** A curve of test error against k; {@code removed} is how many rows went at each k (k unless --harmful-only capped it). */
  record Curve(String name, List<Integer> ks, int[] removed, double[] error, double[] valLoss) {}

  static void writeCleanseCsv(List<Curve> curves, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("method,k,removed,test_error,val_loss\n");
      for (Curve c : curves) {
        for (int i = 0; i < c.ks().size(); i++) {
          w.write(String.format(Locale.ROOT, "%s,%d,%d,%s,%s%n", c.name(), c.ks().get(i), c.removed()[i], c.error()[i], c.valLoss()[i]));
        }
      }
    }
  }

  static void writeCleansePlot(List<Curve> curves, String title, Path png) throws IOException {
    XYSeriesCollection ds = new XYSeriesCollection();
    for (Curve c : curves) {
      XYSeries s = new XYSeries(c.name(), false, true);
      for (int i = 0; i < c.ks().size(); i++) s.add((double) c.ks().get(i), 100 * c.error()[i]);
      ds.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, "rows removed (k)", "test error (%)", ds, PlotOrientation.VERTICAL,
        true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < curves.size(); i++) {
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      r.setSeriesStroke(i, new BasicStroke(2f));
    }
    plot.setRenderer(r);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 560);
  }

  /** Curve colours: SGD-influence, Koh &amp; Liang, random, oracle. */
  private static final Color[] PALETTE = {new Color(214, 39, 40), new Color(31, 119, 180), new Color(120, 120, 120), new Color(44, 160, 44)};

  /** Mean ± sd of a method's test error over seeds, at each k. */
  record SeedCurve(String name, List<Integer> ks, double[] meanRemoved, double[] mean, double[] sd, double[] meanValLoss, int seeds) {}

  static void writeSeedsCsv(List<SeedCurve> curves, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("method,k,mean_removed,mean_test_error,sd_test_error,mean_val_loss,seeds\n");
      for (SeedCurve c : curves) {
        for (int i = 0; i < c.ks().size(); i++) {
          w.write(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%s,%d%n", c.name(), c.ks().get(i), c.meanRemoved()[i], c.mean()[i], c.sd()[i],
              c.meanValLoss()[i], c.seeds()));
        }
      }
    }
  }

  /** Test error (%) against k, each method's mean with a ±1 sd band over the seeds. */
  static void writeSeedsPlot(List<SeedCurve> curves, String title, Path png) throws IOException {
    YIntervalSeriesCollection ds = new YIntervalSeriesCollection();
    for (SeedCurve c : curves) {
      YIntervalSeries s = new YIntervalSeries(c.name());
      for (int i = 0; i < c.ks().size(); i++) {
        double m = 100 * c.mean()[i];
        double sd = 100 * c.sd()[i];
        s.add(c.ks().get(i), m, m - sd, m + sd);
      }
      ds.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, "rows removed (k)", "test error (%), mean ± sd over seeds", ds,
        PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false); // the gaps are tenths of a point
    DeviationRenderer r = new DeviationRenderer(true, true);
    for (int i = 0; i < curves.size(); i++) {
      Color col = PALETTE[i % PALETTE.length];
      r.setSeriesPaint(i, col);
      r.setSeriesFillPaint(i, col);
      r.setSeriesStroke(i, new BasicStroke(2f));
    }
    r.setAlpha(0.15f);
    plot.setRenderer(r);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 560);
  }

  /** Fraction of planted (flipped) rows among the k rows ranked most harmful by {@code score}. */
  static double precisionAt(double[] score, boolean[] flipped, int k) {
    Integer[] order = RankAgreement.order(score);
    int hit = 0;
    int m = Math.min(k, order.length);
    for (int i = 0; i < m; i++) if (flipped[order[i]]) hit++;
    return m == 0 ? Double.NaN : (double) hit / m;
  }
}
