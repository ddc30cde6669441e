package org.stochopt.datasets.io;

/**
 * The fast path of {@link LibsvmLineParser}: parses one line straight from ASCII bytes, without
 * a {@code String} per line or per number, and gives up (returns false) on anything that is not a
 * plain, valid line — a comment, a non-ASCII byte, a number {@link DecimalBytes} cannot decide, or
 * any error. The caller then decodes the line and parses it with {@link LibsvmLineParser}, which
 * gives the result or the located error; so the rules (and every message) live in one place, and
 * on every line this class accepts its result equals {@link LibsvmLineParser}'s bit for bit.
 */
final class LibsvmBytesParser {
  private LibsvmBytesParser() {}

  /**
   * Parses {@code b[from, to)} (one line, without its terminator) into {@code into}.
   *
   * @param fixedDim if not null, indices above it make the line fall back (there it is an error)
   * @return false when the line must go through {@link LibsvmLineParser} instead; {@code into} is
   *     then in an unspecified state (the fallback resets it)
   */
  static boolean tryParseInto(byte[] b, int from, int to, Integer fixedDim, ParsedRow into) {
    long limit = fixedDim == null ? Integer.MAX_VALUE : fixedDim;
    int p = skipSpace(b, from, to);
    if (p == to) return false;
    int q = tokenEnd(b, p, to);
    if (q < 0) return false;
    double label = DecimalBytes.parse(b, p, q);
    if (Double.isNaN(label)) return false;
    into.reset(label);
    long previous = 0;
    double squares = 0;
    for (p = skipSpace(b, q, to); p < to; p = skipSpace(b, q, to)) {
      long index = 0;
      for (; p < to && b[p] >= '0' && b[p] <= '9'; p++) {
        index = index * 10 + (b[p] - '0');
        if (index > limit) return false;
      }
      if (p == to || b[p] != ':' || index <= previous) return false;
      q = tokenEnd(b, ++p, to);
      if (q < 0) return false;
      double v = DecimalBytes.parse(b, p, q);
      if (Double.isNaN(v)) return false;
      if (v != 0.0) into.add((int) (index - 1), v);
      previous = index;
      squares += v * v;
    }
    return Double.isFinite(squares);
  }

  /** {@link #parseLine}: the line must go through {@link LibsvmLineParser} (as when {@link #tryParseInto} is false). */
  static final int DECLINE = -1;

  /** {@link #parseLine}: the buffer ended before the line did; parse it again with more bytes. */
  static final int NEED_MORE = -2;

  /**
   * {@link #tryParseInto} for a line whose end is not known yet: parses the line that starts at
   * {@code from} up to its terminator ({@code \n} or {@code \r}), reading no byte at or after
   * {@code end}. Why: finding the terminator first and parsing afterwards read every byte twice,
   * and that scan was about a third of reading a LIBSVM file. (It is not merged with
   * {@link #tryParseInto} behind a flag: tried, the flag's tests in the byte loops made the first,
   * cold read of a 23 MB file 10–30 % slower, and the first read is what a short run pays.)
   *
   * <p>On every line, with {@code to} its terminator's index, the result is {@link #tryParseInto}'s
   * on {@code b[from, to)}: the terminator's index (the row is in {@code into}) when that accepts the
   * line, {@link #DECLINE} when it declines it (or earlier, as soon as a byte decides it), or
   * {@link #NEED_MORE} when the line is not complete before {@code end}.
   */
  static int parseLine(byte[] b, int from, int end, Integer fixedDim, ParsedRow into) {
    long limit = fixedDim == null ? Integer.MAX_VALUE : fixedDim;
    int p = skipBlank(b, from, end);
    if (p == end) return NEED_MORE;
    if (isTerminator(b[p])) return DECLINE; // an empty or blank line
    int q = tokenEnd(b, p, end);
    if (q < 0) return DECLINE;
    if (q == end) return NEED_MORE;
    double label = DecimalBytes.parse(b, p, q);
    if (Double.isNaN(label)) return DECLINE;
    into.reset(label);
    long previous = 0;
    double squares = 0;
    for (p = skipBlank(b, q, end); ; p = skipBlank(b, q, end)) {
      if (p == end) return NEED_MORE;
      if (isTerminator(b[p])) break;
      long index = 0;
      for (; p < end && b[p] >= '0' && b[p] <= '9'; p++) {
        index = index * 10 + (b[p] - '0');
        if (index > limit) return DECLINE;
      }
      if (p == end) return NEED_MORE;
      if (b[p] != ':' || index <= previous) return DECLINE;
      q = tokenEnd(b, ++p, end);
      if (q < 0) return DECLINE;
      if (q == end) return NEED_MORE;
      double v = DecimalBytes.parse(b, p, q);
      if (Double.isNaN(v)) return DECLINE;
      if (v != 0.0) into.add((int) (index - 1), v);
      previous = index;
      squares += v * v;
    }
    return Double.isFinite(squares) ? p : DECLINE;
  }

  private static boolean isTerminator(byte c) {
    return c == '\n' || c == '\r';
  }

  /** {@link #skipSpace} that stops at a line terminator. */
  private static int skipBlank(byte[] b, int p, int end) {
    while (p < end && b[p] >= 0 && b[p] <= ' ' && b[p] != '\n' && b[p] != '\r') p++;
    return p;
  }

  /** Whitespace is anything up to U+0020, as in {@link LibsvmLineParser}. */
  private static int skipSpace(byte[] b, int p, int end) {
    while (p < end && b[p] >= 0 && b[p] <= ' ') p++;
    return p;
  }

  /** The end of the token at p; −1 when it holds a byte this path leaves to the fallback. */
  private static int tokenEnd(byte[] b, int p, int end) {
    for (; p < end; p++) {
      byte c = b[p];
      if (c < 0 || c == '#' || c == ':') return -1; // non-ASCII, a comment, or a second ':'
      if (c <= ' ') return p;
    }
    return p;
  }
}
