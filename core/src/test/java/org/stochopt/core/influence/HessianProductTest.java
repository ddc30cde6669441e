package org.stochopt.core.influence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.Losses;
import org.stochopt.core.ntk.Activation;
import org.stochopt.core.ntk.NtkShape;
import org.stochopt.core.ntk.TrainedLayers;

/** The analytic Hessian–vector products against central differences of the analytic gradient. */
class HessianProductTest {
  private static void checkAgainstFiniteDifferences(RowModel model, RowBlock block) {
    SplittableRandom rng = new SplittableRandom(3);
    int p = model.dimension();
    double[] theta = new double[p];
    double[] u = new double[p];
    for (int j = 0; j < p; j++) {
      theta[j] = 0.3 * rng.nextGaussian();
      u[j] = rng.nextGaussian();
    }
    double h = 1e-5;
    for (int r = 0; r < block.rows(); r++) {
      double[] hu = new double[p];
      double dot = model.replayRow(theta, u, block, r, 1.0, hu);
      double[] plus = new double[p];
      double[] minus = new double[p];
      double[] tp = theta.clone();
      double[] tm = theta.clone();
      for (int j = 0; j < p; j++) {
        tp[j] += h * u[j];
        tm[j] -= h * u[j];
      }
      double fp = model.addGradient(tp, block, r, 1.0, plus);
      double fm = model.addGradient(tm, block, r, 1.0, minus);
      // ⟨∇ℓ, u⟩ = directional derivative of ℓ; ∇²ℓ·u = directional derivative of ∇ℓ
      assertEquals((fp - fm) / (2 * h), dot, 1e-6 * (1 + Math.abs(dot)), "gradient dot, row " + r);
      for (int j = 0; j < p; j++) {
        assertEquals((plus[j] - minus[j]) / (2 * h), hu[j], 1e-6 * (1 + Math.abs(hu[j])), "HVP row " + r + " coord " + j);
      }
    }
  }

  @Test
  void logisticHvpMatchesFiniteDifferences() {
    checkAgainstFiniteDifferences(new LinearRowModel(Losses.parse("logistic"), 6), TinyData.binary(20, 6, 1, 1).get(0));
  }

  @Test
  void squaredHvpMatchesFiniteDifferences() {
    checkAgainstFiniteDifferences(new LinearRowModel(Losses.parse("squared"), 6), TinyData.binary(20, 6, 1, 2).get(0));
  }

  @Test
  void smoothedHingeHvpMatchesFiniteDifferencesAwayFromKinks() {
    checkAgainstFiniteDifferences(new LinearRowModel(Losses.parse("smoothed-hinge:2"), 6), TinyData.binary(20, 6, 1, 4).get(0));
  }

  @Test
  void multinomialHvpMatchesFiniteDifferences() {
    checkAgainstFiniteDifferences(new MultinomialRowModel(5, 3), TinyData.multiclass(20, 5, 3, 1, 5).get(0));
  }

  /** The hand-written forward-over-reverse HVP of the two-layer network, for each smooth activation and bias on. */
  @Test
  void twoLayerNetworkHvpMatchesFiniteDifferences() {
    for (String act : List.of("tanh", "sigmoid", "swish:3")) {
      NtkShape shape = new NtkShape(6, 5, 1.0, 0.5, Activation.parse(act), TrainedLayers.BOTH);
      checkAgainstFiniteDifferences(new TwoLayerRowModel(shape, Losses.parse("logistic"), 3), TinyData.binary(12, 5, 1, 8).get(0));
      checkAgainstFiniteDifferences(new TwoLayerRowModel(shape, Losses.parse("squared"), 3), TinyData.binary(12, 5, 1, 9).get(0));
    }
  }

  /** θ₀ of the network is the NTK's symmetric initialisation: g₀ ≡ 0, pairs share b_r with opposite a_r. */
  @Test
  void twoLayerNetworkStartsAtTheSymmetricInitialisation() {
    NtkShape shape = new NtkShape(4, 3, 2.0, 1.0, Activation.parse("tanh"), TrainedLayers.BOTH);
    TwoLayerRowModel model = new TwoLayerRowModel(shape, Losses.parse("logistic"), 5);
    double[] theta = model.initialParameters();
    assertEquals(4 * 5, theta.length);
    assertEquals(2.0, theta[0]);
    assertEquals(-2.0, theta[2]);
    for (int k = 0; k < 3; k++) assertEquals(theta[8 + k], theta[8 + 2 * 3 + k]);
    RowBlock rows = TinyData.binary(5, 3, 1, 1).get(0);
    for (int r = 0; r < 5; r++) assertEquals(Math.log(2), model.addGradient(theta, rows, r, 1.0, null), 1e-15);
  }

  @Test
  void fullHessianProductMatchesFiniteDifferencesOfTheMeanGradient() {
    List<RowBlock> parts = TinyData.binary(30, 4, 3, 7);
    RowModel model = new LinearRowModel(Losses.parse("logistic"), 4);
    RowSet rows = TinyData.local(parts);
    double[] theta = {0.2, -0.1, 0.4, 0.0};
    double[] v = {1, 2, -1, 0.5};
    double lambda = 0.05;
    double[] hv = rows.hessianProduct(model, theta, v, lambda);
    double h = 1e-5;
    double[] gp = new double[4];
    double[] gm = new double[4];
    double[] tp = theta.clone();
    double[] tm = theta.clone();
    for (int j = 0; j < 4; j++) {
      tp[j] += h * v[j];
      tm[j] -= h * v[j];
    }
    rows.meanLoss(model, tp, gp);
    rows.meanLoss(model, tm, gm);
    for (int j = 0; j < 4; j++) assertEquals((gp[j] - gm[j]) / (2 * h) + lambda * v[j], hv[j], 1e-7);
  }
}
