package org.stochopt.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stochopt.core.resfgb.LayerRecord;
import org.stochopt.spark.report.RunWriter;
import org.stochopt.spark.resfgb.MllibPeers;
import org.stochopt.spark.resfgb.TimeAccuracy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stochopt resfgb-time-accuracy}: the time-accuracy comparison of {@code resfgb-compare
 * --mlp-chunk} redrawn from its files (ResFGB's {@code trace.csv} and {@code mlp-curve.csv}), for a
 * comparison stopped before it wrote its summary (both files are written as the run goes), or for
 * a trace from another process on the same rows.
 */
@Command(name = "resfgb-time-accuracy", mixinStandardHelpOptions = true,
    description = "ResFGB's per-layer trace and the MLP's chunked curve on one time axis, from their CSV files.")
public final class ResFgbTimeAccuracyCommand implements Callable<Integer> {
  @Option(names = "--trace", required = true, description = "ResFGB trace.csv")
  Path trace;

  @Option(names = "--mlp-curve", required = true, description = "mlp-curve.csv of resfgb-compare --mlp-chunk")
  Path mlpCurve;

  @Option(names = "--depth", defaultValue = "-1", description = "ResFGB depth to compare at; -1 = the best validation accuracy in the trace (default ${DEFAULT-VALUE})")
  int depth;

  @Option(names = "--title", defaultValue = "test accuracy against fit time", description = "figure title")
  String title;

  @Option(names = "--out", required = true, description = "output folder: time-accuracy.png and time-accuracy.json")
  Path out;

  @Override
  public Integer call() throws Exception {
    List<LayerRecord> layers = new ArrayList<>();
    for (String[] f : rows(trace, "layer,")) {
      double[] v = new double[f.length];
      for (int i = 1; i < f.length; i++) v[i] = f[i].isEmpty() ? Double.NaN : Double.parseDouble(f[i]);
      layers.add(new LayerRecord(Integer.parseInt(f[0]), v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
          f.length > 13 ? v[13] : Double.NaN));
    }
    List<MllibPeers.CurvePoint> mlp = new ArrayList<>();
    for (String[] f : rows(mlpCurve, "iterations,")) {
      mlp.add(new MllibPeers.CurvePoint(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])));
    }
    if (layers.isEmpty() || mlp.isEmpty()) throw new IllegalArgumentException("--trace and --mlp-curve need at least one row each");
    int d = depth;
    if (d < 0) {
      d = 0;
      for (LayerRecord l : layers) if (l.validationAccuracy() > layers.get(d).validationAccuracy()) d = l.layer();
    }
    if (d >= layers.size()) throw new IllegalArgumentException("--depth " + d + " is beyond the trace's " + (layers.size() - 1) + " layers");
    Map<String, Object> m = TimeAccuracy.compare(layers, d, mlp);
    Files.createDirectories(out);
    TimeAccuracy.plot(layers, mlp, title, out.resolve("time-accuracy.png"));
    RunWriter.writeJson(m, out.resolve("time-accuracy.json"));
    System.err.println(TimeAccuracy.describe(m));
    return 0;
  }

  private static List<String[]> rows(Path file, String header) throws java.io.IOException {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + " is not a file");
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).startsWith(header)) throw new IllegalArgumentException(file + " does not start with the header " + header + "…");
    List<String[]> out = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) if (!l.isBlank()) out.add(l.split(",", -1));
    return out;
  }
}
