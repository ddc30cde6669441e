package org.stochopt.spark.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.stochopt.experiments.LowNoiseExperiment.Curve;

/**
 * The low-noise figure: one panel per margin, test classification error (log scale) against
 * iterations, one colour per feature count M, solid for the averaged iterate and dashed for the
 * last iterate. Zero errors cannot be drawn on a log axis and are left out (the detection floor is
 * 1/(test rows · seeds)).
 */
public final class ErrorCurvePlot {
  private static final Color[] PALETTE = {
      new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44), new Color(148, 103, 189), new Color(255, 127, 14)};

  private ErrorCurvePlot() {}

  public static void writeCsv(List<Curve> curves, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("margin,features,iterate,step,test_error,standard_error\n");
      for (Curve c : curves) {
        for (int i = 0; i < c.steps().length; i++) {
          w.write(String.format(Locale.ROOT, "%s,%d,%s,%d,%s,%s%n", c.margin(), c.features(), c.averaged() ? "averaged" : "last",
              c.steps()[i], c.meanError()[i], c.standardError()[i]));
        }
      }
    }
  }

  public static void writePng(List<Curve> curves, String subtitle, Path png) throws IOException {
    double[] margins = curves.stream().mapToDouble(Curve::margin).distinct().toArray();
    List<Integer> features = curves.stream().map(Curve::features).distinct().toList();
    int w = 620;
    int h = 520;
    BufferedImage img = new BufferedImage(w * margins.length, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    for (int p = 0; p < margins.length; p++) {
      double margin = margins[p];
      XYSeriesCollection data = new XYSeriesCollection();
      XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
      int k = 0;
      for (Curve c : curves) {
        if (c.margin() != margin) continue;
        XYSeries s = new XYSeries("M=" + c.features() + (c.averaged() ? " averaged" : " last iterate"), false, true);
        for (int i = 0; i < c.steps().length; i++) if (c.meanError()[i] > 0) s.add(c.steps()[i], c.meanError()[i]);
        data.addSeries(s);
        renderer.setSeriesPaint(k, PALETTE[features.indexOf(c.features()) % PALETTE.length]);
        renderer.setSeriesStroke(k, c.averaged() ? new BasicStroke(2.2f)
            : new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        k++;
      }
      JFreeChart chart = ChartFactory.createXYLineChart(String.format(Locale.ROOT, "margin %s — %s", margin, subtitle),
          "iterations (one fresh example each)", "test classification error", data, PlotOrientation.VERTICAL, true, false, false);
      XYPlot plot = chart.getXYPlot();
      LogAxis y = new LogAxis("test error vs Bayes labels (log scale)");
      y.setSmallestValue(1e-6);
      y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0)); // one tick per decade (units of log10)
      plot.setRangeAxis(y);
      plot.setRenderer(renderer);
      plot.setBackgroundPaint(Color.WHITE);
      plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
      plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
      chart.setBackgroundPaint(Color.WHITE);
      chart.getTitle().setFont(chart.getTitle().getFont().deriveFont(13f));
      chart.draw(g, new Rectangle2D.Double(p * w, 0, w, h));
    }
    g.dispose();
    org.stochopt.core.io.AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
  }
}
