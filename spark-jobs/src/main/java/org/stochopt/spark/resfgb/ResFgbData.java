package org.stochopt.spark.resfgb;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.rng.Seeds;
import org.stochopt.spark.job.DataLoader;
import org.stochopt.datasets.io.LabelPolicy;

/**
 * The rows of a ResFGB run, dense, as loaded on the driver: the training rows (the first
 * {@code trainRows} of the file when a subset is asked for), a validation split drawn from them
 * by a seeded permutation, and the test rows. Labels are classes 0..K−1, K = 1 + the largest
 * training label.
 */
public record ResFgbData(String name, Dense train, Dense validation, Dense test, int classes) {

  /** Row-major rows and their class labels. */
  public record Dense(double[] x, double[] y, int d) {
    public int rows() {
      return y.length;
    }

    /** The first {@code m} rows. */
    public Dense first(int m) {
      return head(m);
    }

    Dense head(int m) {
      return new Dense(java.util.Arrays.copyOf(x, m * d), java.util.Arrays.copyOf(y, m), d);
    }

    Dense pick(int[] idx, int from, int to) {
      double[] xs = new double[(to - from) * d];
      double[] ys = new double[to - from];
      for (int k = from; k < to; k++) {
        System.arraycopy(x, idx[k] * d, xs, (k - from) * d, d);
        ys[k - from] = y[idx[k]];
      }
      return new Dense(xs, ys, d);
    }

    /** Contiguous partitions (as {@code PartitionedData.layout}), each with the bias column. */
    public List<RowBlock> partitions(int parts) {
      List<RowBlock> out = new ArrayList<>(parts);
      int n = rows();
      for (int p = 0; p < parts; p++) {
        int from = (int) ((long) n * p / parts);
        int to = (int) ((long) n * (p + 1) / parts);
        double[] v = new double[(to - from) * (d + 1)];
        for (int r = from; r < to; r++) {
          System.arraycopy(x, r * d, v, (r - from) * (d + 1), d);
          v[(r - from) * (d + 1) + d] = 1.0;
        }
        out.add(new DenseRowBlock(d + 1, v, java.util.Arrays.copyOfRange(y, from, to), from));
      }
      return out;
    }

    static Dense of(RowBlock b) {
      int d = b.dim();
      double[] x = new double[b.rows() * d];
      for (int r = 0; r < b.rows(); r++) {
        int base = r * d;
        b.forEachEntry(r, (j, v) -> x[base + j] = v);
      }
      return new Dense(x, b.labelsView().clone(), d);
    }
  }

  /**
   * @param trainRows keep only the first this many training rows (0 = all)
   * @param validationFraction share of the (kept) training rows held out for use_best_iter
   */
  public static ResFgbData load(String spec, String testSpec, int trainRows, double validationFraction, long seed) {
    Dense all = Dense.of(DataLoader.load(spec, LabelPolicy.MULTICLASS, null, false).block());
    if (trainRows > 0 && trainRows < all.rows()) all = all.head(trainRows);
    String t = testSpec != null ? testSpec : DataLoader.defaultTestSpec(spec);
    Dense test = null;
    if (t != null) {
      test = Dense.of(DataLoader.load(t, LabelPolicy.MULTICLASS, all.d(), testSpec == null).block());
      if (test.d() != all.d()) throw new IllegalArgumentException("--test-data has " + test.d() + " features, --data " + all.d());
    }
    int classes = 0;
    for (double y : all.y()) {
      if (y != Math.rint(y) || y < 0) throw new IllegalArgumentException("--model resfgb needs class labels 0..K−1, got " + y);
      classes = Math.max(classes, (int) y + 1);
    }
    if (classes < 2) throw new IllegalArgumentException("the training rows hold only one class");
    int nVal = (int) Math.round(validationFraction * all.rows());
    Dense train = all;
    Dense validation = null;
    if (nVal > 0) {
      int[] idx = new int[all.rows()];
      for (int i = 0; i < idx.length; i++) idx[i] = i;
      SplittableRandom rng = new SplittableRandom(Seeds.child(seed, 0x56414CL));
      for (int i = idx.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int tmp = idx[i];
        idx[i] = idx[j];
        idx[j] = tmp;
      }
      validation = all.pick(idx, 0, nVal);
      train = all.pick(idx, nVal, all.rows());
    }
    return new ResFgbData(spec + (trainRows > 0 ? " (first " + trainRows + " rows)" : ""), train, validation, test, classes);
  }
}
