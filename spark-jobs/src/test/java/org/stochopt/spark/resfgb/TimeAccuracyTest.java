package org.stochopt.spark.resfgb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stochopt.core.resfgb.LayerRecord;

/** The two answers of the time-accuracy comparison, read off by hand from small curves. */
class TimeAccuracyTest {
  private static LayerRecord layer(int l, double cumulativeSeconds, double testAccuracy) {
    return new LayerRecord(l, cumulativeSeconds, 0, 0, 0, Double.NaN, 1, 0.5, 0.8, 0.5, 0.8, 0.5, testAccuracy, Double.NaN);
  }

  private static final List<LayerRecord> TRACE = List.of(layer(0, 10, 0.80), layer(1, 50, 0.84), layer(2, 90, 0.86));

  @Test
  void theMlpByResFgbsTimeAndItsTimeToResFgbsAccuracy() {
    List<MllibPeers.CurvePoint> mlp = List.of(new MllibPeers.CurvePoint(10, 30, 0.70), new MllibPeers.CurvePoint(20, 80, 0.83),
        new MllibPeers.CurvePoint(30, 95, 0.85), new MllibPeers.CurvePoint(40, 130, 0.87));
    Map<String, Object> m = TimeAccuracy.compare(TRACE, 2, mlp);
    // by 90 s the MLP had its 80 s point (20 iterations, 0.83); 0.86 first reached at 130 s (40 iterations)
    assertEquals(20, m.get("mlp_iterations_by_resfgb_seconds"));
    assertEquals(0.83, (Double) m.get("mlp_test_accuracy_by_resfgb_seconds"), 0);
    assertEquals(130.0, (Double) m.get("mlp_seconds_to_resfgb_accuracy"), 0);
    assertEquals(40, m.get("mlp_iterations_to_resfgb_accuracy"));
    assertTrue(TimeAccuracy.describe(m).contains("after 130.0s (40 iterations)"), TimeAccuracy.describe(m));
  }

  @Test
  void anMlpThatNeverGetsThereIsSaidToNeverGetThere() {
    List<MllibPeers.CurvePoint> mlp = List.of(new MllibPeers.CurvePoint(10, 60, 0.70), new MllibPeers.CurvePoint(20, 120, 0.85));
    Map<String, Object> m = TimeAccuracy.compare(TRACE, 1, mlp);
    // ResFGB depth 1: 0.84 at 50 s; the MLP has no point by 50 s, and reaches 0.84 at 120 s
    assertEquals(0, m.get("mlp_iterations_by_resfgb_seconds"));
    assertTrue(Double.isNaN((Double) m.get("mlp_test_accuracy_by_resfgb_seconds")));
    assertEquals(120.0, (Double) m.get("mlp_seconds_to_resfgb_accuracy"), 0);
    Map<String, Object> never = TimeAccuracy.compare(TRACE, 2, mlp);
    assertTrue(Double.isNaN((Double) never.get("mlp_seconds_to_resfgb_accuracy")));
    assertTrue(TimeAccuracy.describe(never).contains("never within its 120.0s (best 0.8500)"), TimeAccuracy.describe(never));
  }
}
