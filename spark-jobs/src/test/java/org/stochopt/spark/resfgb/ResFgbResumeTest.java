package org.stochopt.spark.resfgb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.core.resfgb.BlockFitter;
import org.stochopt.core.resfgb.HeadFitter;
import org.stochopt.core.resfgb.MlpBlock;
import org.stochopt.core.resfgb.ResFgbConfig;

/**
 * {@code --resume-layers}: a run stopped after its first layer (a tiny --max-seconds) and then
 * resumed from its saved state ends with the same model and the same per-layer losses, bit for
 * bit, as the run that was never interrupted (the resumed run rebuilds the features by applying
 * the saved blocks to the raw rows, and every random draw is keyed by layer).
 */
class ResFgbResumeTest {
  private static ResFgbData.Dense rings(int n, long seed) {
    int d = 4;
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n * d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      double r = 0.5 + c + 0.15 * rng.nextGaussian();
      double a = 2 * Math.PI * rng.nextDouble();
      x[i * d] = r * Math.cos(a) / 2;
      x[i * d + 1] = r * Math.sin(a) / 2;
      for (int j = 2; j < d; j++) x[i * d + j] = 0.3 * rng.nextGaussian();
      y[i] = c;
    }
    return new ResFgbData.Dense(x, y, d);
  }

  private static ResFgbJobConfig config(Path out, double maxSeconds, boolean resume, boolean headSpan) {
    return config(out, maxSeconds, resume, headSpan, 3);
  }

  private static ResFgbJobConfig config(Path out, double maxSeconds, boolean resume, boolean headSpan, int layers) {
    ResFgbConfig algorithm = new ResFgbConfig(ResFgbConfig.Rule.LINE_SEARCH, layers, 1.0, new int[] {12}, MlpBlock.Output.TANH, 0.3,
        new BlockFitter.Settings(50, 3, Double.NaN, 0.9, 1e-5, 5), new HeadFitter.Settings("svrg", 8, 10, 3, 1e-3, 5), true, 5, headSpan);
    return new ResFgbJobConfig("rings", null, 0, 0.2, 3, ResFgbJobConfig.IN_PROCESS, out, maxSeconds, resume, algorithm);
  }

  private static ResFgbTrainJob.Outcome train(ResFgbJobConfig c, ResFgbData data) throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    return new ResFgbTrainJob(new PrintStream(log, true, StandardCharsets.UTF_8)).train(c, data, null);
  }

  private static void assertSameRun(ResFgbTrainJob.Outcome a, ResFgbTrainJob.Outcome b, String what) {
    assertEquals(a.trace().size(), b.trace().size(), what);
    for (int t = 0; t < a.trace().size(); t++) {
      assertEquals(a.trace().get(t).trainLoss(), b.trace().get(t).trainLoss(), 0.0, what + ", layer " + t);
      assertEquals(a.trace().get(t).validationLoss(), b.trace().get(t).validationLoss(), 0.0, what + ", layer " + t);
    }
    assertEquals(a.model().depth(), b.model().depth(), what);
    assertArrayEquals(a.model().head(), b.model().head(), 0.0, what);
    for (int k = 0; k < a.model().depth(); k++) {
      assertArrayEquals(a.model().blocks().get(k).theta(), b.model().blocks().get(k).theta(), 0.0, what);
    }
  }

  @Test
  void aFinishedRunGrowsFurtherWithALargerLayerCount(@TempDir Path dir) throws IOException {
    ResFgbData data = new ResFgbData("rings", rings(600, 1), rings(200, 2), rings(300, 3), 3);
    ResFgbTrainJob.Outcome three = train(config(dir.resolve("three"), 0, false, true, 3), data);
    train(config(dir.resolve("grown"), 0, false, true, 2), data);
    ResFgbTrainJob.Outcome grown = train(config(dir.resolve("grown"), 0, true, true, 3), data);
    assertSameRun(three, grown, "2 layers, then resumed with --layers 3");
  }

  @Test
  void aResumedRunEqualsTheUninterruptedRun(@TempDir Path dir) throws IOException {
    ResFgbData data = new ResFgbData("rings", rings(600, 1), rings(200, 2), rings(300, 3), 3);
    for (boolean headSpan : new boolean[] {false, true}) {
      Path whole = dir.resolve("whole-" + headSpan);
      Path parts = dir.resolve("parts-" + headSpan);
      ResFgbTrainJob.Outcome uninterrupted = train(config(whole, 0, false, headSpan), data);
      ResFgbTrainJob.Outcome stopped = train(config(parts, 1e-9, false, headSpan), data);
      assertEquals(2, stopped.trace().size(), "a tiny --max-seconds stops after the first layer");
      assertEquals("max-seconds", stopped.summary().get("stop_reason"));
      ResFgbTrainJob.Outcome resumed = train(config(parts, 0, true, headSpan), data);

      String what = "head-span " + headSpan;
      assertEquals(4, uninterrupted.trace().size(), what);
      assertEquals(uninterrupted.trace().size(), resumed.trace().size(), what);
      for (int t = 0; t < uninterrupted.trace().size(); t++) {
        assertEquals(uninterrupted.trace().get(t).trainLoss(), resumed.trace().get(t).trainLoss(), 0.0, what + ", layer " + t);
        assertEquals(uninterrupted.trace().get(t).validationLoss(), resumed.trace().get(t).validationLoss(), 0.0, what + ", layer " + t);
        assertEquals(uninterrupted.trace().get(t).testAccuracy(), resumed.trace().get(t).testAccuracy(), 0.0, what + ", layer " + t);
      }
      assertEquals(uninterrupted.model().depth(), resumed.model().depth(), what);
      assertArrayEquals(uninterrupted.model().head(), resumed.model().head(), 0.0, what);
      for (int b = 0; b < uninterrupted.model().depth(); b++) {
        assertArrayEquals(uninterrupted.model().blocks().get(b).theta(), resumed.model().blocks().get(b).theta(), 0.0, what);
        assertArrayEquals(uninterrupted.model().blocks().get(b).w(), resumed.model().blocks().get(b).w(), 0.0, what);
      }
      assertTrue(resumed.trace().get(3).trainLoss() < resumed.trace().get(0).trainLoss(), what + ": the layers lowered the loss");
    }
  }
}
