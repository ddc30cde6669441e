package org.stochopt.core;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.RowBlockBuilder;

/** Small seeded data sets for core tests (the datasets module is not visible from core). */
public final class TestData {
  private TestData() {}

  /** Rows with Gaussian entries kept with probability density; labels from a noisy linear teacher. */
  public static RowBlockBuilder builder(int n, int d, double density, boolean classification, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] teacher = new double[d];
    for (int j = 0; j < d; j++) teacher[j] = rng.nextDouble() * 2 - 1;
    RowBlockBuilder b = new RowBlockBuilder();
    int[] idx = new int[d];
    double[] val = new double[d];
    for (int i = 0; i < n; i++) {
      int c = 0;
      double z = 0;
      for (int j = 0; j < d; j++) {
        if (rng.nextDouble() < density) {
          idx[c] = j;
          val[c] = rng.nextDouble() * 2 - 1;
          z += val[c] * teacher[j];
          c++;
        }
      }
      double noise = rng.nextDouble() - 0.5;
      double y = classification ? (z + noise > 0 ? 1.0 : -1.0) : z + 0.1 * noise;
      b.addRow(y, idx, val, c);
    }
    return b;
  }

  /**
   * Least-squares data whose design has a known spread of curvature: feature j is uniform on
   * [−1, 1] scaled by s_j = spread^(−j/(2(d−1))), so the eigenvalues of (1/n)XᵀX run from ≈ 1/3
   * down to ≈ 1/(3·spread). With an L2 weight λ = L/κ and spread ≥ κ the regularizer, not the data,
   * sets the strong convexity, and the problem's condition number is ≈ κ.
   */
  public static RowBlock conditioned(int n, int d, double spread, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] scale = new double[d];
    double[] teacher = new double[d];
    for (int j = 0; j < d; j++) {
      scale[j] = Math.pow(spread, -j / (2.0 * (d - 1)));
      teacher[j] = rng.nextDouble() * 2 - 1;
    }
    RowBlockBuilder b = new RowBlockBuilder();
    int[] idx = new int[d];
    double[] val = new double[d];
    for (int i = 0; i < n; i++) {
      double z = 0;
      for (int j = 0; j < d; j++) {
        idx[j] = j;
        val[j] = (rng.nextDouble() * 2 - 1) * scale[j];
        z += val[j] * teacher[j];
      }
      b.addRow(z + 0.1 * (rng.nextDouble() - 0.5), idx, val, d);
    }
    return b.build(d, 0);
  }

  /** Splits a block into {@code parts} contiguous partitions (the layout both backends use). */
  public static List<RowBlock> split(RowBlock all, int parts) {
    List<RowBlock> out = new ArrayList<>();
    int n = all.rows();
    for (int p = 0; p < parts; p++) {
      int from = (int) ((long) p * n / parts);
      int to = (int) ((long) (p + 1) * n / parts);
      out.add(all.slice(from, to));
    }
    return out;
  }
}
