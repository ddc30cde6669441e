package org.stochopt.core.influence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.Losses;
import org.stochopt.core.ntk.Activation;
import org.stochopt.core.ntk.NtkShape;
import org.stochopt.core.ntk.TrainedLayers;

/** The backward replay against counterfactual retraining on tiny data. */
class SgdInfluenceTest {
  private static final RowModel LOGISTIC = new LinearRowModel(Losses.parse("logistic"), 5);

  private static ReplayableSgd sgd(RowModel model, RowSet train, double step, boolean decay, long steps) {
    return new ReplayableSgd(model, train, new SgdSettings(step, decay, 4, steps, 0.01, 11), ExcludedRows.NONE);
  }

  /**
   * The estimate is the derivative of the counterfactual: down-weighting row j by ε (its gradient
   * kept with weight 1 − ε, divisor b unchanged) moves the validation loss by ε·L̂[j] + O(ε²).
   * Central differences in ε check this to high precision, for every row.
   */
  @Test
  void estimateIsTheDerivativeOfTheCounterfactualValidationLoss() {
    checkDerivative(LOGISTIC, TinyData.binary(24, 5, 3, 1), TinyData.binary(30, 5, 2, 2), 0.5);
  }

  @Test
  void multinomialEstimateIsTheDerivativeOfTheCounterfactual() {
    checkDerivative(new MultinomialRowModel(4, 3), TinyData.multiclass(24, 4, 3, 3, 3), TinyData.multiclass(30, 4, 3, 2, 4), 0.3);
  }

  /** The same identity for the two-layer network: the replay needs no convexity, only the exact HVP. */
  @Test
  void twoLayerNetworkEstimateIsTheDerivativeOfTheCounterfactual() {
    checkDerivative(network(5, 6), TinyData.binary(24, 5, 3, 5), TinyData.binary(30, 5, 2, 6), 0.5);
  }

  static TwoLayerRowModel network(int d, int width) {
    return new TwoLayerRowModel(new NtkShape(width, d, 1.0, 0.5, Activation.parse("tanh"), TrainedLayers.BOTH), Losses.parse("logistic"), 13);
  }

  /**
   * The network against the real counterfactual (row j removed, same batches) at small n: the
   * ranks agree (τ) although the loss is not convex in θ.
   */
  @Test
  void twoLayerNetworkEstimateRanksRowsLikeTheExactCounterfactual() {
    TwoLayerRowModel model = network(5, 8);
    RowSet train = TinyData.local(TinyData.binary(60, 5, 3, 23));
    RowSet val = TinyData.local(TinyData.binary(60, 5, 2, 24));
    ReplayableSgd run = sgd(model, train, 0.3, true, 75);
    IterateLog log = new IterateLog(1, 75);
    double[] theta = log.record(run);
    double[] u = new double[model.dimension()];
    val.meanLoss(model, theta, u);
    double[] est = SgdInfluence.estimate(run, log, u, 0).influence();
    double[] exact = ExactCounterfactual.compute(run, val, theta);
    double tau = RankAgreement.kendallTau(exact, est);
    System.out.println("two-layer network, n=60, T=75: Kendall τ vs exact counterfactual = " + tau);
    assertTrue(tau > 0.9, "Kendall τ " + tau);
  }

  private static void checkDerivative(RowModel model, List<RowBlock> trainParts, List<RowBlock> valParts, double step) {
    RowSet train = TinyData.local(trainParts);
    RowSet val = TinyData.local(valParts);
    ReplayableSgd run = sgd(model, train, step, true, 30);
    IterateLog log = new IterateLog(1, 30);
    double[] theta = log.record(run);
    double[] u = new double[model.dimension()];
    double base = val.meanLoss(model, theta, u);
    double[] est = SgdInfluence.estimate(run, log, u, 0).influence();
    double eps = 1e-4;
    int touched = 0;
    for (int j = 0; j < train.rows(); j++) {
      // f(ε) = L_val(θ_T with row j's gradient weighted 1 − ε); f'(0) by the second-order
      // one-sided difference (−3f(0) + 4f(ε) − f(2ε)) / (2ε)
      double f1 = val.meanLoss(model, run.without(ExcludedRows.downWeighted(1 - eps, j)).train(), null);
      double f2 = val.meanLoss(model, run.without(ExcludedRows.downWeighted(1 - 2 * eps, j)).train(), null);
      double derivative = (-3 * base + 4 * f1 - f2) / (2 * eps);
      assertEquals(derivative, est[j], 1e-7 + 1e-4 * Math.abs(derivative), "row " + j);
      if (est[j] != 0) touched++;
    }
    assertTrue(touched > train.rows() / 2, "most rows are in some batch of 30 steps of 4: " + touched);
  }

