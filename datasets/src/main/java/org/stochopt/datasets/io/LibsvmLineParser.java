package org.stochopt.datasets.io;

/**
 * Parses one LIBSVM line, {@code label idx:val idx:val ... [# comment]}, with 1-based strictly
 * increasing indices.
 *
 * <p>Stateless and public so that a Spark task can parse its own lines with the file name and
 * the global line number, and raise exactly the error a local read would. Hand-tokenized
 * (no regex, no {@code split}) because it runs once per line of files with up to ~10^8 lines;
 * the only per-token allocation is the substring handed to {@link Double#parseDouble}.
 *
 * <p>The label is returned raw; mapping it (0/1 → ±1) needs the whole file, see
 * {@link LabelTracker}.
 */
public final class LibsvmLineParser {
  private LibsvmLineParser() {}

  /** Parses a line with no dimension limit into a new, compact row. */
  public static ParsedRow parse(String line, String source, long lineNumber) {
    return parse(line, source, lineNumber, null);
  }

  /**
   * Parses a line into a new, compact row.
   *
   * @param fixedDim if not null, indices above it are an error
   * @throws DataFormatException naming {@code source:lineNumber} if the line is malformed
   */
  public static ParsedRow parse(String line, String source, long lineNumber, Integer fixedDim) {
    ParsedRow row = new ParsedRow(16);
    parseInto(line, source, lineNumber, fixedDim, row);
    return row.count() == row.indicesView().length ? row : row.compact();
  }

  /**
   * Parses a line into {@code into}, reusing its arrays (the allocation-free path for readers).
   *
   * @param fixedDim if not null, indices above it are an error
   * @throws DataFormatException naming {@code source:lineNumber} if the line is malformed
   */
  public static void parseInto(String line, String source, long lineNumber, Integer fixedDim, ParsedRow into) {
    // A UTF-8 byte-order mark (Windows editors write one) decodes to U+FEFF before the first label;
    // it is not part of the data.
    if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
    int end = line.indexOf('#');
    if (end < 0) end = line.length();
    int p = skipSpace(line, 0, end);
    if (p == end) {
      throw new DataFormatException(
          source, lineNumber, end < line.length() ? "no label: line holds only a comment" : "empty line: expected a label");
    }
    int q = tokenEnd(line, p, end);
    int labelColon = line.indexOf(':', p);
    if (labelColon >= 0 && labelColon < q) {
      throw new DataFormatException(
          source, lineNumber, "missing label: line starts with " + Messages.quote(line, p, q) + " (expected label idx:val ...)");
    }
    into.reset(Numbers.parseFinite(line, p, q, "label", source, lineNumber));
    long previous = 0;
    double squares = 0;
    for (p = skipSpace(line, q, end); p < end; p = skipSpace(line, q, end)) {
      q = tokenEnd(line, p, end);
      int colon = line.indexOf(':', p);
      if (colon < 0 || colon >= q) {
        throw new DataFormatException(
            source, lineNumber, "expected idx:val, got " + Messages.quote(line, p, q) + " (missing ':')");
      }
      long index = parseIndex(line, p, colon, source, lineNumber);
      if (index <= previous) {
        throw new DataFormatException(
            source, lineNumber, "feature indices must increase: " + index + " after " + previous);
      }
      if (fixedDim != null && index > fixedDim) {
        throw new DataFormatException(
            source, lineNumber, "feature index " + index + " exceeds the dimension " + fixedDim);
      }
      double v = Numbers.parseFinite(line, colon + 1, q, "value of feature " + index, source, lineNumber);
      if (v != 0.0) into.add((int) (index - 1), v);
      previous = index;
      squares += v * v;
    }
    // Finite values can still overflow ‖x‖² (|x_j| > 1.3e154), which every step size depends on:
    // refuse them here, with file and line, not later as "constants must be non-negative".
    if (!Double.isFinite(squares)) {
      throw new DataFormatException(source, lineNumber,
          "the squared norm of this row overflows a double (values up to ±1e154 are usable): rescale the features");
    }
  }

  /** Parses a 1-based index; returns it as a long so that range errors can be reported exactly. */
  private static long parseIndex(String line, int from, int to, String source, long lineNumber) {
    if (from == to) {
      throw new DataFormatException(
          source, lineNumber, "missing feature index in " + Messages.quote(line, from, tokenEnd(line, from, line.length())));
    }
    boolean negative = line.charAt(from) == '-';
    int p = (negative || line.charAt(from) == '+') ? from + 1 : from;
    if (p == to) throw notInteger(line, from, to, source, lineNumber);
    long v = 0;
    for (; p < to; p++) {
      char c = line.charAt(p);
      if (c < '0' || c > '9') throw notInteger(line, from, to, source, lineNumber);
      if (v <= Integer.MAX_VALUE) v = v * 10 + (c - '0'); // saturates well above int range
    }
    if (negative || v == 0) {
      throw new DataFormatException(
          source, lineNumber,
          "feature index " + line.substring(from, to) + " is not allowed (LIBSVM indices are 1-based)");
    }
    if (v > Integer.MAX_VALUE) {
      throw new DataFormatException(
          source, lineNumber,
          "feature index " + Messages.quote(line, from, to) + " is too large (at most " + Integer.MAX_VALUE + ")");
    }
    return v;
  }

  private static DataFormatException notInteger(String line, int from, int to, String source, long lineNumber) {
    return new DataFormatException(
        source, lineNumber, "feature index " + Messages.quote(line, from, to) + " is not an integer");
  }

  /** Whitespace is anything up to U+0020, which covers space, tab and a stray CR from Windows files. */
  private static int skipSpace(String s, int p, int end) {
    while (p < end && s.charAt(p) <= ' ') p++;
    return p;
  }

  private static int tokenEnd(String s, int p, int end) {
    while (p < end && s.charAt(p) > ' ') p++;
    return p;
  }
}
