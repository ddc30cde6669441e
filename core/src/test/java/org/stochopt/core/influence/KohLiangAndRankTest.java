package org.stochopt.core.influence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stochopt.core.loss.Losses;

class KohLiangAndRankTest {
  @Test
  void conjugateGradientSolvesTheDampedSystem() {
    RowModel model = new LinearRowModel(Losses.parse("logistic"), 5);
    RowSet train = TinyData.local(TinyData.binary(50, 5, 3, 51));
    double[] theta = {0.1, 0.2, -0.3, 0.0, 0.5};
    double[] u = {1, -1, 0.5, 0.2, 0.0};
    KohLiangInfluence.Result r = KohLiangInfluence.estimate(model, train, theta, u, 0.01, 0.0, 50, 1e-12);
    assertTrue(r.residual() < 1e-10, "residual " + r.residual());
    assertTrue(r.iterations() <= 6, "CG on a 5-dimensional SPD system: " + r.iterations());
  }

  /**
   * At an (almost) exact optimum, K&L is the derivative of the validation loss when row j is
   * down-weighted by ε: checked against retraining by many full-batch steps (b = n, no SGD noise)
   * with row j weighted 1 − ε and 1 − 2ε (second-order one-sided difference), and in rank against
   * the real leave-one-out.
   */
  @Test
  void kohLiangIsTheLeaveOneOutDerivativeAtAConvergedFullBatchRun() {
    RowModel model = new LinearRowModel(Losses.parse("logistic"), 5);
    RowSet train = TinyData.local(TinyData.binary(40, 5, 2, 61));
    RowSet val = TinyData.local(TinyData.binary(40, 5, 2, 62));
    ReplayableSgd gd = new ReplayableSgd(model, train, new SgdSettings(1.0, false, 40, 1500, 0.05, 1), ExcludedRows.NONE);
    double[] theta = gd.train();
    double[] u = new double[5];
    double base = val.meanLoss(model, theta, u);
    double[] kl = KohLiangInfluence.estimate(model, train, theta, u, 0.05, 0.0, 100, 1e-12).influence();
    double eps = 1e-4;
    for (int j = 0; j < 40; j += 3) {
      double f1 = val.meanLoss(model, gd.without(ExcludedRows.downWeighted(1 - eps, j)).train(), null);
      double f2 = val.meanLoss(model, gd.without(ExcludedRows.downWeighted(1 - 2 * eps, j)).train(), null);
      double derivative = (-3 * base + 4 * f1 - f2) / (2 * eps);
      assertEquals(derivative, kl[j], 1e-7 + 1e-4 * Math.abs(derivative), "row " + j);
    }
    double[] exact = ExactCounterfactual.compute(gd, val, theta);
    assertTrue(RankAgreement.kendallTau(exact, kl) > 0.85);
  }

  /**
   * The network's Hessian at its symmetric start is indefinite (the a–b coupling): CG meets a
   * direction of non-positive curvature and says to raise the damping; a large damping solves.
   */
  @Test
  void kohLiangRefusesAnIndefiniteHessianUnlessDampedEnough() {
    TwoLayerRowModel model = SgdInfluenceTest.network(5, 6);
    RowSet train = TinyData.local(TinyData.binary(40, 5, 2, 71));
    double[] theta = model.initialParameters();
    double[] u = new double[model.dimension()];
    TinyData.local(TinyData.binary(30, 5, 2, 72)).meanLoss(model, theta, u);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KohLiangInfluence.estimate(model, train, theta, u, 1e-6, 0.0, 200, 1e-12));
    assertTrue(e.getMessage().contains("raise --kl-damping"), e.getMessage());
    KohLiangInfluence.Result r = KohLiangInfluence.estimate(model, train, theta, u, 1e-6, 10.0, 200, 1e-10);
    assertTrue(r.residual() < 1e-8, "residual " + r.residual());
  }

  @Test
  void kohLiangRefusesAnUndampedUnregularisedSystem() {
    RowModel model = new LinearRowModel(Losses.parse("logistic"), 5);
    RowSet train = TinyData.local(TinyData.binary(10, 5, 1, 1));
    assertThrows(IllegalArgumentException.class,
        () -> KohLiangInfluence.estimate(model, train, new double[5], new double[5], 0.0, 0.0, 10, 1e-8));
  }

  @Test
  void kendallTauAndJaccardOnKnownRankings() {
    double[] a = {1, 2, 3, 4, 5};
    assertEquals(1.0, RankAgreement.kendallTau(a, new double[] {10, 20, 30, 40, 50}), 1e-15);
    assertEquals(-1.0, RankAgreement.kendallTau(a, new double[] {5, 4, 3, 2, 1}), 1e-15);
    // one swapped adjacent pair of 10 pairs: (9 − 1)/10
    assertEquals(0.8, RankAgreement.kendallTau(a, new double[] {2, 1, 3, 4, 5}), 1e-15);
    assertEquals(1.0, RankAgreement.extremesJaccard(a, new double[] {10, 20, 30, 40, 50}, 1), 1e-15);
    // extremes {0,4} vs {0,2}: 1/3
    assertEquals(1.0 / 3, RankAgreement.extremesJaccard(a, new double[] {1, 2, 9, 3, 4}, 1), 1e-15);
  }
}
