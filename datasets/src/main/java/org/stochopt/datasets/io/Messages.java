package org.stochopt.datasets.io;

/** Formatting shared by the readers, so that all error messages quote data the same way. */
final class Messages {
  /** Long tokens are cut so that one garbage line cannot produce a megabyte-long message. */
  private static final int MAX_QUOTED = 40;

  private Messages() {}

  /** {@code 2} rather than {@code 2.0} for integral values, because labels are usually integers. */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0.0 && 1.0 / v < 0)) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** The text between single quotes, shortened if long. */
  static String quote(CharSequence s, int from, int to) {
    if (to - from > MAX_QUOTED) {
      return "'" + s.subSequence(from, from + MAX_QUOTED) + "...'";
    }
    return "'" + s.subSequence(from, to) + "'";
  }

  static String quote(CharSequence s) {
    return quote(s, 0, s.length());
  }
}
