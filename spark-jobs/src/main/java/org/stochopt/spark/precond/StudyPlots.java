package org.stochopt.spark.precond;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
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

/** The study's two figures: risk against α (best α marked), and early-stopping curves. */
final class StudyPlots {
  private static final Color[] PALETTE = {
      new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44), new Color(148, 103, 189), new Color(255, 127, 14)};
  private static final BasicStroke SOLID = new BasicStroke(2.0f);
  private static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

  private StudyPlots() {}

  /** Means over seeds for one (family, α, signal). */
  record AlphaRow(String family, double alpha, String signal, double bias, double biasSe, double variance, double varianceSe,
      double total, double totalSe, double error) {}

  /** Mean early-stopping risk for one (family, α, signal). */
  record Curve(String family, double alpha, String signal, long[] iterations, double[] noisy, double[] clean, double limitNoisy,
      double limitClean) {}

  /**
   * One panel per (signal, clean/noisy): fisher:α bias, variance and total solid, additive:α dashed;
   * the best α of each family's total is drawn as a large marker and named in the legend.
   */
  static void riskVsAlpha(List<AlphaRow> rows, List<String> signals, String subtitle, boolean noisy, Path png) throws IOException {
    int w = 560;
    int h = 460;
    int panels = signals.size() * (noisy ? 2 : 1);
    BufferedImage img = new BufferedImage(w * panels, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    int p = 0;
    for (String signal : signals) {
      for (boolean withNoise : noisy ? new boolean[] {false, true} : new boolean[] {false}) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        int k = 0;
        for (String family : new String[] {"fisher", "additive"}) {
          boolean dashed = family.equals("additive");
          String[] parts = withNoise ? new String[] {"bias", "variance", "total"} : new String[] {"bias"};
          for (int part = 0; part < parts.length; part++) {
            XYSeries s = new XYSeries(family + " " + (withNoise ? parts[part] : "risk (= bias)"), false, true);
            AlphaRow best = null;
            for (AlphaRow row : rows) {
              if (!row.family().equals(family) || !row.signal().equals(signal)) continue;
              double y = !withNoise ? row.bias() : part == 0 ? row.bias() : part == 1 ? row.variance() : row.total();
              s.add(row.alpha(), y);
              double score = withNoise ? row.total() : row.bias();
              if (best == null || score < (withNoise ? best.total() : best.bias())) best = row;
            }
            data.addSeries(s);
            r.setSeriesPaint(k, PALETTE[(withNoise ? part : 2) % PALETTE.length]);
            r.setSeriesStroke(k, dashed ? DASHED : SOLID);
            k++;
            if (part == parts.length - 1 && best != null) {
              XYSeries b = new XYSeries(String.format(Locale.ROOT, "best %s α = %s", family, best.alpha()), false, true);
              b.add(best.alpha(), withNoise ? best.total() : best.bias());
              data.addSeries(b);
              r.setSeriesLinesVisible(k, false);
              r.setSeriesShapesVisible(k, true);
              r.setSeriesShape(k, dashed ? new java.awt.geom.Rectangle2D.Double(-6, -6, 12, 12) : new java.awt.geom.Ellipse2D.Double(-7, -7, 14, 14));
              r.setSeriesPaint(k, Color.BLACK);
              k++;
            }
          }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(signal + (withNoise ? ", noisy labels" : ", clean labels"),
            "α  (0 = GD, 1 = NGD; solid fisher:α, dashed additive:α)", "risk at interpolation", data, PlotOrientation.VERTICAL,
            true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(r);
        style(chart, plot, subtitle);
        chart.draw(g, new Rectangle2D.Double(p++ * w, 0, w, h));
      }
    }
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }

  /** Noisy-label test risk against iterations (log x), one panel per signal, one line per (family, α). */
  static void earlyStopping(List<Curve> curves, List<String> signals, String subtitle, Path png) throws IOException {
    int w = 620;
    int h = 480;
    BufferedImage img = new BufferedImage(w * signals.size(), h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    int p = 0;
    for (String signal : signals) {
      XYSeriesCollection data = new XYSeriesCollection();
      XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
      int k = 0;
      for (Curve c : curves) {
        if (!c.signal().equals(signal)) continue;
        String name = c.alpha() == 0 ? "GD" : c.alpha() == 1 ? "NGD (" + c.family() + ":1)" : c.family() + ":" + c.alpha();
        if (c.alpha() == 0 && c.family().equals("additive")) continue; // additive:0 is GD again
        if (c.alpha() == 1 && c.family().equals("additive")) continue; // additive:1 is NGD again
        XYSeries s = new XYSeries(name, false, true);
        for (int i = 0; i < c.iterations().length; i++) s.add(c.iterations()[i], c.noisy()[i]);
        data.addSeries(s);
        r.setSeriesPaint(k, PALETTE[k % PALETTE.length]);
        r.setSeriesStroke(k, SOLID);
        k++;
      }
      JFreeChart chart = ChartFactory.createXYLineChart(signal + ": test risk, noisy labels, step 1/κ_max(P)",
          "iterations of preconditioned GD (log)", "test risk", data, PlotOrientation.VERTICAL, true, false, false);
      XYPlot plot = chart.getXYPlot();
      LogAxis x = new LogAxis("iterations (log scale)");
      x.setSmallestValue(1);
      plot.setDomainAxis(x);
      plot.setRenderer(r);
      style(chart, plot, subtitle);
      chart.draw(g, new Rectangle2D.Double(p++ * w, 0, w, h));
    }
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }

  private static void style(JFreeChart chart, XYPlot plot, String subtitle) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    chart.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(new org.jfree.chart.title.TextTitle(subtitle));
    chart.getTitle().setFont(chart.getTitle().getFont().deriveFont(13f));
  }
}
