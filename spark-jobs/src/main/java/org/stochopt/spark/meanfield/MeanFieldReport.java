package org.stochopt.spark.meanfield;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.stochopt.core.meanfield.MeanFieldRecord;

/**
 * Outputs of a mean-field run: {@code trace.csv} and two PNGs.
 * <ul>
 *   <li>{@code objective.png}: P̂ and D̂ against steps; and, on a log scale, the estimated gap
 *       P̂ − D̂ and the decrease P̂(t) − P̂(last) still to come (biased to 0 near the end; it shows
 *       the rate before that); for PDA on log–log axes with a ∝ 1/t reference line.</li>
 *   <li>{@code loss.png}: train and test loss (with the noise floor for teacher data), and the
 *       teacher alignment (or the test error for classification).</li>
 * </ul>
 */
public final class MeanFieldReport {
  private static final Color[] COLORS = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44), Color.GRAY};

  private MeanFieldReport() {}

  public static void writeTrace(List<MeanFieldRecord> trace, Path file) throws IOException {
    org.stochopt.core.io.AtomicFiles.write(file, out -> {
      Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
      w.write(MeanFieldRecord.CSV_HEADER);
      w.write('\n');
      for (MeanFieldRecord r : trace) {
        w.write(r.toCsv());
        w.write('\n');
      }
      w.flush();
    });
  }

  /** A named curve. */
  public record Curve(String name, double[] x, double[] y) {
    static Curve of(String name, List<MeanFieldRecord> trace, ToDoubleFunction<MeanFieldRecord> x, ToDoubleFunction<MeanFieldRecord> y) {
      return new Curve(name, trace.stream().mapToDouble(x).toArray(), trace.stream().mapToDouble(y).toArray());
    }
  }

  public static void objectivePlot(List<MeanFieldRecord> trace, String title, boolean logX, Path png) throws IOException {
    ToDoubleFunction<MeanFieldRecord> step = r -> r.step();
    JFreeChart values = chart(title + ": objective and dual", "step", "value", false, false,
        List.of(Curve.of("P̂ (objective)", trace, step, MeanFieldRecord::objective), Curve.of("D̂ (dual)", trace, step, MeanFieldRecord::dual)));
    double lastObjective = trace.get(trace.size() - 1).objective();
    List<Curve> gaps = new ArrayList<>();
    gaps.add(Curve.of("gap P̂ − D̂", trace, step, MeanFieldRecord::gap));
    gaps.add(Curve.of("P̂(t) − P̂(last)", trace, step, r -> r.objective() - lastObjective));
    if (logX) gaps.add(inverseReference(gaps.get(1)));
    JFreeChart gap = chart(title + ": progress", logX ? "outer iteration t" : "step", "gap", logX, true, gaps);
    write(png, values, gap);
  }

  public static void lossPlot(List<MeanFieldRecord> trace, String title, double noiseFloor, Path png) throws IOException {
    ToDoubleFunction<MeanFieldRecord> step = r -> r.step();
    List<Curve> losses = new ArrayList<>();
    losses.add(Curve.of("train loss", trace, step, MeanFieldRecord::trainLoss));
    losses.add(Curve.of("test loss", trace, step, MeanFieldRecord::testLoss));
    if (Double.isFinite(noiseFloor)) losses.add(Curve.of("noise floor σ²/2", trace, step, r -> noiseFloor));
    JFreeChart left = chart(title + ": losses", "step", "loss", false, true, losses);
    boolean teacher = trace.stream().anyMatch(r -> Double.isFinite(r.alignment()));
    JFreeChart right = teacher
        ? chart(title + ": teacher alignment", "step", "mean max_k |cos(w_r, w*_k)|", false, false,
            List.of(Curve.of("alignment", trace, step, MeanFieldRecord::alignment)))
        : chart(title + ": test error", "step", "test error", false, false,
            List.of(Curve.of("test error", trace, step, MeanFieldRecord::testError)));
    write(png, left, right);
  }

  /** c/t through the positive point of {@code c} nearest to t = 10 (past the transient, before the end bias). */
  private static Curve inverseReference(Curve c) {
    int at = -1;
    for (int i = 0; i < c.x().length; i++) {
      if (c.x()[i] > 0 && c.y()[i] > 0 && (at < 0 || Math.abs(Math.log(c.x()[i] / 10)) < Math.abs(Math.log(c.x()[at] / 10)))) at = i;
    }
    double k = at < 0 ? Double.NaN : c.y()[at] * c.x()[at];
    double[] y = new double[c.x().length];
    for (int i = 0; i < y.length; i++) y[i] = k / c.x()[i];
    return new Curve("∝ 1/t", c.x(), y);
  }

  /** A line chart of the curves; non-positive values are dropped on log axes. */
  public static JFreeChart chart(String title, String xLabel, String yLabel, boolean logX, boolean logY, List<Curve> curves) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Curve c : curves) {
      XYSeries s = new XYSeries(c.name(), false, true);
      for (int i = 0; i < c.x().length; i++) {
        double x = c.x()[i];
        double y = c.y()[i];
        if (!Double.isFinite(x) || !Double.isFinite(y) || (logX && x <= 0) || (logY && y <= 0)) continue;
        s.add(x, y);
      }
      data.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    if (logY) {
      LogAxis axis = new LogAxis(yLabel);
      axis.setSmallestValue(1e-12);
      plot.setRangeAxis(axis);
    } else {
      ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    }
    if (logX) {
      LogAxis axis = new LogAxis(xLabel);
      axis.setSmallestValue(1);
      plot.setDomainAxis(axis);
    } else {
      ValueAxis axis = plot.getDomainAxis();
      ((NumberAxis) axis).setAutoRangeIncludesZero(true);
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < curves.size(); i++) {
      renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
      renderer.setSeriesStroke(i, new BasicStroke(2f));
      renderer.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
    }
    plot.setRenderer(renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** Charts side by side in one PNG. */
  public static void write(Path png, JFreeChart... charts) throws IOException {
    int w = 700;
    int h = 480;
    BufferedImage img = new BufferedImage(charts.length * w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    for (int i = 0; i < charts.length; i++) charts[i].draw(g, new java.awt.geom.Rectangle2D.Double(i * w, 0, w, h));
    g.dispose();
    org.stochopt.core.io.AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
  }
}
