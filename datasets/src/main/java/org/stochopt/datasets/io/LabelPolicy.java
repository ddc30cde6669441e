package org.stochopt.datasets.io;

/**
 * What labels a file may contain and what the objective sees.
 *
 * <p>Binary losses (logistic, hinge) are written for y ∈ {−1, +1}, but public data comes in two
 * conventions, ±1 and 0/1. {@link #BINARY} accepts both and maps 0 to −1, and refuses anything
 * else: a stray {@code 2} means the file is multi-class or the label column is wrong, and
 * training on it silently would give a meaningless objective. A file mixing −1 and 0 is refused
 * too, since no single mapping makes sense of it; that check needs memory across lines, which
 * {@link LabelTracker} provides.
 */
public enum LabelPolicy {
  /** Labels −1, +1, 0 or 1; 0 becomes −1; −1 and 0 must not both occur in one file. */
  BINARY {
    @Override
    public double map(double raw, String source, long lineNumber) {
      if (raw == 1.0 || raw == -1.0) return raw;
      if (raw == 0.0) return -1.0;
      throw new DataFormatException(
          source,
          lineNumber,
          "unexpected label " + Messages.number(raw) + " (binary labels must be ±1 or 0/1"
              + (raw >= 2 && raw == Math.rint(raw) ? MULTICLASS_HINT : "") + ")");
    }
  },

  /**
   * Class indices 0, 1, …, K−1 (multi-class losses), unchanged. ±1 files are refused rather than
   * mapped: −1 is not a class index, and guessing would silently change the objective.
   */
  MULTICLASS {
    @Override
    public double map(double raw, String source, long lineNumber) {
      if (!(raw >= 0) || raw != Math.rint(raw) || raw > Integer.MAX_VALUE - 1) {
        throw new DataFormatException(
            source,
            lineNumber,
            "label " + Messages.number(raw) + " is not a class index 0, 1, …, K−1 (multi-class losses need integer class"
                + " labels; for ±1 labels use --loss logistic)");
      }
      return raw;
    }
  },

  /** Any finite label, unchanged (regression with squared loss). */
  REAL {
    @Override
    public double map(double raw, String source, long lineNumber) {
      if (!Double.isFinite(raw)) {
        throw new DataFormatException(source, lineNumber, "label is not finite: '" + raw + "'");
      }
      return raw;
    }
  };

  /** Said when a binary loss meets a class index: the data is multi-class. */
  static final String MULTICLASS_HINT = "; for multi-class data use --loss multinomial or --loss ovr-logistic";

  /**
   * Validates one raw label and returns the label to train on. Stateless, so it cannot detect a
   * file that mixes conventions; use {@link #newTracker} when reading a whole file.
   */
  public abstract double map(double raw, String source, long lineNumber);

  /** A fresh per-file checker that also enforces one label convention across lines. */
  public LabelTracker newTracker(String source) {
    return new LabelTracker(this, source);
  }
}
