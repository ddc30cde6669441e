package org.stochopt.spark;

import java.util.SplittableRandom;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.RowBlockBuilder;

/**
 * Small seeded K-class data for the spark-jobs tests: label argmax_k(⟨t_k, x⟩ + Gumbel noise) of
 * K random teachers, i.e. a draw from a softmax model, so classes overlap and optima are finite.
 * No constant feature: MLlib without an intercept fixes the weights of constant nonzero columns
 * at 0, so it would not solve the objective (the bench reports that case).
 */
public final class MulticlassData {
  private MulticlassData() {}

  public static RowBlock generate(int n, int d, int classes, double density, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] teacher = new double[classes][d];
    for (double[] t : teacher) for (int j = 0; j < d; j++) t[j] = 3 * (2 * rng.nextDouble() - 1);
    RowBlockBuilder b = new RowBlockBuilder();
    int[] idx = new int[d];
    double[] val = new double[d];
    for (int i = 0; i < n; i++) {
      int c = 0;
      for (int j = 0; j < d; j++) {
        if (rng.nextDouble() < density) {
          idx[c] = j;
          val[c++] = 2 * rng.nextDouble() - 1;
        }
      }
      int best = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int y = 0; y < classes; y++) {
        double s = -Math.log(-Math.log(rng.nextDouble()));
        for (int q = 0; q < c; q++) s += teacher[y][idx[q]] * val[q];
        if (s > bestScore) {
          bestScore = s;
          best = y;
        }
      }
      b.addRow(best, idx, val, c);
    }
    return b.build(d, 0);
  }
}
