package org.stochopt.core.resfgb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.objective.GradientSum;

/** The head-span block target ({@code --block-target head-span}): basis, loss written out, gradient. */
class HeadSpanTest {
  private static final int D = 6;
  private static final int K = 3;

  private static double[] random(int n, double scale, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = scale * r.nextGaussian();
    return v;
  }

  private static double[] headColumns(double[] w) {
    double[] h = new double[D * K];
    for (int k = 0; k < K; k++) System.arraycopy(w, k * (D + 1), h, k * D, D);
    return h;
  }

  @Test
  void theBasisIsOrthonormalAndKeepsEveryFunctionalGradient() {
    SoftmaxHead head = new SoftmaxHead(D, K);
    double[] w = random(head.weightCount(), 1.0, 1);
    double[] q = HeadSpan.orthonormalBasis(headColumns(w), D, K);
    for (int a = 0; a < K; a++) {
      for (int b = 0; b < K; b++) {
        double dot = 0;
        for (int j = 0; j < D; j++) dot += q[a * D + j] * q[b * D + j];
        assertEquals(a == b ? 1.0 : 0.0, dot, 1e-12, "QᵀQ[" + a + "," + b + "]");
      }
    }
    double[] z = random(D + 1, 1.0, 2);
    z[D] = 1;
    double[] g = new double[D];
    head.lossAndFeatureGradient(w, z, 0, 1, g, 0, head.scratch());
    // Q·Qᵀg = g: the K coordinates lose nothing of the gradient
    for (int j = 0; j < D; j++) {
      double back = 0;
      for (int a = 0; a < K; a++) {
        double c = 0;
        for (int i = 0; i < D; i++) c += q[a * D + i] * g[i];
        back += q[a * D + j] * c;
      }
      assertEquals(g[j], back, 1e-12, "coordinate " + j);
    }
  }

  @Test
  void aDependentColumnIsLeftZero() {
    double[] h = {1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0}; // column 2 = 2·column 1
    double[] q = HeadSpan.orthonormalBasis(h, D, K);
    for (int j = 0; j < D; j++) assertEquals(0.0, q[D + j], 1e-12);
    assertEquals(1.0, q[2 * D + 1], 1e-12);
  }

  @Test
  void theRegressionLossIsTheDistanceToTheRmsNormalisedCoordinates() {
    MlpBlock shape = new MlpBlock(new int[] {D, 5, K}, MlpBlock.Output.LINEAR);
    SoftmaxHead head = new SoftmaxHead(D, K);
    double[] w = random(head.weightCount(), 1.0, 3);
    double[] q = HeadSpan.orthonormalBasis(headColumns(w), D, K);
    int rows = 4;
    double[] x = random(rows * (D + 1), 1.0, 4);
    double[] y = new double[rows];
    for (int r = 0; r < rows; r++) {
      x[r * (D + 1) + D] = 1.0;
      y[r] = r % K;
    }
    DenseRowBlock block = new DenseRowBlock(D + 1, x, y, 0);
    double[] theta = shape.initialParameters(0.7, 5);
    int[] picked = {0, 1, 2, 3};
    double expected = 0;
    for (int r = 0; r < rows; r++) {
      double[] g = new double[D];
      head.lossAndFeatureGradient(w, x, r * (D + 1), r % K, g, 0, head.scratch());
      double[] c = new double[K];
      double ss = 0;
      for (int a = 0; a < K; a++) {
        for (int j = 0; j < D; j++) c[a] += q[a * D + j] * g[j];
        ss += c[a] * c[a];
      }
      double rms = Math.sqrt(ss / K) + 1e-10; // the code's guard against a zero gradient
      double[][] acts = shape.forward(theta, x, r * (D + 1), D + 1, 1);
      double[] out = acts[acts.length - 1];
      for (int a = 0; a < K; a++) expected += 0.5 * Math.pow(out[a] - c[a] / rms, 2);
    }
    GradientSum got = BlockObjective.REGRESSION.accumulate(shape, theta, head, w, 1.0, q, block, picked);
    assertEquals(expected, got.loss(), 1e-10);
  }

  @Test
  void theHeadSpanBlockGradientMatchesFiniteDifferences() {
    for (BlockObjective objective : BlockObjective.values()) {
      MlpBlock shape = new MlpBlock(new int[] {D, 7, K}, MlpBlock.Output.TANH);
      SoftmaxHead head = new SoftmaxHead(D, K);
      double[] w = random(head.weightCount(), 1.0, 6);
      double[] q = HeadSpan.orthonormalBasis(headColumns(w), D, K);
      double[] x = random(5 * (D + 1), 1.0, 7);
      double[] y = {0, 1, 2, 0, 1};
      for (int r = 0; r < 5; r++) x[r * (D + 1) + D] = 1.0;
      DenseRowBlock block = new DenseRowBlock(D + 1, x, y, 0);
      int[] picked = {0, 2, 4, 4, 1};
      double[] theta = shape.initialParameters(0.7, 8);
      for (int j = 0; j < theta.length; j++) if (j % 3 == 0) theta[j] += 0.1;
      GradientSum g = objective.accumulate(shape, theta, head, w, 0.8, q, block, picked);
      double h = 1e-6;
      double worst = 0;
      for (int j = 0; j < theta.length; j++) {
        double[] tp = theta.clone();
        double[] tm = theta.clone();
        tp[j] += h;
        tm[j] -= h;
        double fd = (objective.accumulate(shape, tp, head, w, 0.8, q, block, picked).loss()
            - objective.accumulate(shape, tm, head, w, 0.8, q, block, picked).loss()) / (2 * h);
        worst = Math.max(worst, Math.abs(fd - g.gradient()[j]) / Math.max(1, Math.abs(fd)));
      }
      assertTrue(worst < 1e-5, objective + ": worst relative error " + worst);
    }
  }
}
