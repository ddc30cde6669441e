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
