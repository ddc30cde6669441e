package org.stochopt.core.oracle;

import java.io.Serializable;

/**
 * One pass of statistics over the training data: size, stored entries, row norms (for the
 * per-example smoothness L_i = c‖x_i‖²), label counts and an order-sensitive fingerprint.
 * Mergeable so both backends compute it with the same code.
 */
public final class DataSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  private long rows;
  private long storedEntries;
  private double sumSquaredNorm;
  private double maxSquaredNorm;
  private long positives;
  private long negatives;
  private long fingerprint;

  public long rows() {
    return rows;
  }

  public long storedEntries() {
    return storedEntries;
  }

  public double meanSquaredNorm() {
    return rows == 0 ? 0.0 : sumSquaredNorm / rows;
  }

  public double maxSquaredNorm() {
    return maxSquaredNorm;
  }

  public long positives() {
    return positives;
  }

  public long negatives() {
    return negatives;
  }

  /** Order-sensitive hash of every row (global id, label, entries): identifies the data set. */
  public long fingerprint() {
    return fingerprint;
  }

  public void addRow(long globalRow, double label, double squaredNorm, long entries, long rowHash) {
    rows++;
    storedEntries += entries;
    sumSquaredNorm += squaredNorm;
    maxSquaredNorm = Math.max(maxSquaredNorm, squaredNorm);
    if (label > 0) positives++;
    else if (label < 0) negatives++;
    // Summing per-row hashes that include the global row id keeps the fingerprint independent
    // of how rows are grouped into partitions and of the merge order.
    fingerprint += org.stochopt.core.rng.Seeds.mix(rowHash ^ org.stochopt.core.rng.Seeds.mix(globalRow));
  }

  public DataSummary merge(DataSummary o) {
    rows += o.rows;
    storedEntries += o.storedEntries;
    sumSquaredNorm += o.sumSquaredNorm;
    maxSquaredNorm = Math.max(maxSquaredNorm, o.maxSquaredNorm);
    positives += o.positives;
    negatives += o.negatives;
    fingerprint += o.fingerprint;
    return this;
  }

  /** Adds every row of a block. */
  public static DataSummary of(org.stochopt.core.linalg.RowBlock block) {
    DataSummary s = new DataSummary();
    for (int r = 0; r < block.rows(); r++) {
      long[] h = {Double.doubleToLongBits(block.label(r))};
      long[] count = {0};
      block.forEachEntry(r, (j, v) -> {
        h[0] = org.stochopt.core.rng.Seeds.mix(h[0] * 31 + j) ^ Double.doubleToLongBits(v);
        count[0]++;
      });
      s.addRow(block.firstRow() + r, block.label(r), block.squaredNorm(r), count[0], h[0]);
    }
    return s;
  }
}