  /** The estimate against the real counterfactual (j removed): close in rank and in value on a smooth, short run. */
  @Test
  void estimateRanksRowsLikeTheExactCounterfactual() {
    RowSet train = TinyData.local(TinyData.binary(60, 5, 3, 21));
    RowSet val = TinyData.local(TinyData.binary(60, 5, 2, 22));
    ReplayableSgd run = sgd(LOGISTIC, train, 0.3, true, 75);
    IterateLog log = new IterateLog(1, 75);
    double[] theta = log.record(run);
    double[] u = new double[5];
    val.meanLoss(LOGISTIC, theta, u);
    double[] est = SgdInfluence.estimate(run, log, u, 0).influence();
    double[] exact = ExactCounterfactual.compute(run, val, theta);
    double tau = RankAgreement.kendallTau(exact, est);
    assertTrue(tau > 0.9, "Kendall τ " + tau);
    double scale = 0;
    for (double e : exact) scale = Math.max(scale, Math.abs(e));
    for (int j = 0; j < est.length; j++) assertEquals(exact[j], est[j], 0.2 * scale, "row " + j);
  }

  /** Checkpoints every K steps with recomputed segments give the same bits as keeping every iterate. */
  @Test
  void checkpointedReplayEqualsFullLogBitForBit() {
    RowSet train = TinyData.local(TinyData.binary(40, 5, 3, 31));
    RowSet val = TinyData.local(TinyData.binary(20, 5, 2, 32));
    ReplayableSgd run = sgd(LOGISTIC, train, 0.2, false, 37);
    IterateLog full = new IterateLog(1, 37);
    IterateLog sparse = new IterateLog(6, 37);
    double[] a = full.record(run);
    double[] b = sparse.record(run);
    assertArrayEquals(a, b);
    assertTrue(sparse.heldBytes() < full.heldBytes());
    double[] u = new double[5];
    val.meanLoss(LOGISTIC, a, u);
    SgdInfluence.Result ra = SgdInfluence.estimate(run, full, u, 0);
    SgdInfluence.Result rb = SgdInfluence.estimate(run, sparse, u, 0);
    assertArrayEquals(ra.influence(), rb.influence());
    assertEquals(0, ra.recomputedSteps());
    assertTrue(rb.recomputedSteps() > 0);
  }

  /** The last-epoch replay touches only rows of the last ⌈n/b⌉ steps and agrees with the full replay's share of them. */
  @Test
  void lastEpochReplayIsTheTailOfTheFullReplay() {
    RowSet train = TinyData.local(TinyData.binary(20, 5, 2, 41));
    RowSet val = TinyData.local(TinyData.binary(20, 5, 2, 42));
    ReplayableSgd run = sgd(LOGISTIC, train, 0.2, false, 25);
    IterateLog log = new IterateLog(1, 25);
    double[] theta = log.record(run);
    double[] u = new double[5];
    val.meanLoss(LOGISTIC, theta, u);
    long from = SgdInfluence.lastEpochStart(run.settings(), train.rows());
    assertEquals(20, from);
    SgdInfluence.Result last = SgdInfluence.estimate(run, log, u, from);
    assertEquals(5, last.replayedSteps());
    java.util.Set<Long> inTail = new java.util.HashSet<>();
    for (long t = from; t < 25; t++) {
      var b = run.batch(t);
      long offset = 0;
      for (int p = 0; p < 2; p++) {
        for (int r : b.rowsOf(p, train.sizes()[p])) inTail.add(offset + r);
        offset += train.sizes()[p];
      }
    }
    for (int j = 0; j < 20; j++) assertEquals(inTail.contains((long) j), last.influence()[j] != 0.0, "row " + j);
  }

  @Test
  void iterateLogPicksTheSmallestIntervalThatFits() {
    assertEquals(1, IterateLog.intervalFor(100, 10, IterateLog.bytes(100, 10, 1)));
    int k = IterateLog.intervalFor(10_000, 10, 8L * 10 * 400);
    assertTrue(IterateLog.bytes(10_000, 10, k) <= 8L * 10 * 400);
    assertTrue(k == 2 || IterateLog.bytes(10_000, 10, k - 1) > 8L * 10 * 400);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> IterateLog.intervalFor(10_000, 10, 8L * 10 * 100));
  }
}
