package org.stochopt.core.meanfield;

import org.stochopt.core.rng.GaussianDraws;

import java.util.SplittableRandom;

/** A tiny teacher–student problem written out here (core tests cannot use the datasets module). */
public final class TinyTeacher {
  public final double[][] directions;
  public final DataMatrix train;
  final double noise;

  public TinyTeacher(int n, int d, int m, double noise, long seed) {
    this.noise = noise;
    SplittableRandom rng = new SplittableRandom(seed);
    directions = new double[m][d];
    for (int k = 0; k < m; k++) {
      for (int j = 0; j < d; j++) directions[k][j] = 0.0;
      directions[k][k % d] = 1.5; // orthogonal coordinate directions of norm 1.5
    }
    double[] x = new double[n * d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double f = 0.0;
      for (int j = 0; j < d; j++) x[i * d + j] = GaussianDraws.next(rng);
      for (double[] w : directions) {
        double z = 0.0;
        for (int j = 0; j < d; j++) z += w[j] * x[i * d + j];
        f += Math.tanh(z);
      }
      y[i] = f / m + noise * GaussianDraws.next(rng);
    }
    train = new DataMatrix(x, y, d);
  }
}
