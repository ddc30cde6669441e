package org.stochopt.spark.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The bench's outputs: {@code bench.csv} (one row per system and target: time, rounds, passes,
 * memory), {@code curves.csv} (every measured point), {@code bench.md} (the table) and
 * {@code bench.png} (relative suboptimality against seconds, every system on one log-y chart).
 */
public final class BenchReport {
  private BenchReport() {}

  private static final Color[] PALETTE = {
    new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
    new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
    new Color(188, 189, 34), new Color(23, 190, 207)};

  public static void write(Path out, String title, List<Curve> curves, List<Double> targets, String header)
      throws IOException {
    Files.createDirectories(out);
    writeSummaryCsv(out.resolve("bench.csv"), curves, targets);
    writeCurvesCsv(out.resolve("curves.csv"), curves);
    org.stochopt.core.io.AtomicFiles.writeString(out.resolve("bench.md"), markdown(title, curves, targets, header));
    plot(out.resolve("bench.png"), title, curves);
  }

  static void writeSummaryCsv(Path file, List<Curve> curves, List<Double> targets) throws IOException {
    StringBuilder sb = new StringBuilder(
        "system,clock,target,seconds,rounds,passes,load_seconds,setup_seconds,best_relative_suboptimality,peak_memory_mb,memory_kind\n");
    for (Curve c : curves) {
      for (double t : targets) {
        Curve.Point p = c.firstReaching(t);
        sb.append(csv(c.system())).append(',').append(csv(c.clock())).append(',').append(t).append(',')
            .append(p == null ? "" : num(p.seconds())).append(',').append(p == null ? "" : num(p.rounds())).append(',')
            .append(p == null ? "" : num(p.passes())).append(',').append(num(c.loadSeconds())).append(',')
            .append(num(c.setupSeconds())).append(',').append(num(c.best())).append(',').append(num(c.peakMemoryMb()))
            .append(',').append(csv(c.memoryKind())).append('\n');
      }
    }
    Files.writeString(file, sb.toString());
  }

  static void writeCurvesCsv(Path file, List<Curve> curves) throws IOException {
    StringBuilder sb = new StringBuilder("system,seconds,relative_suboptimality,rounds,passes\n");
    for (Curve c : curves) {
      for (Curve.Point p : c.byTime()) {
        sb.append(csv(c.system())).append(',').append(num(p.seconds())).append(',').append(num(p.relativeSuboptimality()))
            .append(',').append(num(p.rounds())).append(',').append(num(p.passes())).append('\n');
      }
    }
    Files.writeString(file, sb.toString());
  }

  static String markdown(String title, List<Curve> curves, List<Double> targets, String header) {
    StringBuilder sb = new StringBuilder("# " + title + "\n\n" + header + "\n\n");
    sb.append("| system | clock |");
    for (double t : targets) sb.append(" time to ").append(sci(t)).append(" (s) |");
    double finest = targets.get(targets.size() - 1);
    sb.append(" rounds to ").append(sci(finest)).append(" | passes to ").append(sci(finest))
        .append(" | best reached | load (s) | setup (s) | peak memory (MB) |\n|---|---|");
    for (int i = 0; i < targets.size() + 6; i++) sb.append("---|");
    sb.append('\n');
    for (Curve c : curves) {
      sb.append("| ").append(c.system()).append(" | ").append(c.clock()).append(" |");
      for (double t : targets) {
        Curve.Point p = c.firstReaching(t);
        sb.append(' ').append(p == null ? "—" : String.format(Locale.ROOT, "%.3g", p.seconds())).append(" |");
      }
      Curve.Point p = c.firstReaching(finest);
      sb.append(' ').append(p == null || Double.isNaN(p.rounds()) ? "—" : String.format(Locale.ROOT, "%.0f", p.rounds()))
          .append(" | ").append(p == null || Double.isNaN(p.passes()) ? "—" : String.format(Locale.ROOT, "%.1f", p.passes()))
          .append(" | ").append(sci(c.best())).append(" | ").append(fmt(c.loadSeconds())).append(" | ")
          .append(fmt(c.setupSeconds())).append(" | ")
          .append(Double.isNaN(c.peakMemoryMb()) ? "—" : String.format(Locale.ROOT, "%.0f (%s)", c.peakMemoryMb(), c.memoryKind()))
          .append(" |\n");
    }
    sb.append("\nNotes:\n\n");
    for (Curve c : curves) sb.append("- **").append(c.system()).append("**: ").append(c.notes()).append('\n');
    return sb.toString();
  }

  static void plot(Path png, String title, List<Curve> curves) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    double smallest = 1;
    for (Curve c : curves) {
      // Trace order (= time order for one run; tolerance order for LIBLINEAR's separate runs).
      XYSeries s = new XYSeries(c.system() + " [" + c.clock() + "]", false, true);
      for (Curve.Point p : c.points()) {
        if (p.relativeSuboptimality() > 0 && Double.isFinite(p.relativeSuboptimality())) {
          s.add(Math.max(p.seconds(), 1e-3), p.relativeSuboptimality());
          smallest = Math.min(smallest, p.relativeSuboptimality());
        }
      }
      data.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, "seconds", "relative suboptimality (F − F*)/|F*|", data,
        PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    LogAxis y = new LogAxis("relative suboptimality (F − F*)/|F*|");
    y.setSmallestValue(1e-16);
    y.setRange(Math.max(1e-16, smallest / 3), 10);
    y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0)); // one tick per decade
    plot.setRangeAxis(y);
    LogAxis x = new LogAxis("seconds (log)");
    x.setSmallestValue(1e-3);
    x.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0));
    plot.setDomainAxis(x);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < curves.size(); i++) {
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      r.setSeriesStroke(i, new BasicStroke(2f));
      r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
    }
    plot.setRenderer(r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 1100, 700);
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }

  private static String sci(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0e", v).replace("e-0", "e-") : "—";
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.2f", v);
  }
}
