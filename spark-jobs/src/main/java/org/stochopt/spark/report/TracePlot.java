package org.stochopt.spark.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.stochopt.core.trace.TraceRecord;

/**
 * The convergence figure of a run: relative suboptimality (log scale) against rounds and against
 * effective passes, side by side in one PNG. Without a reference optimum it plots the
 * gradient-mapping norm instead, which also goes to zero at the optimum. A primal-dual method's
 * trace (CoCoA+) adds a second curve, its certified bound gap/D(α) ≥ (F − F*)/F*, which needs no F*.
 */
public final class TracePlot {
  private TracePlot() {}

  public static void write(List<TraceRecord> trace, String title, Path png) throws IOException {
    BufferedImage img = render(trace, title);
    org.stochopt.core.io.AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
  }

  /**
   * Starts {@link #write} on its own thread and returns at once; {@link Pending#await} waits for it
   * and rethrows its failure. A short run's figure (loading Java2D, rendering, PNG encoding) then
   * takes no wall time of its own: it runs on another core while the text outputs are written.
   */
  public static Pending writeInBackground(List<TraceRecord> trace, String title, Path png) {
    java.util.concurrent.FutureTask<Void> task = new java.util.concurrent.FutureTask<>(() -> {
      write(trace, title, png);
      return null;
    });
    new Thread(task, "stochopt-figure").start();
    return new Pending(task);
  }

  /** A figure being written by {@link #writeInBackground}. */
  public static final class Pending {
    private final java.util.concurrent.FutureTask<Void> task;

    private Pending(java.util.concurrent.FutureTask<Void> task) {
      this.task = task;
    }

    /** Waits until the figure is written; its failure is thrown here, as {@link #write} would throw it. */
    public void await() throws IOException {
      boolean interrupted = false;
      try {
        while (true) {
          try {
            task.get();
            return;
          } catch (InterruptedException e) {
            interrupted = true; // the figure is part of the outputs: finish it, then restore the flag
          }
        }
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) throw io;
        if (cause instanceof RuntimeException r) throw r;
        if (cause instanceof Error err) throw err;
        throw new IOException(cause);
      } finally {
        if (interrupted) Thread.currentThread().interrupt();
      }
    }
  }

  /** The figure as an image (what {@link #write} encodes as PNG). */
  static BufferedImage render(List<TraceRecord> trace, String title) {
    boolean haveReference = trace.stream().anyMatch(r -> r.relativeSuboptimality() > 0);
    String yLabel = haveReference ? "relative suboptimality (F − F*)/|F*|" : "gradient-mapping norm";
    ToDoubleFunction<TraceRecord> y = haveReference ? TraceRecord::relativeSuboptimality : TraceRecord::gradientMappingNorm;
    boolean haveGap = trace.stream().anyMatch(r -> r.dualityGap() > 0);
    JFreeChart byRounds = chart(trace, title + " — by rounds", "rounds", yLabel, r -> r.rounds(), y, haveGap);
    JFreeChart byPasses = chart(trace, title + " — by effective passes", "effective passes", yLabel, TraceRecord::effectivePasses, y,
        haveGap);
    int w = 700;
    int h = 480;
    BufferedImage img = new BufferedImage(2 * w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    byRounds.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, w, h));
    byPasses.draw(g, new java.awt.geom.Rectangle2D.Double(w, 0, w, h));
    g.dispose();
    return img;
  }

  private static JFreeChart chart(List<TraceRecord> trace, String title, String xLabel, String yLabel,
      ToDoubleFunction<TraceRecord> x, ToDoubleFunction<TraceRecord> y, boolean withGap) {
    XYSeriesCollection data = new XYSeriesCollection(series(trace, yLabel, x, y));
    if (withGap) data.addSeries(series(trace, "duality gap / D(α) (certified bound)", x, TracePlot::relativeGap));
    JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, withGap, false, false);
    XYPlot plot = chart.getXYPlot();
    LogAxis logAxis = new LogAxis(yLabel);
    logAxis.setSmallestValue(1e-16);
    plot.setRangeAxis(logAxis);
    ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(true);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    renderer.setSeriesPaint(0, new Color(31, 119, 180));
    renderer.setSeriesStroke(0, new BasicStroke(2f));
    renderer.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
    renderer.setSeriesPaint(1, new Color(214, 39, 40));
    renderer.setSeriesStroke(1, new BasicStroke(2f));
    plot.setRenderer(renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static XYSeries series(List<TraceRecord> trace, String name, ToDoubleFunction<TraceRecord> x, ToDoubleFunction<TraceRecord> y) {
    XYSeries series = new XYSeries(name, false, true);
    for (TraceRecord r : trace) {
      double v = y.applyAsDouble(r);
      if (v > 0 && Double.isFinite(v)) series.add(x.applyAsDouble(r), v);
    }
    return series;
  }

  /** gap/D(α), D = F − gap: the relative suboptimality the gap certifies (NaN where D ≤ 0 or no gap). */
  static double relativeGap(TraceRecord r) {
    double dual = r.objective() - r.dualityGap();
    return dual > 0 ? r.dualityGap() / dual : Double.NaN;
  }
}
