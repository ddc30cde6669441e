package org.stochopt.core.influence;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.runtime.LocalPartitionRunner;

/** Small dense data sets for the influence tests: a noisy logistic teacher, rows split in P partitions. */
final class TinyData {
  private TinyData() {}

  /** n rows of dimension d, labels ±1 (or 0..K−1 when classes ≥ 2... see {@link #multiclass}). */
  static List<RowBlock> binary(int n, int d, int partitions, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] w = new double[d];
    for (int j = 0; j < d; j++) w[j] = rng.nextGaussian();
    double[] x = new double[n * d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double z = 0;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = rng.nextGaussian();
        z += x[i * d + j] * w[j];
      }
      y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : -1;
    }
    return split(new DenseRowBlock(d, x, y, 0), partitions);
  }

  static List<RowBlock> multiclass(int n, int d, int classes, int partitions, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n * d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(classes);
      for (int j = 0; j < d; j++) x[i * d + j] = rng.nextGaussian() + (j % classes == y[i] ? 1.0 : 0.0);
    }
    return split(new DenseRowBlock(d, x, y, 0), partitions);
  }

  static List<RowBlock> split(RowBlock all, int partitions) {
    List<RowBlock> out = new ArrayList<>();
    int n = all.rows();
    for (int p = 0; p < partitions; p++) out.add(all.slice(p * n / partitions, (p + 1) * n / partitions));
    return out;
  }

  static RowSet local(List<RowBlock> parts) {
    int[] sizes = parts.stream().mapToInt(RowBlock::rows).toArray();
    return new RowSet(new LocalPartitionRunner<>(parts, 2), sizes);
  }
}
