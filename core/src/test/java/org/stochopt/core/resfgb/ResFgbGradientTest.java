package org.stochopt.core.resfgb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.objective.GradientSum;

/** The functional gradient ∂ℓ/∂z and the block's backward pass against central finite differences. */
class ResFgbGradientTest {
  private static final int D = 5;
  private static final int K = 4;

  private static double[] random(int n, double scale, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = scale * r.nextGaussian();
    return v;
  }

  @Test
  void functionalGradientMatchesFiniteDifferences() {
    SoftmaxHead head = new SoftmaxHead(D, K);
    double[] w = random(head.weightCount(), 1.0, 1);
    double[] z = random(D + 1, 1.0, 2);
    z[D] = 1.0;
    double[] g = new double[D];
    double[][] scratch = head.scratch();
    head.lossAndFeatureGradient(w, z, 0, 2, g, 0, scratch);
    double h = 1e-6;
    for (int j = 0; j < D; j++) {
      double[] zp = z.clone();
      double[] zm = z.clone();
      zp[j] += h;
      zm[j] -= h;
      double fd = (head.lossAndFeatureGradient(w, zp, 0, 2, null, 0, scratch) - head.lossAndFeatureGradient(w, zm, 0, 2, null, 0, scratch)) / (2 * h);
      assertEquals(fd, g[j], 1e-7 * Math.max(1, Math.abs(fd)), "coordinate " + j);
    }
  }

  @Test
  void blockGradientMatchesFiniteDifferencesForBothObjectivesAndOutputs() {
    for (BlockObjective objective : BlockObjective.values()) {
      for (MlpBlock.Output out : MlpBlock.Output.values()) {
        MlpBlock shape = new MlpBlock(new int[] {D, 7, 6, D}, out);
        SoftmaxHead head = new SoftmaxHead(D, K);
        double[] w = random(head.weightCount(), 1.0, 3);
        int rows = 9;
        double[] x = random(rows * (D + 1), 1.0, 4);
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
          x[r * (D + 1) + D] = 1.0;
          y[r] = r % K;
        }
        DenseRowBlock block = new DenseRowBlock(D + 1, x, y, 0);
        int[] picked = {0, 3, 3, 5, 8, 1};
        double[] theta = shape.initialParameters(0.7, 5);
        for (int j = 0; j < theta.length; j++) if (j % 3 == 0) theta[j] += 0.1; // biases away from 0: no ReLU kinks at the point
        GradientSum g = objective.accumulate(shape, theta, head, w, 0.8, block, picked);
        double h = 1e-6;
        double worst = 0;
        for (int j = 0; j < theta.length; j++) {
          double[] tp = theta.clone();
          double[] tm = theta.clone();
          tp[j] += h;
          tm[j] -= h;
          double fd = (objective.accumulate(shape, tp, head, w, 0.8, block, picked).loss()
              - objective.accumulate(shape, tm, head, w, 0.8, block, picked).loss()) / (2 * h);
          worst = Math.max(worst, Math.abs(fd - g.gradient()[j]) / Math.max(1, Math.abs(fd)));
        }
        assertTrue(worst < 1e-5, objective + "/" + out + ": worst relative error " + worst);
        assertEquals(picked.length, g.count());
      }
    }
  }

  @Test
  void blockAppliedInPlaceEqualsTheFormula() {
    MlpBlock shape = new MlpBlock(new int[] {D, 4, 3}, MlpBlock.Output.TANH);
    double[] theta = shape.initialParameters(0.5, 7);
    double[] w = random(3 * D, 1.0, 8);
    ResidualBlock b = new ResidualBlock(shape, theta, w, 0.75);
    double[] z = random(2 * (D + 1), 1.0, 9);
    double[] out = z.clone();
    b.applyInPlace(out, 2, D + 1);
    for (int r = 0; r < 2; r++) {
      double[] e = shape.forward(theta, z, r * (D + 1), D + 1, 1)[1];
      for (int j = 0; j < D; j++) {
        double s = 0.75 * z[r * (D + 1) + j];
        for (int a = 0; a < 3; a++) s -= e[a] * w[a + 3 * j];
        assertEquals(s, out[r * (D + 1) + j], 1e-12);
      }
      assertEquals(z[r * (D + 1) + D], out[r * (D + 1) + D], 0.0, "the bias column is untouched");
    }
  }
}
