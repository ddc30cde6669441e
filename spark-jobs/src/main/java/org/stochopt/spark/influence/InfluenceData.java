package org.stochopt.spark.influence;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.core.rng.Seeds;
import org.stochopt.datasets.Dataset;
import org.stochopt.datasets.io.LabelPolicy;
import org.stochopt.spark.job.DataLoader;

/**
 * The rows of one influence run, made on the driver from a {@code --data} spec: a seeded
 * permutation of the source rows gives the validation rows (the first {@code valRows}) and the
 * training rows (the next {@code trainRows}, or all the rest); a seeded fraction of the training
 * labels is flipped (binary labels only) to plant known-bad rows; the test rows are the spec's
 * held-out split ({@code fmnist:} test images, fresh rows of a {@code synthetic:} teacher) or
 * {@code --test-data}.
 *
 * @param sourceRow for each training row (in training order), its index in the source data
 * @param flipped for each training row, whether its label was flipped
 */
public record InfluenceData(String name, RowBlock train, RowBlock validation, RowBlock test, long[] sourceRow, boolean[] flipped) {
  /** Builds the split, flips drawn from both classes. */
  public static InfluenceData load(String spec, String testSpec, LabelPolicy policy, int valRows, int trainRows,
      double flipFraction, long seed) {
    return load(spec, testSpec, policy, valRows, trainRows, flipFraction, 0, seed);
  }

  /**
   * Builds the split. {@code trainRows} 0 = every row not used for validation. {@code flipFrom}
   * 0 flips round(fraction·n) rows of either class (symmetric noise, which leaves a linear
   * model's boundary nearly where it was); +1 or −1 flips them all from that class (one-sided
   * noise, which moves the boundary: the setting where removing the noise can lower test error).
   */
  public static InfluenceData load(String spec, String testSpec, LabelPolicy policy, int valRows, int trainRows,
      double flipFraction, int flipFrom, long seed) {
    Dataset ds = DataLoader.load(spec, policy, null, false);
    RowBlock all = ds.block();
    int n = all.rows();
    if (valRows < 1 || valRows >= n) throw new IllegalArgumentException("--val-rows must be in [1, " + (n - 1) + "] for " + n + " rows, got " + valRows);
    int available = n - valRows;
    int nTrain = trainRows == 0 ? available : trainRows;
    if (nTrain < 1 || nTrain > available) {
      throw new IllegalArgumentException("--train-rows must be in [1, " + available + "] (rows left after --val-rows), got " + trainRows);
    }
    int[] perm = permutation(n, Seeds.child(seed, 0x5e1));
    int[] valIdx = Arrays.copyOfRange(perm, 0, valRows);
    int[] trainIdx = Arrays.copyOfRange(perm, valRows, valRows + nTrain);
    boolean[] flipped = new boolean[nTrain];
    if (flipFraction > 0) {
      if (policy != LabelPolicy.BINARY) throw new IllegalArgumentException("--flip-labels needs ±1 labels (a binary loss)");
      int flips = (int) Math.round(flipFraction * nTrain);
      int[] which = permutation(nTrain, Seeds.child(seed, 0xf11));
      int done = 0;
      for (int k = 0; k < nTrain && done < flips; k++) {
        if (flipFrom == 0 || all.label(trainIdx[which[k]]) == flipFrom) {
          flipped[which[k]] = true;
          done++;
        }
      }
      if (done < flips) {
        throw new IllegalArgumentException("--flip-labels " + flipFraction + " needs " + flips + " rows of class " + flipFrom + "; the training rows have " + done);
      }
    }
    long[] source = new long[nTrain];
    for (int i = 0; i < nTrain; i++) source[i] = trainIdx[i];
    RowBlock train = gather(all, trainIdx, flipped);
    RowBlock val = gather(all, valIdx, null);
    RowBlock test = null;
    String testFrom = testSpec != null ? testSpec : DataLoader.defaultTestSpec(spec);
    if (testFrom != null) test = DataLoader.load(testFrom, policy, all.dim(), testSpec == null).block();
    if (test != null && test.dim() != all.dim()) {
      throw new IllegalArgumentException("test data has dimension " + test.dim() + " but the training data has " + all.dim());
    }
    return new InfluenceData(ds.name(), train, val, test, source, flipped);
  }

  /** A uniform permutation of 0..n−1 (Fisher–Yates from the given seed). */
  static int[] permutation(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** The rows {@code idx} of {@code all}, in that order, labels negated where {@code flip} says so. */
  static RowBlock gather(RowBlock all, int[] idx, boolean[] flip) {
    RowBlockBuilder b = new RowBlockBuilder();
    int[] ind = new int[all.dim()];
    double[] val = new double[all.dim()];
    for (int k = 0; k < idx.length; k++) {
      int[] c = {0};
      all.forEachEntry(idx[k], (j, v) -> {
        if (v != 0.0) {
          ind[c[0]] = j;
          val[c[0]++] = v;
        }
      });
      double y = all.label(idx[k]);
      b.addRow(flip != null && flip[k] ? -y : y, ind, val, c[0]);
    }
    return b.build(all.dim(), 0);
  }

  public int flippedCount() {
    int c = 0;
    for (boolean f : flipped) if (f) c++;
    return c;
  }
}
