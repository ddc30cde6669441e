package org.stochopt.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.loss.SmoothedHingeLoss;
import org.stochopt.core.loss.SquaredLoss;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;

class OracleTest {

  /** Finite differences of f(w) = (1/n)Σφ(⟨w,x_i⟩; y_i) in random directions, for every loss. */
  @Test
  void fullGradientMatchesFiniteDifferences() {
    for (Loss loss : List.of(new LogisticLoss(), new SquaredLoss(), new SmoothedHingeLoss(0.5))) {
      RowBlockBuilder b = TestData.builder(60, 8, 0.6, loss.isClassification(), 3);
      InMemoryOracle oracle = new InMemoryOracle(new LinearObjective(loss, 8), TestData.split(b.build(8, 0), 3));
      SplittableRandom rng = new SplittableRandom(5);
      double[] w = new double[8];
      for (int j = 0; j < 8; j++) w[j] = rng.nextDouble() - 0.5;
      double[] g = new double[8];
      oracle.evaluate(w, g);
      for (int k = 0; k < 5; k++) {
        double[] v = new double[8];
        for (int j = 0; j < 8; j++) v[j] = rng.nextDouble() - 0.5;
        double h = 1e-5;
        double[] wp = w.clone();
        double[] wm = w.clone();
        for (int j = 0; j < 8; j++) {
          wp[j] += h * v[j];
          wm[j] -= h * v[j];
        }
        double fd = (oracle.evaluate(wp, new double[8]) - oracle.evaluate(wm, new double[8])) / (2 * h);
        double an = 0;
        for (int j = 0; j < 8; j++) an += g[j] * v[j];
        assertEquals(fd, an, 1e-6 * Math.max(1, Math.abs(an)), loss.name());
      }
    }
  }

