package org.stochopt.spark.resfgb;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.stochopt.spark.meanfield.MeanFieldReport;
import org.stochopt.spark.resfgb.KernelStudy.BandwidthFit;
import org.stochopt.spark.resfgb.KernelStudy.Point;

/**
 * Outputs of {@code resfgb-kernel-study} over several seeds: {@code cells.csv} (one row per
 * (n, seed)), {@code bandwidths.csv} (every σ of every cell), {@code summary.csv} (mean and sample
 * standard deviation over the seeds per n), {@code slopes.csv} (the log-log slope of test error
 * against n fitted per seed, then mean ± standard deviation over the seeds: the spread says how
 * much of a slope difference is seed noise) and {@code study.png} (mean ± sd error bars, log-log;
 * and the validation error against σ that the selection read).
 */
public final class KernelStudyReport {
  /** The learners compared, with how each cell's test error is read. */
  public enum Series {
    RESFGB("ResFGB (depth on validation)", Point::resfgbError),
    RFF_TUNED("random features, σ on validation", p -> p.tuned().testError()),
    RFF_MEDIAN("random features, median σ", p -> p.median() == null ? Double.NaN : p.median().testError()),
    LINEAR("linear (layer 0)", Point::linearError);

    final String title;
    final ToDoubleFunction<Point> error;

    Series(String title, ToDoubleFunction<Point> error) {
      this.title = title;
      this.error = error;
    }
  }

  /** Mean and sample standard deviation (0 for one value; NaN values skipped). */
  public record Spread(double mean, double sd, int count) {
    public static Spread of(double[] v) {
      double s = 0;
      int m = 0;
      for (double x : v) {
        if (Double.isNaN(x)) continue;
        s += x;
        m++;
      }
      if (m == 0) return new Spread(Double.NaN, Double.NaN, 0);
      double mean = s / m;
      double ss = 0;
      for (double x : v) if (!Double.isNaN(x)) ss += (x - mean) * (x - mean);
      return new Spread(mean, m > 1 ? Math.sqrt(ss / (m - 1)) : 0, m);
    }
  }

  private KernelStudyReport() {}

  /** The cells grouped by n (ascending). */
  static TreeMap<Integer, List<Point>> byN(List<Point> cells) {
    return cells.stream().collect(Collectors.groupingBy(Point::n, TreeMap::new, Collectors.toList()));
  }

  /** Per n, the spread over seeds of one series. */
  public static Spread spread(List<Point> cellsAtN, ToDoubleFunction<Point> f) {
    return Spread.of(cellsAtN.stream().mapToDouble(f).toArray());
  }

  /** The slope fitted per seed (over that seed's sizes), as the spread over the seeds. */
  public static Spread slope(List<Point> cells, Series s) {
    TreeSet<Long> seeds = cells.stream().map(Point::seed).collect(Collectors.toCollection(TreeSet::new));
    double[] slopes = new double[seeds.size()];
    int k = 0;
    for (long seed : seeds) {
      List<Point> mine = cells.stream().filter(p -> p.seed() == seed).toList();
      slopes[k++] = KernelStudy.slope(mine.stream().mapToDouble(Point::n).toArray(), mine.stream().mapToDouble(s.error).toArray());
    }
    return Spread.of(slopes);
  }

