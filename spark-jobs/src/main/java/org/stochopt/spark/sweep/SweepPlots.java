package org.stochopt.spark.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Small JFreeChart helper for the sweep's figures: named series with a style, log or linear axes, vertical markers. */
final class SweepPlots {
  static final Color[] PALETTE = {
      new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44), new Color(148, 103, 189),
      new Color(255, 127, 14), new Color(140, 86, 75), new Color(227, 119, 194), new Color(23, 190, 207)};

  enum Style { MEASURED, THEORY, CENSORED, LINE }

  record Series(String name, double[] x, double[] y, Color color, Style style) {}

  record Marker(double x, String label, Color color) {}

  private final String title;
  private final String subtitle;
  private final String xLabel;
  private final String yLabel;
  private final boolean logX;
  private final boolean logY;
  private final List<Series> series = new ArrayList<>();
  private final List<Marker> markers = new ArrayList<>();

  SweepPlots(String title, String subtitle, String xLabel, String yLabel, boolean logX, boolean logY) {
    this.title = title;
    this.subtitle = subtitle;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.logX = logX;
    this.logY = logY;
  }

  SweepPlots add(Series s) {
    series.add(s);
    return this;
  }

  SweepPlots marker(double x, String label, Color color) {
    if (x > 0 && Double.isFinite(x)) markers.add(new Marker(x, label, color));
    return this;
  }

  void write(Path png) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    double[] span = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    int index = 0;
    for (Series s : series) {
      XYSeries xy = new XYSeries(s.name(), false, true);
      for (int i = 0; i < s.x().length; i++) {
        double x = s.x()[i], y = s.y()[i];
        if (Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0) && (!logY || y > 0)) {
          xy.add(x, y);
          span[0] = Math.min(span[0], x);
          span[1] = Math.max(span[1], x);
          span[2] = Math.min(span[2], y);
          span[3] = Math.max(span[3], y);
        }
      }
      if (xy.getItemCount() == 0) continue;
      data.addSeries(xy);
      renderer.setSeriesPaint(index, s.color());
      Shape dot = new Ellipse2D.Double(-4, -4, 8, 8);
      switch (s.style()) {
        case MEASURED -> {
          renderer.setSeriesLinesVisible(index, true);
          renderer.setSeriesShapesVisible(index, true);
          renderer.setSeriesShape(index, dot);
          renderer.setSeriesStroke(index, new BasicStroke(2f));
        }
        case THEORY -> {
          renderer.setSeriesLinesVisible(index, true);
          renderer.setSeriesShapesVisible(index, false);
          renderer.setSeriesStroke(index, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
              new float[] {7f, 5f}, 0f));
        }
        case CENSORED -> {
          renderer.setSeriesLinesVisible(index, false);
          renderer.setSeriesShapesVisible(index, true);
          renderer.setSeriesShape(index, new Rectangle2D.Double(-5, -5, 10, 10));
          renderer.setSeriesShapesFilled(index, false);
        }
        case LINE -> {
          renderer.setSeriesLinesVisible(index, true);
          renderer.setSeriesShapesVisible(index, false);
          renderer.setSeriesStroke(index, new BasicStroke(1.5f));
        }
      }
      index++;
    }
    ValueAxis x = logX ? logAxis(xLabel, 2) : new NumberAxis(xLabel);
    ValueAxis y = logY ? logAxis(yLabel, 10) : new NumberAxis(yLabel);
    // A single point (a one-cell sweep) gives an empty auto range, which JFreeChart rejects: widen it.
    widenIfDegenerate(x, span[0], span[1], logX);
    widenIfDegenerate(y, span[2], span[3], logY);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    for (Marker m : markers) {
      ValueMarker v = new ValueMarker(m.x(), m.color(), new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
          10f, new float[] {2f, 3f}, 0f));
      v.setLabel(m.label());
      v.setLabelFont(new Font("SansSerif", Font.PLAIN, 11));
      v.setLabelPaint(m.color());
      v.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      v.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      plot.addDomainMarker(v);
    }
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    if (subtitle != null) chart.addSubtitle(new TextTitle(subtitle, new Font("SansSerif", Font.PLAIN, 11)));
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 600);
  }

  private static void widenIfDegenerate(ValueAxis axis, double min, double max, boolean log) {
    if (!(min <= max) || max > min * (1 + 1e-9) + (log ? 0 : 1e-12)) return;
    if (log) axis.setRange(min / 2, max * 2);
    else axis.setRange(min - Math.max(1, Math.abs(min)) / 2, max + Math.max(1, Math.abs(max)) / 2);
  }

  private static LogAxis logAxis(String label, double base) {
    LogAxis a = new LogAxis(label);
    a.setBase(base);
    a.setSmallestValue(1e-300);
    a.setNumberFormatOverride(new CompactFormat());
    if (base == 2) {
      a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
    return a;
  }

  /** Tick labels as plain numbers with three significant digits (1e-06, 0.5, 128, 2.5e+04), not as powers. */
  private static final class CompactFormat extends java.text.NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double v, StringBuffer to, java.text.FieldPosition pos) {
      if (Math.abs(v - Math.rint(v)) < 1e-9 * Math.max(1, Math.abs(v)) && Math.abs(v) >= 1 && Math.abs(v) < 1e7) {
        return to.append((long) Math.rint(v)); // batch sizes and round counts: 1024, not 1.02e+03
      }
      String s = v != 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-2)
          ? String.format(java.util.Locale.ROOT, "%.2g", v) : String.format(java.util.Locale.ROOT, "%.3g", v);
      if (s.contains(".") && !s.contains("e")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
      return to.append(s);
    }

    @Override
    public StringBuffer format(long v, StringBuffer to, java.text.FieldPosition pos) {
      return format((double) v, to, pos);
    }

    @Override
    public Number parse(String source, java.text.ParsePosition pos) {
      throw new UnsupportedOperationException();
    }
  }
}
