package org.stochopt.spark.embed;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.stochopt.core.embed.EmbeddingGraph;
import org.stochopt.core.embed.EmbeddingRecord;
import org.stochopt.core.embed.Manifold;

/** Outputs of an embedding run: {@code trace.csv}, {@code embedding.tsv}, {@code metrics.png}, {@code disk.png} (d = 2). */
public final class EmbeddingReport {
  private EmbeddingReport() {}

  public static void writeTrace(List<EmbeddingRecord> trace, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(EmbeddingRecord.CSV_HEADER + "\n");
      for (EmbeddingRecord r : trace) w.write(r.toCsv() + "\n");
    }
  }

  /** One line per node: name, then the row's ambient coordinates (tab-separated, exact hexadecimal-free decimal). */
  public static void writeEmbedding(EmbeddingGraph g, double[] table, int width, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < g.nodes(); i++) {
        StringBuilder sb = new StringBuilder(g.names()[i]);
        for (int c = 0; c < width; c++) sb.append('\t').append(Double.toString(table[i * width + c]));
        w.write(sb.append('\n').toString());
      }
    }
  }

  /**
   * The same lines for a sharded table, written shard by shard (so in node order within each
   * shard: 0, P, 2P, …, then 1, P + 1, …); readers match rows by name.
   */
  public static void writeShards(EmbeddingGraph g, org.stochopt.core.embed.PartitionedEmbedding e, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      java.io.UncheckedIOException[] failed = {null};
      e.forEachShard(shard -> {
        if (failed[0] != null) return;
        org.stochopt.core.embed.RowSet rows = shard.asRowSet();
        int width = rows.width();
        try {
          for (int k = 0; k < rows.size(); k++) {
            StringBuilder sb = new StringBuilder(g.names()[rows.ids()[k]]);
            for (int c = 0; c < width; c++) sb.append('\t').append(Double.toString(rows.values()[k * width + c]));
            w.write(sb.append('\n').toString());
          }
        } catch (IOException x) {
          failed[0] = new java.io.UncheckedIOException(x);
        }
      });
      if (failed[0] != null) throw failed[0].getCause();
    }
  }

  /** Metric curves against epochs: the task's quality metric(s), and the radius. */
  public static void metricsPlot(List<EmbeddingRecord> trace, String title, Path png) throws IOException {
    List<JFreeChart> charts = new ArrayList<>();
    addChart(charts, trace, title + ": mean rank", "mean rank", EmbeddingRecord::meanRank);
    addChart(charts, trace, title + ": MAP", "MAP", EmbeddingRecord::map);
    addChart(charts, trace, title + ": held-out link error", "pairwise error", EmbeddingRecord::linkError);
    addChart(charts, trace, title + ": held-out ordinal accuracy", "accuracy", EmbeddingRecord::ordinalAccuracy);
    addChart(charts, trace, title + ": max radius", "max distance from origin", EmbeddingRecord::maxRadius);
    addChart(charts, trace, title + ": train loss", "loss", EmbeddingRecord::trainLoss);
    int w = 520, h = 330;
    BufferedImage img = new BufferedImage(w * 2, h * ((charts.size() + 1) / 2), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    for (int i = 0; i < charts.size(); i++) charts.get(i).draw(g, new java.awt.Rectangle((i % 2) * w, (i / 2) * h, w, h));
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }

  private static void addChart(List<JFreeChart> charts, List<EmbeddingRecord> trace, String title, String y,
      ToDoubleFunction<EmbeddingRecord> f) {
    XYSeries s = new XYSeries(y);
    for (EmbeddingRecord r : trace) {
      double v = f.applyAsDouble(r);
      if (Double.isFinite(v)) s.add(r.epochs(), v);
    }
    if (s.getItemCount() == 0) return;
    JFreeChart c = ChartFactory.createXYLineChart(title, "epochs", y, new XYSeriesCollection(s), PlotOrientation.VERTICAL, false, false, false);
    charts.add(c);
  }

  /**
   * The 2-D picture: Poincaré-disk coordinates (the hyperboloid mapped by the isometry; Euclidean
   * rows as they are, scaled into the frame), direct edges in grey, the best-connected nodes labelled.
   */
  public static void diskPlot(EmbeddingGraph g, Manifold m, double[] table, int width, String title, Path png) throws IOException {
    int n = g.nodes();
    double[][] p = new double[n][];
    double extent = 1;
    for (int i = 0; i < n; i++) {
      p[i] = m.toBall(table, i * width, width);
      if (p[i].length != 2) throw new IllegalArgumentException("the disk picture needs --dim 2, got " + p[i].length);
      if (m.name().startsWith("euclidean")) extent = Math.max(extent, Math.max(Math.abs(p[i][0]), Math.abs(p[i][1])));
    }
    int size = 1000, pad = 40;
    double scale = (size / 2.0 - pad) / extent;
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D gr = img.createGraphics();
    gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    gr.setColor(Color.WHITE);
    gr.fillRect(0, 0, size, size);
    double c = size / 2.0;
    gr.setColor(Color.BLACK);
    gr.drawString(title, 10, 20);
    if (!m.name().startsWith("euclidean")) gr.draw(new Ellipse2D.Double(c - scale, c - scale, 2 * scale, 2 * scale));
    gr.setColor(new Color(180, 180, 180, 120));
    gr.setStroke(new BasicStroke(0.6f));
    int[] e = g.direct();
    for (int k = 0; k < e.length; k += 2) {
      double[] a = p[e[k]], b = p[e[k + 1]];
      gr.draw(new Line2D.Double(c + scale * a[0], c - scale * a[1], c + scale * b[0], c - scale * b[1]));
    }
    int[] descendants = new int[n];
    int[] cl = g.closure();
    for (int k = 1; k < cl.length; k += 2) descendants[cl[k]]++;
    gr.setColor(new Color(31, 119, 180));
    for (double[] q : p) gr.fill(new Ellipse2D.Double(c + scale * q[0] - 2, c - scale * q[1] - 2, 4, 4));
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    java.util.Arrays.sort(order, (x, y) -> Integer.compare(descendants[y], descendants[x]));
    gr.setColor(new Color(200, 30, 30));
    gr.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int k = 0; k < Math.min(25, n); k++) {
      int i = order[k];
      gr.drawString(g.names()[i].replaceAll("\\.n\\.0*", "."), (float) (c + scale * p[i][0] + 3), (float) (c - scale * p[i][1] - 3));
    }
    gr.dispose();
    ImageIO.write(img, "png", png.toFile());
  }

  static String line(EmbeddingRecord r) {
    return String.format(Locale.ROOT, "  step %7d  ep %7.2f  %7.2fs  loss=%.4f  rank=%.2f  MAP=%.3f  link-err=%.4f  ord-acc=%.4f  r_max=%.2f  %.0f ex/s",
        r.step(), r.epochs(), r.seconds(), r.trainLoss(), r.meanRank(), r.map(), r.linkError(), r.ordinalAccuracy(), r.maxRadius(),
        r.examplesPerSecond());
  }
}