  /** Threads change who computes each partition, never the numbers: bit-identical for 1, 2 and 5 threads. */
  @Test
  void threadCountDoesNotChangeAnyResult() {
    RowBlock all = TestData.builder(12_000, 7, 0.8, true, 4).build(7, 0);
    List<RowBlock> parts = TestData.split(all, 5);
    LinearObjective f = new LinearObjective(new LogisticLoss(), 7);
    double[] w = {0.3, -0.2, 0.1, 0.5, -0.4, 0.2, 0.05};
    double[] anchor = {0.1, 0.1, -0.1, 0.2, 0.0, -0.3, 0.2};
    SamplingPlan plan = new SamplingPlan(3, new int[] {2400, 2400, 2400, 2400, 2400}, SamplingScheme.WITHOUT_REPLACEMENT);
    Minibatch big = plan.draw(7, 6000); // above the parallel threshold
    double[][] reference = null;
    for (int threads : new int[] {1, 2, 5}) {
      InMemoryOracle o = new InMemoryOracle(f, parts, threads);
      double[] g = new double[7];
      double[] gb = new double[7];
      double[] gd = new double[7];
      double[] c = new double[7];
      double[] local = new double[8];
      double fv = o.fullGradient(w, g);
      double fb = o.batchGradient(w, big, gb);
      o.batchGradientDifference(w, anchor, big, gd);
      o.curvatureProduct(anchor, c);
      o.localRound(new org.stochopt.core.oracle.LocalSvrgSteps(
          org.stochopt.core.reg.Regularizers.parse("l1:1e-3"), 0.1, 30, 8, w, anchor, g, 9, 0), local);
      double[][] now = {g, gb, gd, c, local, {fv, fb}};
      if (reference == null) {
        reference = now;
      } else {
        for (int k = 0; k < now.length; k++) assertArrayEquals(reference[k], now[k], 0.0, threads + " threads, result " + k);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> new InMemoryOracle(f, parts, 0));
  }

  /** Same numbers for dense vs CSR layouts and for 1, 2, 7 partitions (relTol 1e-12). */
  @Test
  void resultsDoNotDependOnLayout() {
    RowBlockBuilder b = TestData.builder(50, 6, 0.7, true, 9);
    RowBlock dense = b.buildDense(6, 0);
    RowBlock sparse = b.buildSparse(6, 0);
    double[] w = {0.3, -0.2, 0.1, 0.5, -0.4, 0.2};
    LinearObjective obj = new LinearObjective(new LogisticLoss(), 6);
    double[] ref = new double[6];
    double fRef = new InMemoryOracle(obj, List.of(dense)).evaluate(w, ref);
    for (RowBlock block : List.of(dense, sparse)) {
      for (int parts : new int[] {1, 2, 7}) {
        double[] g = new double[6];
        double f = new InMemoryOracle(obj, TestData.split(block, parts)).evaluate(w, g);
        assertEquals(fRef, f, 1e-12 * Math.abs(fRef));
        for (int j = 0; j < 6; j++) assertEquals(ref[j], g[j], 1e-12 * Math.max(1e-3, Math.abs(ref[j])));
      }
    }
  }

  /**
   * Importance-weighted minibatch gradients are unbiased: their mean over many steps approaches
   * ∇f(w) at the rate of the sample standard error (checked at 5 standard errors per coordinate).
   */
  @Test
  void importanceWeightedBatchGradientIsUnbiased() {
    RowBlockBuilder b = TestData.builder(90, 4, 0.7, true, 6);
    InMemoryOracle oracle = new InMemoryOracle(new LinearObjective(new LogisticLoss(), 4), TestData.split(b.build(4, 0), 3));
    SamplingPlan plan = new SamplingPlan(2, oracle.partitionSizes(), SamplingScheme.IMPORTANCE, oracle.partitionMasses());
    double[] w = {0.4, -0.3, 0.2, 0.1};
    double[] full = new double[4];
    oracle.evaluate(w, full);
    int steps = 20000;
    double[] sum = new double[4];
    double[] sumSq = new double[4];
    double[] g = new double[4];
    for (int t = 0; t < steps; t++) {
      oracle.batchGradient(w, plan.draw(t, 3), g);
      for (int j = 0; j < 4; j++) {
        sum[j] += g[j];
        sumSq[j] += g[j] * g[j];
      }
    }
    for (int j = 0; j < 4; j++) {
      double mean = sum[j] / steps;
      double se = Math.sqrt((sumSq[j] / steps - mean * mean) / steps);
      assertEquals(full[j], mean, 5 * se + 1e-12, "coordinate " + j);
    }
  }

  @Test
  void batchDifferenceEqualsDifferenceOfBatchGradients() {
    RowBlockBuilder b = TestData.builder(40, 5, 1.0, true, 2);
    InMemoryOracle oracle = new InMemoryOracle(new LinearObjective(new LogisticLoss(), 5), TestData.split(b.build(5, 0), 3));
    SamplingPlan plan = new SamplingPlan(7, oracle.partitionSizes(), SamplingScheme.WITH_REPLACEMENT);
    Minibatch batch = plan.draw(3, 11);
    double[] w = {0.1, 0.2, -0.3, 0.4, 0.0};
    double[] a = {-0.2, 0.1, 0.0, 0.3, 0.5};
    double[] gw = new double[5];
    double[] ga = new double[5];
    double[] diff = new double[5];
    oracle.batchGradient(w, batch, gw);
    oracle.batchGradient(a, batch, ga);
    oracle.batchGradientDifference(w, a, batch, diff);
    for (int j = 0; j < 5; j++) assertEquals(gw[j] - ga[j], diff[j], 1e-14);
    assertEquals(3, oracle.stats().rounds());
    assertEquals(11 + 11 + 22, oracle.stats().componentGradients());
  }

  @Test
  void mergingWithEmptyIsIdentityAndEmptyMeanIsRefused() {
    GradientSum s = new GradientSum(3);
    s.gradient()[0] = 1.5;
    s.addLoss(2);
    s.addCount(4);
    s.merge(new GradientSum(3));
    double[] out = new double[3];
    assertEquals(0.5, s.meanInto(s.count(), out));
    assertArrayEquals(new double[] {0.375, 0, 0}, out);
    assertThrows(IllegalStateException.class, () -> new GradientSum(3).meanInto(0, out));
    assertThrows(IllegalArgumentException.class, () -> s.merge(new GradientSum(4)));
  }

  @Test
  void dimensionMismatchIsRefused() {
    RowBlock block = TestData.builder(5, 4, 1, true, 1).build(4, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new InMemoryOracle(new LinearObjective(new LogisticLoss(), 5), List.of(block)));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("dimension"));
  }
}
