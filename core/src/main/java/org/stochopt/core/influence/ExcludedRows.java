package org.stochopt.core.influence;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Global row ids that a counterfactual or cleansed run leaves out of every minibatch while still
 * dividing by b = |S_t| (the estimand of SGD-influence: the run without row j sees the same
 * batches, minus j). Sorted, so a task tests membership by binary search.
 */
public final class ExcludedRows implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final ExcludedRows NONE = new ExcludedRows(new long[0], 0.0);

  private final long[] sorted;
  private final double keep;

  private ExcludedRows(long[] sorted, double keep) {
    this.sorted = sorted;
    this.keep = keep;
  }

  public static ExcludedRows of(long... rows) {
    return downWeighted(0.0, rows);
  }

  /**
   * The rows kept with weight {@code keep} ∈ [0, 1) instead of 1 (0 = left out): 1 − ε gives the
   * run whose derivative in ε at 0 is what the linearised estimate approximates.
   */
  public static ExcludedRows downWeighted(double keep, long... rows) {
    if (!(keep >= 0 && keep < 1)) throw new IllegalArgumentException("keep weight must be in [0, 1), got " + keep);
    long[] s = rows.clone();
    Arrays.sort(s);
    return new ExcludedRows(s, keep);
  }

  /** The weight an excluded row's gradient keeps (0 for a removed row). */
  public double keep() {
    return keep;
  }

  public boolean contains(long row) {
    return sorted.length > 0 && Arrays.binarySearch(sorted, row) >= 0;
  }

  public int size() {
    return sorted.length;
  }
}
