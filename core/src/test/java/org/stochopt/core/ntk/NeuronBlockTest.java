package org.stochopt.core.ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Gradients against central finite differences, the L2 pull, the uniform average and g₀ ≡ 0. */
class NeuronBlockTest {
  private static final int M = 6;
  private static final int D = 3;

  private static NtkShape shape(Activation sigma, TrainedLayers layers) {
    return new NtkShape(M, D, 0.7, 0.5, sigma, layers);
  }

  /** A block with generic (non-initial) parameters. */
  private static NeuronBlock generic(NtkShape s, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] a = new double[M];
    double[] w = new double[M * D];
    double[] c = new double[M];
    for (int r = 0; r < M; r++) {
      a[r] = rng.nextDouble(-1, 1);
      c[r] = rng.nextDouble(-1, 1);
    }
    for (int k = 0; k < w.length; k++) w[k] = rng.nextDouble(-1, 1);
    return NeuronBlock.of(s, 0, a, w, c);
  }

  private static double g(NtkShape s, double[] a, double[] w, double[] c, double[] x) {
    double[] out = new double[1];
    NeuronBlock.of(s, 0, a, w, c).addSums(x, 1, false, out);
    return out[0] * s.outputFactor();
  }

  @Test
  void stepGradientMatchesFiniteDifferences() {
    for (Activation sigma : new Activation[] {new Activation.Swish(10), new Activation.Tanh(), new Activation.Sigmoid()}) {
      NtkShape s = shape(sigma, TrainedLayers.BOTH);
      NeuronBlock block = generic(s, 3);
      double[] x = {0.3, -0.5, 0.6};
      // With η = 1, λ = 0 and coefficient 1, one step is Θ′ = Θ − ∇_Θ g(x).
      NeuronBlock next = block.prepare(x).step(new double[] {1.0}, 1.0, 0.0);
      double[] a = new double[M];
      double[] w = new double[M * D];
      double[] c = new double[M];
      for (int r = 0; r < M; r++) {
        double[] th = block.neuron(r, false);
        a[r] = th[0];
        System.arraycopy(th, 1, w, r * D, D);
        c[r] = th[D + 1];
      }
      double h = 1e-6;
      for (int r = 0; r < M; r++) {
        double[] before = block.neuron(r, false);
        double[] after = next.neuron(r, false);
        for (int k = 0; k < D + 2; k++) {
          double[][] plus = {a.clone(), w.clone(), c.clone()};
          double[][] minus = {a.clone(), w.clone(), c.clone()};
          bump(plus, r, k, h);
          bump(minus, r, k, -h);
          double fd = (g(s, plus[0], plus[1], plus[2], x) - g(s, minus[0], minus[1], minus[2], x)) / (2 * h);
          double analytic = before[k] - after[k];
          assertEquals(fd, analytic, 1e-7 * Math.max(1.0, Math.abs(fd)), sigma.spec() + " neuron " + r + " parameter " + k);
        }
      }
    }
  }

  private static void bump(double[][] p, int r, int k, double h) {
    if (k == 0) p[0][r] += h;
    else if (k == D + 1) p[2][r] += h;
    else p[1][r * D + k - 1] += h;
  }

  @Test
  void minibatchStepAveragesTheExampleGradients() {
    NtkShape s = shape(new Activation.Tanh(), TrainedLayers.BOTH);
    NeuronBlock block = generic(s, 5);
    double[] x1 = {0.1, 0.2, -0.3};
    double[] x2 = {-0.4, 0.5, 0.6};
    NeuronBlock one = block.prepare(x1).step(new double[] {0.5}, 1.0, 0.0);
    NeuronBlock two = block.prepare(x2).step(new double[] {0.25}, 1.0, 0.0);
    NeuronBlock both = block.prepare(new double[] {0.1, 0.2, -0.3, -0.4, 0.5, 0.6}).step(new double[] {0.5, 0.25}, 1.0, 0.0);
    for (int r = 0; r < M; r++) {
      double[] t0 = block.neuron(r, false);
      double[] t1 = one.neuron(r, false);
      double[] t2 = two.neuron(r, false);
      double[] tb = both.neuron(r, false);
      for (int k = 0; k < D + 2; k++) assertEquals((t0[k] - t1[k]) + (t0[k] - t2[k]), t0[k] - tb[k], 1e-14);
    }
  }

  @Test
  void pullTowardInitialisationAndUniformAverage() {
    NtkShape s = new NtkShape(8, D, 1.0, 1.0, new Activation.Swish(10), TrainedLayers.BOTH);
    NeuronBlock block = NeuronBlock.initial(s, 0, 8, 11);
    double eta = 0.03;
    double lambda = 0.5;
    double[][] sum = new double[8][];
    for (int r = 0; r < 8; r++) sum[r] = block.neuron(r, false);
    SplittableRandom rng = new SplittableRandom(2);
    NeuronBlock cur = block;
    int steps = 7;
    for (int t = 0; t < steps; t++) {
      double[] x = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
      NeuronBlock prev = cur;
      cur = cur.prepare(x).step(new double[] {t == 3 ? 0.0 : rng.nextDouble(-1, 1)}, eta, lambda);
      for (int r = 0; r < 8; r++) {
        double[] th = cur.neuron(r, false);
        for (int k = 0; k < th.length; k++) sum[r][k] += th[k];
      }
      if (t == 3) { // zero coefficient: only the pull acts, Θ′ − Θ⁽⁰⁾ = (1 − ηλ)(Θ − Θ⁽⁰⁾)
        for (int r = 0; r < 8; r++) {
          double[] p = prev.neuron(r, false);
          double[] n = cur.neuron(r, false);
          double[] z = block.neuron(r, false);
          for (int k = 0; k < p.length; k++) assertEquals((1 - eta * lambda) * (p[k] - z[k]), n[k] - z[k], 1e-15);
        }
      }
    }
    assertEquals(steps + 1, cur.terms());
    for (int r = 0; r < 8; r++) {
      double[] avg = cur.neuron(r, true);
      for (int k = 0; k < avg.length; k++) assertEquals(sum[r][k] / (steps + 1), avg[k], 1e-14, "average includes Θ⁽⁰⁾");
    }
  }

  @Test
  void untrainedLayersStayAtInitialisation() {
    for (TrainedLayers layers : new TrainedLayers[] {TrainedLayers.OUTPUT, TrainedLayers.INPUT}) {
      NtkShape s = new NtkShape(4, D, 1.0, 1.0, new Activation.Tanh(), layers);
      NeuronBlock b0 = NeuronBlock.initial(s, 0, 4, 1);
      NeuronBlock b1 = b0.prepare(new double[] {0.5, 0.5, 0.5}).step(new double[] {1.0}, 0.1, 0.0);
      for (int r = 0; r < 4; r++) {
        double[] p = b0.neuron(r, false);
        double[] q = b1.neuron(r, false);
        assertEquals(layers.output(), p[0] != q[0], layers + " output layer");
        assertEquals(layers.input(), p[1] != q[1], layers + " input layer");
      }
    }
  }

  @Test
  void symmetricInitialisationGivesZeroFunction() {
    NtkShape s = new NtkShape(1000, 5, 1.0, 1.0, new Activation.Relu(), TrainedLayers.BOTH);
    NeuronBlock block = NeuronBlock.initial(s, 0, 1000, 9);
    double[] x = EigenfunctionTarget.spherePoints(50, 5, 4);
    double[] out = new double[50];
    block.addSums(x, 50, false, out);
    double scale = 0.0;
    for (int r = 0; r < 500; r++) scale += Math.abs(block.neuron(r, false)[1]);
    assertTrue(scale > 1);
    for (double v : out) assertEquals(0.0, v, 1e-12);
  }
}
