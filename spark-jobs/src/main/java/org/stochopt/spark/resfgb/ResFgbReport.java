package org.stochopt.spark.resfgb;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.stochopt.core.resfgb.LayerRecord;
import org.stochopt.spark.meanfield.MeanFieldReport;
import org.stochopt.spark.meanfield.MeanFieldReport.Curve;

/** {@code trace.csv} (one row per layer) and {@code layers.png}: accuracy and loss against the number of blocks. */
public final class ResFgbReport {
  private ResFgbReport() {}

  public static void writeTrace(List<LayerRecord> trace, Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write(LayerRecord.CSV_HEADER);
      w.write('\n');
      for (LayerRecord r : trace) {
        w.write(r.csv());
        w.write('\n');
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static void plot(List<LayerRecord> trace, String title, int bestDepth, Path png) throws IOException {
    double[] x = trace.stream().mapToDouble(LayerRecord::layer).toArray();
    List<Curve> acc = new ArrayList<>();
    acc.add(new Curve("train", x, trace.stream().mapToDouble(LayerRecord::trainAccuracy).toArray()));
    acc.add(new Curve("validation", x, trace.stream().mapToDouble(LayerRecord::validationAccuracy).toArray()));
    acc.add(new Curve("test", x, trace.stream().mapToDouble(LayerRecord::testAccuracy).toArray()));
    List<Curve> loss = new ArrayList<>();
    loss.add(new Curve("train", x, trace.stream().mapToDouble(LayerRecord::trainLoss).toArray()));
    loss.add(new Curve("validation", x, trace.stream().mapToDouble(LayerRecord::validationLoss).toArray()));
    loss.add(new Curve("test", x, trace.stream().mapToDouble(LayerRecord::testLoss).toArray()));
    JFreeChart a = MeanFieldReport.chart(title + ": accuracy (best validation depth " + bestDepth + ")", "blocks (0 = linear head on x)",
        "accuracy", false, false, acc);
    JFreeChart l = MeanFieldReport.chart(title + ": cross-entropy", "blocks", "mean loss", false, true, loss);
    MeanFieldReport.write(png, a, l);
  }
}