  /** Writes every output; called after each cell so that a cut run leaves what it finished. */
  public static void write(Path out, List<Point> cells, String title) throws IOException {
    Files.createDirectories(out);
    try (Writer w = Files.newBufferedWriter(out.resolve("cells.csv"), StandardCharsets.UTF_8)) {
      w.write("n,seed,train_rows,resfgb_error,resfgb_depth,resfgb_seconds,resfgb_parameters,linear_error,rff_features,median_sigma,"
          + "tuned_bandwidth,tuned_sigma,tuned_wr_multiple,tuned_validation_error,tuned_error,tuned_seconds,median_error,median_seconds,rff_seconds_all\n");
      for (Point p : cells) {
        BandwidthFit t = p.tuned();
        BandwidthFit m = p.median();
        w.write(String.format(Locale.ROOT, "%d,%d,%d,%s,%d,%.2f,%d,%s,%d,%.4f,%s,%.4f,%s,%s,%s,%.2f,%s,%s,%.2f%n", p.n(), p.seed(), p.trainRows(),
            p.resfgbError(), p.resfgbDepth(), p.resfgbSeconds(), p.resfgbParameters(), p.linearError(), p.rffFeatures(), p.medianSigma(),
            t.label(), t.sigma(), t.wrMultiple(), t.validationError(), t.testError(), t.seconds(), m == null ? "" : Double.toString(m.testError()),
            m == null ? "" : String.format(Locale.ROOT, "%.2f", m.seconds()), p.rffSeconds()));
      }
    }
    try (Writer w = Files.newBufferedWriter(out.resolve("bandwidths.csv"), StandardCharsets.UTF_8)) {
      w.write("n,seed,bandwidth,sigma,wr_multiple,train_error,validation_error,test_error,seconds,chosen\n");
      for (Point p : cells) {
        for (int i = 0; i < p.fits().size(); i++) {
          BandwidthFit f = p.fits().get(i);
          w.write(String.format(Locale.ROOT, "%d,%d,%s,%.4f,%s,%s,%s,%s,%.2f,%b%n", p.n(), p.seed(), f.label(), f.sigma(), f.wrMultiple(),
              f.trainError(), f.validationError(), f.testError(), f.seconds(), i == p.chosen()));
        }
      }
    }
    TreeMap<Integer, List<Point>> groups = byN(cells);
    try (Writer w = Files.newBufferedWriter(out.resolve("summary.csv"), StandardCharsets.UTF_8)) {
      StringBuilder h = new StringBuilder("n,seeds");
      for (Series s : Series.values()) h.append(',').append(key(s)).append("_mean,").append(key(s)).append("_sd");
      w.write(h + ",resfgb_depth_mean,resfgb_seconds_mean,tuned_seconds_mean,rff_seconds_all_mean,tuned_bandwidths\n");
      for (var e : groups.entrySet()) {
        List<Point> g = e.getValue();
        StringBuilder b = new StringBuilder(e.getKey() + "," + g.size());
        for (Series s : Series.values()) {
          Spread sp = spread(g, s.error);
          b.append(String.format(Locale.ROOT, ",%.5f,%.5f", sp.mean(), sp.sd()));
        }
        b.append(String.format(Locale.ROOT, ",%.2f,%.2f,%.2f,%.2f,%s", spread(g, p -> p.resfgbDepth()).mean(), spread(g, Point::resfgbSeconds).mean(),
            spread(g, p -> p.tuned().seconds()).mean(), spread(g, Point::rffSeconds).mean(),
            g.stream().map(p -> p.tuned().label() + "/" + p.tuned().wrMultiple()).collect(Collectors.joining(" "))));
        w.write(b + "\n");
      }
    }
    try (Writer w = Files.newBufferedWriter(out.resolve("slopes.csv"), StandardCharsets.UTF_8)) {
      w.write("series,slope_mean,slope_sd,seeds\n");
      for (Series s : Series.values()) {
        Spread sp = slope(cells, s);
        w.write(String.format(Locale.ROOT, "%s,%.4f,%.4f,%d%n", key(s), sp.mean(), sp.sd(), sp.count()));
      }
    }
    MeanFieldReport.write(out.resolve("study.png"), errorChart(groups, cells, title), validationChart(groups));
  }

  /**
   * The cells of a finished (or cut) run read back from its {@code cells.csv} and
   * {@code bandwidths.csv}, so that the summary and the figure can be redrawn without refitting
   * (σ and seconds as rounded in the files; the errors exact).
   */
  public static List<Point> read(Path out) throws IOException {
    List<String[]> fitRows = rows(out.resolve("bandwidths.csv"));
    List<Point> cells = new ArrayList<>();
    for (String[] c : rows(out.resolve("cells.csv"))) {
      int n = Integer.parseInt(c[0]);
      long seed = Long.parseLong(c[1]);
      List<BandwidthFit> fits = new ArrayList<>();
      int chosen = -1;
      int median = -1;
      for (String[] f : fitRows) {
        if (Integer.parseInt(f[0]) != n || Long.parseLong(f[1]) != seed) continue;
        if (Boolean.parseBoolean(f[9])) chosen = fits.size();
        if (median < 0 && f[2].equals("1x")) median = fits.size();
        fits.add(new BandwidthFit(f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
            Double.parseDouble(f[7]), Double.parseDouble(f[8])));
      }
      if (fits.isEmpty() || chosen < 0) throw new IllegalArgumentException(out + ": no chosen bandwidth for n=" + n + ", seed=" + seed);
      cells.add(new Point(n, seed, Integer.parseInt(c[2]), Double.parseDouble(c[3]), Integer.parseInt(c[4]), Double.parseDouble(c[5]),
          Long.parseLong(c[6]), Double.parseDouble(c[7]), Integer.parseInt(c[8]), Double.parseDouble(c[9]), fits, chosen, median,
          Double.parseDouble(c[c.length - 1])));
    }
    if (cells.isEmpty()) throw new IllegalArgumentException(out.resolve("cells.csv") + " holds no cells");
    return cells;
  }

