package org.stochopt.core.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stochopt.core.rng.GaussianDraws;
import org.stochopt.core.rng.Seeds;

/**
 * The chunked BLAS kernels of {@link ParticleBlock} against the plain loop over particles and rows
 * they replaced (written out here, independently): Langevin steps with noise, several inner steps,
 * more particles than one chunk, rows with a zero coefficient, and the prediction sums; then the
 * step that reuses prepared activations against the one that recomputes them. With the reference
 * BLAS the sums are the same in the same order (bit-identical); the tolerance leaves room for an
 * optimized BLAS that reorders them.
 */
class ParticleBlockKernelTest {
  private static final int M = 1500;
  private static final int D = 7;
  private static final int N = 120;

  private static DataMatrix data() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] x = new double[N * D];
    double[] y = new double[N];
    for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble(-1, 1);
    for (int i = 0; i < N; i++) y[i] = rng.nextDouble(-1, 1);
    return new DataMatrix(x, y, D);
  }

  private static double dot(DataMatrix data, int row, double[] th, int off) {
    double s = 0.0;
    for (int j = 0; j < D; j++) s += data.x()[row * D + j] * th[off + j];
    return s;
  }

  /** The per-particle loop: z, the unit's gradient, the axpy of x, the noise and the update. */
  private static double[] referenceLangevin(NeuronUnit unit, double[] theta, int p, DataMatrix data, LangevinUpdate u) {
    double[] next = theta.clone();
    double[] grad = new double[p];
    double[] noise = new double[p];
    int w = unit.inputOffset();
    double noiseScale = Math.sqrt(2.0 * u.lambda2() * u.eta());
    for (int j = 0; j < M; j++) {
      int off = j * p;
      for (int s = 0; s < u.steps(); s++) {
        java.util.Arrays.fill(grad, 0.0);
        for (int k = 0; k < u.rows().length; k++) {
          if (u.coefficients()[k] == 0.0) continue;
          int i = u.rows()[k];
          double dz = unit.addOuterGradient(next, off, dot(data, i, next, off + w), u.coefficients()[k], grad, 0);
          for (int q = 0; q < D; q++) grad[w + q] += dz * data.x()[i * D + q];
        }
        GaussianDraws.fill(new SplittableRandom(Seeds.child(u.seed(), ParticleBlock.NOISE_STREAM, u.firstNoiseStep() + s, j)),
            noise, 0, p);
        for (int k = 0; k < p; k++) next[off + k] += -u.eta() * (grad[k] + 2.0 * u.lambda1() * next[off + k]) + noiseScale * noise[k];
      }
    }
    return next;
  }

  private static double[] thetaOf(ParticleBlock block) {
    int p = block.parameterDim();
    double[] out = new double[block.count() * p];
    for (int j = 0; j < block.count(); j++) block.copyParticle(j, out, j * p);
    return out;
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int k = 0; k < expected.length; k++) {
      assertEquals(expected[k], actual[k], 1e-12 * Math.max(1.0, Math.abs(expected[k])), what + " entry " + k);
    }
  }

  @Test
  void chunkedKernelsAgreeWithThePerParticleLoop() {
    DataMatrix data = data();
    int[] rows = new int[100];
    double[] coef = new double[rows.length];
    SplittableRandom rng = new SplittableRandom(5);
    for (int k = 0; k < rows.length; k++) {
      rows[k] = rng.nextInt(N);
      coef[k] = k == 7 ? 0.0 : rng.nextDouble(-0.1, 0.1);
    }
    for (NeuronUnit unit : List.of(new TanhUnit(), new BoundedTanhUnit(1.5))) {
      ParticleBlock block = ParticleBlock.initialize(unit, D, 0, M, 11);
      int p = block.parameterDim();
      LangevinUpdate u = new LangevinUpdate(rows, coef, 0.3, 1e-3, 1e-4, 2, 4, 17);
      assertClose(referenceLangevin(unit, thetaOf(block), p, data, u), thetaOf(block.langevin(unit, data, u)), unit.spec() + " langevin");

      double[] expected = new double[rows.length];
      double[] th = thetaOf(block);
      for (int j = 0; j < M; j++) {
        for (int k = 0; k < rows.length; k++) expected[k] += unit.value(th, j * p, dot(data, rows[k], th, j * p + unit.inputOffset()));
      }
      double[] sums = new double[rows.length];
      block.addPredictionSums(unit, data, rows, sums);
      assertClose(expected, sums, unit.spec() + " prediction sums");
      double[] preparedSums = new double[rows.length];
      block.prepare(unit, data, rows).addPredictionSums(unit, data, rows, preparedSums);
      assertClose(expected, preparedSums, unit.spec() + " prepared prediction sums");

      LangevinUpdate one = new LangevinUpdate(rows, coef, 0.3, 1e-3, 1e-4, 1, 0, 17);
      assertClose(thetaOf(block.langevin(unit, data, one)), thetaOf(block.prepare(unit, data, rows).langevin(unit, data, one)),
          unit.spec() + " step on prepared rows");
    }
  }
}
