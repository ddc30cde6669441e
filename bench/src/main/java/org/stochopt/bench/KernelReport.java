package org.stochopt.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Writes the kernel measurements as {@code kernels.csv}, {@code kernels.md} (the table for
 * docs/performance.md) and {@code kernels.png} (achieved GB/s per kernel next to the measured
 * bandwidth). The reference bound is the single-thread {@code read} benchmark, because a gradient
 * pass only reads its data and runs on one thread per partition; GB = 10⁹ bytes.
 */
public final class KernelReport {
  private final List<KernelMeasurement> rows;

  /** Column header of the rate and its ± (JMH: ops/s ± the 99.9% interval). */
  private final String rateHeader;

  public KernelReport(List<KernelMeasurement> rows) {
    this(rows, "ops/s (± 99.9%)");
  }

  public KernelReport(List<KernelMeasurement> rows, String rateHeader) {
    this.rows = List.copyOf(rows);
    this.rateHeader = rateHeader;
  }

  /** Single-thread read bandwidth in bytes/s, if it was measured in this run. */
  public OptionalDouble singleThreadRead() {
    return rows.stream()
        .filter(r -> r.bandwidth() && r.threads() == 1 && r.label().startsWith("read ("))
        .mapToDouble(KernelMeasurement::bytesPerSecond)
        .findFirst();
  }

  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("kernels.csv"), csv());
    Files.writeString(dir.resolve("kernels.md"), markdown());
    writeFigure(dir.resolve("kernels.png"));
  }

  String csv() {
    StringBuilder sb = new StringBuilder(
        "benchmark,threads,ops_per_s,ops_per_s_error,bytes_per_op,entries_per_op,entries_per_s,gb_per_s,fraction_of_read_bw\n");
    OptionalDouble bw = singleThreadRead();
    for (KernelMeasurement r : rows) {
      sb.append(String.format(Locale.ROOT, "\"%s\",%d,%.6g,%.3g,%d,%d,%.6g,%.4f,%s%n", r.label(), r.threads(),
          r.opsPerSecond(), r.opsError(), r.bytesPerOp(), r.entriesPerOp(), r.entriesPerSecond(),
          r.bytesPerSecond() / 1e9, bw.isPresent() ? String.format(Locale.ROOT, "%.3f", r.bytesPerSecond() / bw.getAsDouble()) : ""));
    }
    return sb.toString();
  }

  String markdown() {
    OptionalDouble bw = singleThreadRead();
    StringBuilder sb = new StringBuilder(
        "| benchmark | threads | " + rateHeader + " | nonzeros/s | GB/s | fraction of 1-thread read bandwidth |\n"
            + "|---|---|---|---|---|---|\n");
    for (KernelMeasurement r : rows) {
      sb.append(String.format(Locale.ROOT, "| %s | %d | %s ± %s | %s | %.2f | %s |%n", r.label(), r.threads(),
          sig(r.opsPerSecond()), sig(r.opsError()), r.bandwidth() ? "—" : sci(r.entriesPerSecond()),
          r.bytesPerSecond() / 1e9,
          bw.isPresent() ? String.format(Locale.ROOT, "%.2f", r.bytesPerSecond() / bw.getAsDouble()) : "—"));
    }
    return sb.toString();
  }

  private void writeFigure(Path png) throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    // The loss benchmarks read no data (their "bytes" are L1 margins): table only, not the figure.
    List<KernelMeasurement> plotted = rows.stream().filter(r -> !r.label().startsWith("loss ")).toList();
    for (KernelMeasurement r : plotted) data.addValue(r.bytesPerSecond() / 1e9, "GB/s", r.label());
    BarRenderer renderer = new BarRenderer() {
      private static final long serialVersionUID = 1L;

      @Override
      public Paint getItemPaint(int row, int column) {
        KernelMeasurement m = plotted.get(column);
        if (m.bandwidth()) return new Color(0x99, 0x99, 0x99);
        return m.label().startsWith("candidate") ? new Color(0xff, 0x7f, 0x0e) : new Color(0x1f, 0x77, 0xb4);
      }
    };
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setMaximumBarWidth(0.08);
    NumberAxis gb = new NumberAxis("achieved GB/s (10⁹ bytes of data read per second)");
    CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(), gb, renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    OptionalDouble bw = singleThreadRead();
    if (bw.isPresent()) {
      double v = bw.getAsDouble() / 1e9;
      plot.addRangeMarker(marker(v, "1-thread read bandwidth " + String.format(Locale.ROOT, "%.1f", v), Color.RED,
          new BasicStroke(1.5f)));
      plot.addRangeMarker(marker(v / 2, "half", Color.RED, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
          BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)));
    }
    JFreeChart chart = new JFreeChart(
        "Gradient kernels vs measured memory bandwidth (grey: STREAM-like, blue: core kernels, orange: candidate)", plot);
    chart.removeLegend();
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 1100, 40 * plotted.size() + 160);
  }

  private static ValueMarker marker(double value, String text, Color color, BasicStroke stroke) {
    ValueMarker m = new ValueMarker(value, color, stroke);
    m.setLabel(text);
    m.setLabelPaint(color);
    m.setLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 13));
    m.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
    m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
    return m;
  }

  private static String sig(double v) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.4g", v);
  }

  private static String sci(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