  private static List<String[]> rows(Path csv) throws IOException {
    if (!Files.exists(csv)) throw new IllegalArgumentException("no " + csv + " to redraw from");
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
  }

  private static String key(Series s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  /** Test error against n, mean ± sd over the seeds, log-log (a lower bar end ≤ 0 is drawn at 1e-4). */
  private static JFreeChart errorChart(TreeMap<Integer, List<Point>> groups, List<Point> cells, String title) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    for (Series s : Series.values()) {
      Spread slope = slope(cells, s);
      YIntervalSeries ys = new YIntervalSeries(String.format(Locale.ROOT, "%s: slope %.2f ± %.2f", s.title, slope.mean(), slope.sd()));
      for (var e : groups.entrySet()) {
        Spread sp = spread(e.getValue(), s.error);
        if (!(sp.mean() > 0)) continue;
        ys.add(e.getKey(), sp.mean(), Math.max(sp.mean() - sp.sd(), 1e-4), sp.mean() + sp.sd());
      }
      if (ys.getItemCount() > 0) data.addSeries(ys);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, "training rows n (fit + validation)", "test error", data, PlotOrientation.VERTICAL,
        true, false, false);
    XYPlot plot = chart.getXYPlot();
    LogAxis x = new LogAxis("training rows n (fit + validation)");
    x.setSmallestValue(1);
    x.setNumberFormatOverride(new java.text.DecimalFormat("0"));
    plot.setDomainAxis(x);
    LogAxis y = new LogAxis("test error (mean ± sd over seeds)");
    y.setSmallestValue(1e-4);
    y.setNumberFormatOverride(new java.text.DecimalFormat("0.###"));
    plot.setRangeAxis(y);
    XYErrorRenderer r = new XYErrorRenderer();
    r.setDrawXError(false);
    r.setDefaultLinesVisible(true);
    r.setCapLength(6);
    Color[] colors = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(255, 127, 14), Color.GRAY};
    for (int i = 0; i < data.getSeriesCount(); i++) {
      r.setSeriesPaint(i, colors[i % colors.length]);
      r.setSeriesStroke(i, new BasicStroke(2f));
      r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
    }
    plot.setRenderer(r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** Validation error against the grid's σ (at each cell's best wr, mean over seeds), one curve per n: what the selection saw. */
  private static JFreeChart validationChart(TreeMap<Integer, List<Point>> groups) {
    List<MeanFieldReport.Curve> curves = new ArrayList<>();
    for (var e : groups.entrySet()) {
      List<Point> g = e.getValue();
      // per σ the best wr of each cell (σ-major fits: consecutive runs of equal labels)
      List<String> labels = g.get(0).fits().stream().map(BandwidthFit::label).distinct().toList();
      double[] sigma = new double[labels.size()];
      double[] err = new double[labels.size()];
      for (int i = 0; i < labels.size(); i++) {
        String l = labels.get(i);
        sigma[i] = spread(g, p -> p.fits().stream().filter(f -> f.label().equals(l)).findFirst().orElseThrow().sigma()).mean();
        err[i] = spread(g, p -> p.fits().stream().filter(f -> f.label().equals(l)).mapToDouble(BandwidthFit::validationError).min().orElse(Double.NaN))
            .mean();
      }
      curves.add(new MeanFieldReport.Curve("n = " + e.getKey(), sigma, err));
    }
    // a linear σ axis: the grid spans about a decade, and a log axis here would start at 1
    return MeanFieldReport.chart("random features: validation error against σ (best wr)", "bandwidth σ", "validation error (mean over seeds)", false,
        false, curves);
  }
}
