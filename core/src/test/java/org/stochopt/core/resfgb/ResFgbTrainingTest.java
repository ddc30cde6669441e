package org.stochopt.core.resfgb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.runtime.LocalPartitionRunner;

/** Training behaviour on three rings: each block lowers the loss, depth helps, results are reproducible. */
class ResFgbTrainingTest {
  @Test
  void aSmallFunctionalGradientStepLowersTheTrainingLossAtAFixedHead() {
    FeatureRows rows = Rings.local(600, 4, 3, 1);
    ResFgbConfig cfg = Rings.config(ResFgbConfig.Rule.ADDITIVE, 1, 1);
    ResFgbTraining t = new ResFgbTraining(withoutBest(cfg), rows, null, null, 3);
    ResFgbTraining.State s = noBest(t);
    double before = rows.evaluate(t.head(), s.w).loss();
    MlpBlock shape = cfg.shape(4);
    BlockFitter.Result fit = BlockFitter.fit(rows, shape, BlockObjective.REGRESSION, t.head(), s.w, 1, shape.initialParameters(0.3, 2), cfg.block().withStep(0.01), 0);
    // W = 0.05·M/n with M = R·Hᵀ, built dense here from R and the head's weights H (d × K)
    double[] r = rows.embeddingMarginProduct(shape, fit.theta(), t.head(), s.w);
    int d = 4;
    int k = 3;
    double[] w = new double[d * d];
    for (int a = 0; a < d; a++) {
      for (int j = 0; j < d; j++) {
        for (int c = 0; c < k; c++) w[a + d * j] += 0.05 * r[a + d * c] * s.w[c * (d + 1) + j] / rows.size();
      }
    }
    rows.apply(new ResidualBlock(shape, fit.theta(), w, 1.0));
    double after = rows.evaluate(t.head(), s.w).loss();
    assertTrue(after < before, "loss " + before + " → " + after + " (head unchanged)");
  }

  private static ResFgbTraining.State noBest(ResFgbTraining t) {
    return t.init();
  }

  @Test
  void layersBeatTheLinearModelOnRings() {
    for (ResFgbConfig.Rule rule : ResFgbConfig.Rule.values()) {
      FeatureRows train = Rings.local(900, 4, 3, 3);
      FeatureRows val = Rings.local(300, 4, 2, 4);
      ResFgbTraining t = new ResFgbTraining(Rings.config(rule, 6, 5), train, val, null, 3);
      ResFgbTraining.State s = t.init();
      while (!t.done(s)) t.step(s);
      List<LayerRecord> trace = s.trace();
      assertEquals(7, trace.size());
      double linear = trace.get(0).trainAccuracy();
      double deep = trace.get(6).trainAccuracy();
      assertTrue(linear < 0.6, rule + ": rings should not be linearly separable, got " + linear);
      assertTrue(deep > linear + 0.2, rule + ": accuracy " + linear + " → " + deep);
      assertTrue(trace.get(6).trainLoss() < trace.get(0).trainLoss(), rule + ": loss went up over the layers");
      ResFgbModel model = t.model(s);
      assertEquals(s.bestDepth(), model.depth());
    }
  }

  @Test
  void modelPredictsNewRowsLikeThePartitionsAndThreadCountsDoNotMatter() {
    double[][] heads = new double[2][];
    for (int threads = 1; threads <= 2; threads++) {
      List<RowBlock> blocks = Rings.partitions(450, 4, 3, 7);
      FeatureRows train = Rings.rows(new LocalPartitionRunner<>(blocks, threads), blocks, 4);
      ResFgbTraining t = new ResFgbTraining(withoutBest(Rings.config(ResFgbConfig.Rule.ADDITIVE, 2, 9)), train, null, null, 3);
      ResFgbTraining.State s = t.init();
      while (!t.done(s)) t.step(s);
      ResFgbModel model = t.model(s);
      heads[threads - 1] = model.head();
      // The rows' features in the partitions equal the model's transform of the raw rows.
      DenseRowBlock z = (DenseRowBlock) train.runner().collect().get(1);
      DenseRowBlock raw = (DenseRowBlock) blocks.get(1);
      int d = 4;
      double[] x = new double[raw.rows() * d];
      for (int r = 0; r < raw.rows(); r++) System.arraycopy(raw.values(), r * (d + 1), x, r * d, d);
      double[] phi = model.transform(x, raw.rows());
      for (int r = 0; r < raw.rows(); r++) {
        for (int j = 0; j < d; j++) assertEquals(z.values()[r * (d + 1) + j], phi[r * d + j], 1e-12);
      }
    }
    assertArrayEquals(heads[0], heads[1], 0.0);
  }

  private static ResFgbConfig withoutBest(ResFgbConfig c) {
    return new ResFgbConfig(c.rule(), c.layers(), c.fgEta(), c.hidden(), c.output(), c.initScale(), c.block(), c.head(), false, c.seed());
  }

  @Test
  void frankWolfeRefusesTheIcmlStepSizes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ResFgbConfig(ResFgbConfig.Rule.FRANK_WOLFE, 3, 0.1,
        new int[] {4}, MlpBlock.Output.TANH, 0.05, Rings.config(ResFgbConfig.Rule.ADDITIVE, 1, 1).block(),
        Rings.config(ResFgbConfig.Rule.ADDITIVE, 1, 1).head(), false, 1));
    assertTrue(e.getMessage().contains("fg-eta"), e.getMessage());
  }
}
