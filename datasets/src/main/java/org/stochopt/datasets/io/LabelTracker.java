package org.stochopt.datasets.io;

import java.io.Serializable;
import java.util.Objects;

/**
 * Applies a {@link LabelPolicy} line by line and remembers which binary convention (±1 or 0/1)
 * the file has shown so far, and on which line it first showed it, so that a file mixing −1 and
 * 0 is refused with an error naming the first line that broke the convention.
 *
 * <p>Mapping 0 to −1 right away is safe: once the file is known to be consistent, a 0 can only
 * mean the 0/1 convention. Only the consistency check needs state.
 *
 * <p>Serializable and {@link #merge mergeable} so that a Spark job can track each partition
 * separately (with global line numbers) and combine the results; the combined check reports the
 * same line a sequential read would.
 */
public final class LabelTracker implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long NONE = Long.MAX_VALUE;

  private final LabelPolicy policy;
  private final String source;
  private long firstMinusOneLine = NONE;
  private long firstZeroLine = NONE;

  public LabelTracker(LabelPolicy policy, String source) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.source = source;
  }

  /** Checks and maps the label found on {@code lineNumber}. */
  public double accept(double raw, long lineNumber) {
    double y = policy.map(raw, source, lineNumber);
    if (policy == LabelPolicy.BINARY) {
      if (raw == -1.0 && firstMinusOneLine == NONE) {
        firstMinusOneLine = lineNumber;
        checkConsistent();
      } else if (raw == 0.0 && firstZeroLine == NONE) {
        firstZeroLine = lineNumber;
        checkConsistent();
      }
    }
    return y;
  }

  /**
   * Folds in a tracker that saw other lines of the same file.
   *
   * @return this tracker
   * @throws DataFormatException if together they saw both −1 and 0
   */
  public LabelTracker merge(LabelTracker other) {
    if (other.policy != policy) {
      throw new IllegalArgumentException("cannot merge trackers for " + policy + " and " + other.policy);
    }
    firstMinusOneLine = Math.min(firstMinusOneLine, other.firstMinusOneLine);
    firstZeroLine = Math.min(firstZeroLine, other.firstZeroLine);
    checkConsistent();
    return this;
  }

  /** True when some label 0 was seen, i.e. the file uses the 0/1 convention. */
  public boolean sawZeroOneConvention() {
    return firstZeroLine != NONE;
  }

  private void checkConsistent() {
    if (firstMinusOneLine == NONE || firstZeroLine == NONE) return;
    // The offending line is the first one of whichever convention appeared second.
    if (firstZeroLine > firstMinusOneLine) {
      throw new DataFormatException(
          source,
          firstZeroLine,
          "label 0 mixes label conventions: line " + firstMinusOneLine
              + " has label -1 (use either ±1 or 0/1 throughout)");
    }
    throw new DataFormatException(
        source,
        firstMinusOneLine,
        "label -1 mixes label conventions: line " + firstZeroLine
            + " has label 0 (use either ±1 or 0/1 throughout)");
  }
}
