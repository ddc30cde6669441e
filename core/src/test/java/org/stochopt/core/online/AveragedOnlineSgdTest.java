package org.stochopt.core.online;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stochopt.core.TestData;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.Vec;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.loss.SquaredLoss;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.reference.OwlqnSolver;
import org.stochopt.core.reg.ElasticNet;

class AveragedOnlineSgdTest {

  @Test
  void averageIsThePapersWeightedSumOfIterates() {
    double lambda = 0.5;
    double gamma = 20.0;
    AveragedOnlineSgd sgd = new AveragedOnlineSgd(3, new AveragedOnlineSgd.Config(new SquaredLoss(), lambda, gamma));
    SplittableRandom r = new SplittableRandom(1);
    List<double[]> iterates = new ArrayList<>();
    iterates.add(sgd.lastIterate()); // a_1 = 0
    int steps = 25;
    for (int t = 1; t <= steps; t++) {
      assertEquals(2.0 / (lambda * (gamma + t)), sgd.stepSize(), 1e-15);
      double[] before = sgd.lastIterate();
      double[] z = {r.nextDouble(), r.nextDouble() - 0.5, 1.0};
      double y = r.nextDouble();
      double eta = sgd.stepSize();
      sgd.step(z, y);
      // a_{t+1} = a_t − η_t (ℓ'(⟨a_t,z⟩, y) z + λ a_t), squared loss ℓ' = ⟨a,z⟩ − y.
      double g = Vec.dot(before, z) - y;
      double[] expected = new double[3];
      for (int j = 0; j < 3; j++) expected[j] = before[j] - eta * (g * z[j] + lambda * before[j]);
      assertArrayEquals(expected, sgd.lastIterate(), 1e-14 * (1 + Vec.normInf(expected)));
      iterates.add(sgd.lastIterate());
    }
    double[] avg = new double[3];
    int tt = steps;
    for (int t = 1; t <= tt + 1; t++) {
      double w = 2.0 * (gamma + t - 1) / ((2 * gamma + tt) * (tt + 1));
      for (int j = 0; j < 3; j++) avg[j] += w * iterates.get(t - 1)[j];
    }
    assertArrayEquals(avg, sgd.average(), 1e-12 * Vec.normInf(avg));
  }

  @Test
  void averagedIterateConvergesToTheRegularizedRiskMinimizer() {
    // Fresh samples drawn uniformly from a fixed set of 200 rows: the expected risk is that set's
    // empirical risk, whose minimizer OWL-QN computes independently.
    RowBlock data = TestData.builder(200, 4, 1.0, true, 2).build(4, 0);
    double lambda = 0.05;
    InMemoryOracle oracle = new InMemoryOracle(new LinearObjective(new LogisticLoss(), 4), List.of(data));
    double[] opt = OwlqnSolver.highPrecision().solve(oracle, ElasticNet.l2(lambda), new double[4]).solution();
    double r2 = 0;
    for (int i = 0; i < data.rows(); i++) r2 = Math.max(r2, data.squaredNorm(i));
    AveragedOnlineSgd sgd = new AveragedOnlineSgd(4, AveragedOnlineSgd.Config.withSafeGamma(new LogisticLoss(), lambda, r2));
    SplittableRandom pick = new SplittableRandom(3);
    double[] x = new double[4];
    double errAt10k = 0;
    for (int t = 1; t <= 200_000; t++) {
      int i = pick.nextInt(200);
      java.util.Arrays.fill(x, 0);
      data.forEachEntry(i, (j, v) -> x[j] = v);
      sgd.step(x, data.label(i));
      if (t == 10_000) errAt10k = Vec.distance(sgd.average(), opt);
    }
    double err = Vec.distance(sgd.average(), opt);
    assertTrue(err < 0.02 * Vec.norm2(opt), "‖ā − a*‖ = " + err + ", ‖a*‖ = " + Vec.norm2(opt));
    assertTrue(err < errAt10k / 3, "error " + errAt10k + " at 10k steps, " + err + " at 200k: no O(1/T) progress");
  }
}
