package org.stochopt.spark.job;

import java.io.Serializable;
import java.util.Locale;
import org.stochopt.core.linalg.RowBlock;

/**
 * The label check of a multi-class loss over already-built rows: the largest label (K − 1 when
 * K is inferred) and the first row whose label is not a class index. File readers check labels
 * line by line ({@code LabelPolicy.MULTICLASS}); this catches generated data and blocks built
 * elsewhere. Mergeable, so a Spark job checks partitions in parallel and reports the same first
 * row a sequential scan would.
 */
public final class ClassLabels implements Serializable {
  private static final long serialVersionUID = 1L;

  private double max = Double.NEGATIVE_INFINITY;
  private long firstBadRow = Long.MAX_VALUE;
  private double firstBadLabel;

  public ClassLabels add(RowBlock block) {
    for (int r = 0; r < block.rows(); r++) {
      double y = block.label(r);
      if (!(y >= 0) || y != Math.rint(y)) {
        long row = block.firstRow() + r;
        if (row < firstBadRow) {
          firstBadRow = row;
          firstBadLabel = y;
        }
      } else {
        max = Math.max(max, y);
      }
    }
    return this;
  }

  public ClassLabels merge(ClassLabels o) {
    max = Math.max(max, o.max);
    if (o.firstBadRow < firstBadRow) {
      firstBadRow = o.firstBadRow;
      firstBadLabel = o.firstBadLabel;
    }
    return this;
  }

  /** The largest label, after refusing data with a label that is not a class index. */
  public double maxLabel(String source, String lossName) {
    if (firstBadRow != Long.MAX_VALUE) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s: row %d has label %s, not a class index 0..K−1: --loss %s needs class labels (for ±1 labels use --loss logistic)",
          source, firstBadRow, firstBadLabel == Math.rint(firstBadLabel) && Math.abs(firstBadLabel) < 1e15 ? Long.toString((long) firstBadLabel) : Double.toString(firstBadLabel), lossName));
    }
    if (max == Double.NEGATIVE_INFINITY) throw new IllegalArgumentException(source + " has no rows");
    return max;
  }
}
