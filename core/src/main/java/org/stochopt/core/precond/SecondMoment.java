package org.stochopt.core.precond;

import java.io.Serializable;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.runtime.PartitionRunner;

/**
 * Σ_X = (1/N) Σ_i x_i x_iᵀ (uncentred: the model has no intercept, and the Fisher of the squared
 * loss is exactly this matrix), or only its diagonal, as a sum that partitions build next to their
 * rows and the driver folds in partition order.
 *
 * <p>{@link #estimate} is ONE {@link PartitionRunner#aggregate} call: each task folds its rows
 * into a local sum, the sums are merged in partition order, so in-process and Spark perform the
 * same additions in the same order and agree bit for bit (when the Spark runner is not configured
 * for a tree reduction).
 *
 * <p>Full matrix: only the upper triangle j ≤ k is accumulated (half the work), zeros of a row
 * are skipped (sparse rows and the blank pixels of images cost nothing), and the lower triangle
 * is mirrored once on the driver ({@link #matrix()}).
 */
public final class SecondMoment implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int d;
  private final boolean full;
  /** Full: row-major d × d, upper triangle only until {@link #matrix()}; diagonal: d entries. */
  private final double[] sum;
  private long count;

  public SecondMoment(int d, boolean full) {
    if (d <= 0) throw new IllegalArgumentException("dimension must be positive, got " + d);
    if (full && (long) d * d > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("d = " + d + " is too large for a full d × d matrix");
    this.d = d;
    this.full = full;
    this.sum = new double[full ? d * d : d];
  }

  /** Σ_X (full, or its diagonal) over every row of every partition: one aggregation. */
  public static SecondMoment estimate(PartitionRunner<RowBlock> rows, int d, boolean full) {
    return rows.aggregate((p, block) -> of(block, full), () -> new SecondMoment(d, full), SecondMoment::merge, true);
  }

  /** The sum of one block's rows. */
  public static SecondMoment of(RowBlock block, boolean full) {
    SecondMoment m = new SecondMoment(block.dim(), full);
    m.add(block);
    return m;
  }

  private void add(RowBlock block) {
    int[] idx = new int[d];
    double[] val = new double[d];
    for (int r = 0; r < block.rows(); r++) {
      int[] nnz = {0};
      block.forEachEntry(r, (j, v) -> {
        if (v != 0.0) {
          idx[nnz[0]] = j;
          val[nnz[0]++] = v;
        }
      });
      int m = nnz[0];
      if (full) {
        for (int a = 0; a < m; a++) {
          double va = val[a];
          int base = idx[a] * d;
          for (int b = a; b < m; b++) sum[base + idx[b]] += va * val[b];
        }
      } else {
        for (int a = 0; a < m; a++) sum[idx[a]] += val[a] * val[a];
      }
      count++;
    }
  }

  /** this + other (partition order is the caller's: the fold is left to right). */
  public SecondMoment merge(SecondMoment other) {
    if (other.d != d || other.full != full) throw new IllegalArgumentException("second moments of different shapes");
    for (int i = 0; i < sum.length; i++) sum[i] += other.sum[i];
    count += other.count;
    return this;
  }

  public int dim() {
    return d;
  }

  public boolean full() {
    return full;
  }

  /** N, the rows summed. */
  public long count() {
    return count;
  }

  /** Σ_X as a symmetric d × d array (row-major = column-major), a fresh copy. Full sums only. */
  public double[] matrix() {
    if (!full) throw new IllegalStateException("a diagonal second moment has no full matrix");
    if (count == 0) throw new IllegalStateException("no rows were summed");
    double[] s = new double[d * d];
    for (int j = 0; j < d; j++) {
      for (int k = j; k < d; k++) {
        double v = sum[j * d + k] / count;
        s[j * d + k] = v;
        s[k * d + j] = v;
      }
    }
    return s;
  }

  /** diag Σ_X, a fresh copy (for either shape). */
  public double[] diagonal() {
    if (count == 0) throw new IllegalStateException("no rows were summed");
    double[] out = new double[d];
    for (int j = 0; j < d; j++) out[j] = (full ? sum[j * d + j] : sum[j]) / count;
    return out;
  }

  /** tr Σ_X / d, the mean eigenvalue. */
  public double meanEigenvalue() {
    double t = 0;
    for (double v : diagonal()) t += v;
    return t / d;
  }
}
