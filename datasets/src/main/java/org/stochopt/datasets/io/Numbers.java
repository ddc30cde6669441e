package org.stochopt.datasets.io;

/**
 * Parses one finite decimal number out of a line, with a located error otherwise.
 *
 * <p>{@link Double#parseDouble} is used because it is exact (correctly rounded), which is what
 * makes {@link LibsvmWriter} output round-trip bit for bit; but it also accepts Java-only forms
 * ({@code 1.5d}, {@code 2f}) and the words {@code NaN}/{@code Infinity}, which no other tool
 * reading the same file would agree on, so those are rejected here.
 */
final class Numbers {
  private Numbers() {}

  /**
   * @param what how to name the number in an error, e.g. {@code label} or {@code value of feature 3}
   */
  static double parseFinite(String line, int from, int to, String what, String source, long lineNumber) {
    if (from == to) {
      throw new DataFormatException(source, lineNumber, what + " is missing");
    }
    char last = line.charAt(to - 1);
    double v;
    try {
      if (last == 'd' || last == 'D' || last == 'f' || last == 'F') throw new NumberFormatException();
      v = Double.parseDouble(line.substring(from, to));
    } catch (NumberFormatException e) {
      throw new DataFormatException(
          source, lineNumber, what + " is not a number: " + Messages.quote(line, from, to));
    }
    if (!Double.isFinite(v)) {
      throw new DataFormatException(
          source, lineNumber, what + " is not finite: " + Messages.quote(line, from, to));
    }
    return v;
  }
}
