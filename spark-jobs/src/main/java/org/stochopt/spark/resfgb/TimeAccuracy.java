package org.stochopt.spark.resfgb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stochopt.core.resfgb.LayerRecord;
import org.stochopt.spark.meanfield.MeanFieldReport;
import org.stochopt.spark.meanfield.MeanFieldReport.Curve;

/**
 * ResFGB against the MLP on one time axis: ResFGB's test accuracy after each layer at its
 * cumulative training time (the trace's {@code seconds}: head, block and feature update, without
 * the per-layer evaluation) and the MLP's after each chunk at its cumulative fit time. Answers the
 * two questions of the comparison: what the MLP reaches by ResFGB's time at its chosen depth, and
 * how long the MLP needs to reach ResFGB's accuracy there (never, within its budget, is said so).
 */
public final class TimeAccuracy {
  private TimeAccuracy() {}

  public static Map<String, Object> compare(List<LayerRecord> trace, int depth, List<MllibPeers.CurvePoint> mlp) {
    LayerRecord at = trace.get(depth);
    MllibPeers.CurvePoint byThen = null;
    MllibPeers.CurvePoint reach = null;
    for (MllibPeers.CurvePoint p : mlp) {
      if (p.fitSeconds() <= at.seconds()) byThen = p;
      if (reach == null && p.testAccuracy() >= at.testAccuracy()) reach = p;
    }
    MllibPeers.CurvePoint last = mlp.get(mlp.size() - 1);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("resfgb_depth", depth);
    m.put("resfgb_seconds", at.seconds());
    m.put("resfgb_test_accuracy", at.testAccuracy());
    m.put("mlp_iterations_by_resfgb_seconds", byThen == null ? 0 : byThen.iterations());
    m.put("mlp_test_accuracy_by_resfgb_seconds", byThen == null ? Double.NaN : byThen.testAccuracy());
    m.put("mlp_seconds_to_resfgb_accuracy", reach == null ? Double.NaN : reach.fitSeconds());
    m.put("mlp_iterations_to_resfgb_accuracy", reach == null ? 0 : reach.iterations());
    m.put("mlp_budget_seconds", last.fitSeconds());
    m.put("mlp_best_test_accuracy", mlp.stream().mapToDouble(MllibPeers.CurvePoint::testAccuracy).max().orElse(Double.NaN));
    return m;
  }

  public static String describe(Map<String, Object> m) {
    double reach = (Double) m.get("mlp_seconds_to_resfgb_accuracy");
    return String.format(Locale.ROOT, "ResFGB at depth %d: test accuracy %.4f after %.1fs; the MLP by then (%d iterations): %.4f; the MLP reaches %.4f %s",
        (Integer) m.get("resfgb_depth"), (Double) m.get("resfgb_test_accuracy"), (Double) m.get("resfgb_seconds"),
        (Integer) m.get("mlp_iterations_by_resfgb_seconds"), (Double) m.get("mlp_test_accuracy_by_resfgb_seconds"),
        (Double) m.get("resfgb_test_accuracy"),
        Double.isNaN(reach) ? String.format(Locale.ROOT, "never within its %.1fs (best %.4f)", (Double) m.get("mlp_budget_seconds"),
            (Double) m.get("mlp_best_test_accuracy"))
            : String.format(Locale.ROOT, "after %.1fs (%d iterations)", reach, (Integer) m.get("mlp_iterations_to_resfgb_accuracy")));
  }

  public static void plot(List<LayerRecord> trace, List<MllibPeers.CurvePoint> mlp, String title, Path png) throws IOException {
    Curve resfgb = new Curve("ResFGB (point = one more layer; first = linear head)", trace.stream().mapToDouble(LayerRecord::seconds).toArray(),
        trace.stream().mapToDouble(LayerRecord::testAccuracy).toArray());
    Curve peer = new Curve("MLlib MLP (point = one more chunk of L-BFGS iterations)", mlp.stream().mapToDouble(MllibPeers.CurvePoint::fitSeconds).toArray(),
        mlp.stream().mapToDouble(MllibPeers.CurvePoint::testAccuracy).toArray());
    MeanFieldReport.write(png, MeanFieldReport.chart(title, "cumulative fit seconds (loaded machine, indicative)", "test accuracy", false, false,
        List.of(resfgb, peer)));
  }
}
