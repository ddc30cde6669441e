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

  @Test
  void theLineSearchLossesEqualTheLossesAfterApplyingTheStep() {
    // stepLosses predicts Σℓ after z ← z − η·(M/n)ᵀι(z) from the margins alone (a_i − η·Pᵀι(z_i));
    // check it against transforming the rows with the factored block and evaluating the head
    ResFgbConfig cfg = Rings.config(ResFgbConfig.Rule.LINE_SEARCH, 1, 1);
    int d = 4;
    int k = 3;
    MlpBlock shape = cfg.shape(d);
    for (double eta : new double[] {0.0, 0.5, 3.0}) {
      FeatureRows rows = Rings.local(600, d, 4, 1);
      ResFgbTraining t = new ResFgbTraining(withoutBest(cfg), rows, null, null, k);
      ResFgbTraining.State s = t.init();
      BlockFitter.Result fit = BlockFitter.fit(rows, shape, BlockObjective.REGRESSION, t.head(), s.w, 1, shape.initialParameters(0.3, 2),
          cfg.block().withStep(0.01), 0);
      double[] r = rows.embeddingMarginProduct(shape, fit.theta(), t.head(), s.w);
      double[] h = new double[d * k];
      for (int c = 0; c < k; c++) System.arraycopy(s.w, c * (d + 1), h, c * d, d);
      double n = rows.size();
      // P = R·(HᵀH)/n, written out
      double[] p = new double[d * k];
      for (int a = 0; a < d; a++) {
        for (int c = 0; c < k; c++) {
          for (int e = 0; e < k; e++) {
            double hh = 0;
            for (int j = 0; j < d; j++) hh += h[j + d * e] * h[j + d * c];
            p[a + d * c] += r[a + d * e] * hh / n;
          }
        }
      }
      double predicted = rows.stepLosses(shape, fit.theta(), p, t.head(), s.w, new double[] {eta})[0] / n;
      double[] aFactor = new double[r.length];
      for (int q = 0; q < r.length; q++) aFactor[q] = eta * r[q] / n;
      rows.apply(ResidualBlock.factored(shape, fit.theta(), aFactor, h, k, 1.0));
      double actual = rows.evaluate(t.head(), s.w).loss();
      assertEquals(actual, predicted, 1e-10 * Math.max(1, actual), "η = " + eta);
    }
  }

  private static ResFgbTraining.State noBest(ResFgbTraining t) {
    return t.init();
  }

  @Test
  void layersBeatTheLinearModelOnRings() {
    layersBeatTheLinearModelOnRings(false);
  }

  @Test
  void headSpanBlocksBeatTheLinearModelOnRings() {
    layersBeatTheLinearModelOnRings(true);
  }

  private static void layersBeatTheLinearModelOnRings(boolean headSpan) {
    for (ResFgbConfig.Rule rule : ResFgbConfig.Rule.values()) {
      FeatureRows train = Rings.local(900, 4, 3, 3);
      FeatureRows val = Rings.local(300, 4, 2, 4);
      ResFgbConfig c = Rings.config(rule, 6, 5);
      c = new ResFgbConfig(c.rule(), c.layers(), c.fgEta(), c.hidden(), c.output(), c.initScale(), c.block(), c.head(), c.useBestIter(), c.seed(),
          headSpan);
      ResFgbTraining t = new ResFgbTraining(c, train, val, null, 3);
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
      if (headSpan && model.depth() > 0) assertEquals(3, model.blocks().get(0).shape().outputDim(), "a head-span block has K outputs");
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
