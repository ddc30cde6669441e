package org.stochopt.core.ntk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stochopt.core.loss.SquaredLoss;
import org.stochopt.core.meanfield.DataMatrix;
import org.stochopt.core.runtime.LocalPartitionRunner;

/** The sharded network: independent of the split and thread count, and it learns. */
class NtkNetworkTest {
  static DataMatrix sphere(Target t, int n, int d, double noise, long seed) {
    double[] x = EigenfunctionTarget.spherePoints(n, d, seed);
    double[] y = new double[n];
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed + 1);
    for (int i = 0; i < n; i++) y[i] = t.value(x, i * d) + noise * rng.nextGaussian();
    return new DataMatrix(x, y, d);
  }

  private static double[] run(NtkShape s, int blocks, int threads, DataMatrix data, DataMatrix test, int steps) {
    LocalPartitionRunner<NeuronBlock> runner = LocalPartitionRunner.generate(blocks, NtkNetwork.source(s, blocks, 5), threads);
    try (NtkNetwork net = new NtkNetwork(s, runner, data)) {
      AveragedSgd sgd = new AveragedSgd(new AveragedSgd.Config(0.04, 0.01, 2), new SquaredLoss(), net, data, 3);
      sgd.start();
      for (int t = 0; t < steps; t++) sgd.step();
      return net.predict(net.share(test), true);
    }
  }

  @Test
  void resultDoesNotDependOnThreadsAndHardlyOnTheSplit() {
    int d = 4;
    NtkShape s = new NtkShape(40, d, 1.0, 1.0, new Activation.Swish(10), TrainedLayers.BOTH);
    Target t = new TeacherTarget(d, 3, 1);
    DataMatrix data = sphere(t, 200, d, 0.1, 2);
    DataMatrix test = sphere(t, 30, d, 0.0, 3);
    double[] p3 = run(s, 3, 1, data, test, 50);
    assertArrayEquals(p3, run(s, 3, 2, data, test, 50), 0.0, "threads");
    double[] p1 = run(s, 1, 1, data, test, 50);
    assertArrayEquals(p1, p3, 1e-10, "one block vs three");
    assertTrue(Math.abs(p1[0]) > 1e-3);
  }

  @Test
  void averagedSgdLearnsTheTeacher() {
    int d = 5;
    Target t = new TeacherTarget(d, 4, 3);
    DataMatrix data = sphere(t, 3000, d, 0.1, 4);
    DataMatrix test = sphere(t, 500, d, 0.0, 5);
    NtkShape s = new NtkShape(1000, d, 1.0, 1.0, new Activation.Swish(10), TrainedLayers.BOTH);
    double lambda = RateTheory.lambda(3000, 0.5, RateTheory.reluSphereBeta(d));
    LocalPartitionRunner<NeuronBlock> runner = LocalPartitionRunner.generate(2, NtkNetwork.source(s, 2, 1), 2);
    try (NtkNetwork net = new NtkNetwork(s, runner, data)) {
      AveragedSgd sgd = new AveragedSgd(new AveragedSgd.Config(StepCondition.maxStep(lambda), lambda, 1), new SquaredLoss(), net, data, 1);
      sgd.start();
      double[] g0 = net.predict(net.share(test), true);
      for (int k = 0; k < 3000; k++) sgd.step();
      double[] g = net.predict(net.share(test), true);
      double before = 0;
      double after = 0;
      for (int i = 0; i < test.rows(); i++) {
        before += Math.pow(g0[i] - test.y()[i], 2);
        after += Math.pow(g[i] - test.y()[i], 2);
      }
      assertEquals(0.0, g0[0], 1e-12);
      assertTrue(after < 0.3 * before, "excess risk " + after / test.rows() + " vs ‖g_ρ‖² " + before / test.rows());
      assertTrue(net.relativeMovement(true) < 0.2, "lazy regime: movement " + net.relativeMovement(true));
      assertEquals(3000, sgd.samples());
      assertEquals(1.0, sgd.passes(), 1e-12);
    }
  }
}
