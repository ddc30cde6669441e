package org.stochopt.spark.resfgb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.resfgb.BlockFitter;
import org.stochopt.core.resfgb.FeatureRows;
import org.stochopt.core.resfgb.HeadFitter;
import org.stochopt.core.resfgb.LayerRecord;
import org.stochopt.core.resfgb.MlpBlock;
import org.stochopt.core.resfgb.ResFgbConfig;
import org.stochopt.core.resfgb.ResFgbModel;
import org.stochopt.core.resfgb.ResFgbTraining;
import org.stochopt.core.runtime.LocalPartitionRunner;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.spark.SparkTestSession;
import org.stochopt.spark.runtime.SparkPartitionRunner;

/**
 * ResFGB in-process and on local[2] (three cached partitions whose feature blocks are replaced
 * by every added layer, with a local checkpoint of the lineage every other update) give the
 * same model and the same per-layer trace bit for bit, for both boosting rules.
 */
class ResFgbBackendAgreementTest {
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = SparkTestSession.start();
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  static List<RowBlock> rings(int n, int d, int parts, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<RowBlock> out = new ArrayList<>();
    int per = (n + parts - 1) / parts;
    for (int p = 0; p < parts; p++) {
      int rows = Math.min(per, n - p * per);
      double[] x = new double[rows * d];
      double[] y = new double[rows];
      for (int r = 0; r < rows; r++) {
        int c = (p * per + r) % 3;
        double rad = 0.5 + c + 0.15 * rng.nextGaussian();
        double a = 2 * Math.PI * rng.nextDouble();
        x[r * d] = rad * Math.cos(a) / 2;
        x[r * d + 1] = rad * Math.sin(a) / 2;
        for (int j = 2; j < d; j++) x[r * d + j] = 0.3 * rng.nextGaussian();
        y[r] = c;
      }
      out.add(FeatureRows.withBias(new DenseRowBlock(d, x, y, (long) p * per)));
    }
    return out;
  }

  private static FeatureRows rows(PartitionRunner<RowBlock> runner, List<RowBlock> blocks, int d) {
    int[] sizes = new int[blocks.size()];
    for (int p = 0; p < sizes.length; p++) sizes[p] = blocks.get(p).rows();
    return new FeatureRows(runner, sizes, d);
  }

  private static FeatureRows spark(List<RowBlock> blocks, int d) {
    List<RowBlock> copy = List.copyOf(blocks);
    return rows(SparkPartitionRunner.generate(sc, copy.size(), p -> copy.get(p), 2), blocks, d);
  }

  private record Outcome(ResFgbModel model, List<LayerRecord> trace) {}

  private static Outcome train(ResFgbConfig cfg, FeatureRows train, FeatureRows val) {
    ResFgbTraining t = new ResFgbTraining(cfg, train, val, null, 3);
    ResFgbTraining.State s = t.init();
    while (!t.done(s)) t.step(s);
    return new Outcome(t.model(s), s.trace());
  }

  @Test
  void inProcessAndSparkAgreeBitForBit() {
    int d = 4;
    List<RowBlock> train = rings(600, d, 3, 1);
    List<RowBlock> val = rings(200, d, 2, 2);
    // Additive rule with the tuned block step and local-SVRG heads; Frank–Wolfe with a fixed step and SVRG heads.
    for (ResFgbConfig.Rule rule : ResFgbConfig.Rule.values()) {
      {
        boolean additive = rule == ResFgbConfig.Rule.ADDITIVE;
        String headMethod = additive ? "local-svrg" : "svrg";
        ResFgbConfig cfg = new ResFgbConfig(rule, additive ? 2 : 3, 2.0, new int[] {12}, MlpBlock.Output.TANH, 0.3,
            new BlockFitter.Settings(60, 3, additive ? Double.NaN : 0.05, 0.9, 1e-5, 3),
            new HeadFitter.Settings(headMethod, additive ? 8 : 60, 4, 2, 1e-3, 3), true, 3);
        Outcome local = train(cfg, rows(new LocalPartitionRunner<>(train, 2), train, d), rows(new LocalPartitionRunner<>(val, 2), val, d));
        FeatureRows st = spark(train, d);
        FeatureRows sv = spark(val, d);
        Outcome onSpark = train(cfg, st, sv);
        st.close();
        sv.close();
        String what = rule + "/" + headMethod;
        assertEquals(local.model().depth(), onSpark.model().depth(), what);
        assertArrayEquals(local.model().head(), onSpark.model().head(), 0.0, what);
        for (int t = 0; t < local.model().depth(); t++) {
          assertArrayEquals(local.model().blocks().get(t).w(), onSpark.model().blocks().get(t).w(), 0.0, what);
          assertArrayEquals(local.model().blocks().get(t).theta(), onSpark.model().blocks().get(t).theta(), 0.0, what);
        }
        assertEquals(local.trace().size(), onSpark.trace().size());
        for (int t = 0; t < local.trace().size(); t++) {
          assertEquals(local.trace().get(t).trainLoss(), onSpark.trace().get(t).trainLoss(), 0.0, what);
          assertEquals(local.trace().get(t).validationAccuracy(), onSpark.trace().get(t).validationAccuracy(), 0.0, what);
        }
        assertTrue(local.trace().get(local.trace().size() - 1).trainLoss() < local.trace().get(0).trainLoss(), what);
      }
    }
  }

  @Test
  void blocksAboveTheInlineLimitTravelByBroadcastAndStillAgree() {
    // θ of a 4 → 230 → 150 → 3 block has 35 933 doubles (281 KB), above the 256 KB that a task
    // carries inline: the block fit, M, the line search and the feature update then ship θ and
    // the block by broadcast (the path whose bug FMNIST found); head-span target, K = 3 outputs.
    int d = 4;
    List<RowBlock> train = rings(300, d, 3, 5);
    List<RowBlock> val = rings(90, d, 2, 6);
    ResFgbConfig cfg = new ResFgbConfig(ResFgbConfig.Rule.LINE_SEARCH, 2, 1.0, new int[] {230, 150}, MlpBlock.Output.LINEAR, 0.05,
        new BlockFitter.Settings(60, 1, 0.01, 0.9, 1e-5, 3), new HeadFitter.Settings("svrg", 8, 4, 2, 1e-3, 3), true, 3, true);
    assertTrue(8L * cfg.shape(d, 3).parameterCount() > 256 * 1024, "the block must exceed the inline limit");
    Outcome local = train(cfg, rows(new LocalPartitionRunner<>(train, 2), train, d), rows(new LocalPartitionRunner<>(val, 2), val, d));
    FeatureRows st = spark(train, d);
    FeatureRows sv = spark(val, d);
    Outcome onSpark = train(cfg, st, sv);
    st.close();
    sv.close();
    assertEquals(local.model().depth(), onSpark.model().depth());
    assertArrayEquals(local.model().head(), onSpark.model().head(), 0.0);
    for (int t = 0; t < local.model().depth(); t++) {
      assertArrayEquals(local.model().blocks().get(t).w(), onSpark.model().blocks().get(t).w(), 0.0);
      assertArrayEquals(local.model().blocks().get(t).theta(), onSpark.model().blocks().get(t).theta(), 0.0);
    }
    for (int t = 0; t < local.trace().size(); t++) {
      assertEquals(local.trace().get(t).trainLoss(), onSpark.trace().get(t).trainLoss(), 0.0, "layer " + t);
    }
    assertEquals(3, local.trace().size());
  }
}
