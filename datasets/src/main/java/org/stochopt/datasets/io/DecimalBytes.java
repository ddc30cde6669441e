package org.stochopt.datasets.io;

/**
 * Parses a plain decimal number ({@code [+-]digits[.digits][(e|E)[+-]digits]}) straight from ASCII
 * bytes, correctly rounded, or answers NaN when it cannot be sure; the caller then uses
 * {@link Double#parseDouble}, which also produces the error messages. It never returns a value that
 * differs from {@code Double.parseDouble} on the same text.
 *
 * <p>With the decimal significand m (at most 18 digits, so exact in a long) and the value
 * m·10^e:
 * <ul>
 *   <li>m ≤ 2⁵³ and |e| ≤ 22: m and 10^|e| are exact doubles, so one IEEE multiplication or
 *       division is the correctly rounded result (Clinger's fast path).
 *   <li>2⁵³ &lt; m &lt; 10¹⁸ and −22 ≤ e &lt; 0 (the 17-digit output of {@link Double#toString} for
 *       values below 1): a candidate x = m/10^|e| is checked with the exact residual
 *       r = m − x·10^|e| (x·p as an exact sum with {@code Math.fma}, m as a double plus its
 *       long remainder): x is the nearest double to the quotient when |r| &lt; ulp(x)·p/2. The
 *       candidate's two neighbours are tried too; anything within 1 % of a tie, or at a power of
 *       two (where the ulp changes), is left to {@code Double.parseDouble}.
 * </ul>
 * Everything else (more digits, larger exponents, {@code NaN}, hex, a trailing {@code d}) is NaN
 * here. Why: {@code Double.parseDouble} needs a {@code String} per token, and that allocation and
 * its general algorithm were most of the time of reading a LIBSVM file.
 */
final class DecimalBytes {
  private DecimalBytes() {}

  private static final double[] POWERS = new double[23];
  private static final long TWO_53 = 1L << 53;
  private static final int MAX_DIGITS = 18;

  static {
    double p = 1;
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = p;
      p *= 10;
    }
  }

  /** The value of {@code b[from, to)}, or NaN when the fast path does not apply. */
  static double parse(byte[] b, int from, int to) {
    int p = from;
    if (p == to) return Double.NaN;
    boolean negative = false;
    if (b[p] == '-' || b[p] == '+') {
      negative = b[p] == '-';
      p++;
    }
    long m = 0;
    int digits = 0; // significant digits in m
    int scale = 0; // digits after the point
    boolean any = false;
    for (; p < to && isDigit(b[p]); p++) {
      any = true;
      if (digits > 0 || b[p] != '0') {
        if (++digits > MAX_DIGITS) return Double.NaN;
        m = m * 10 + (b[p] - '0');
      }
    }
    if (p < to && b[p] == '.') {
      for (p++; p < to && isDigit(b[p]); p++) {
        any = true;
        scale++;
        if (digits > 0 || b[p] != '0') {
          if (++digits > MAX_DIGITS) return Double.NaN;
          m = m * 10 + (b[p] - '0');
        }
      }
    }
    if (!any) return Double.NaN;
    int exponent = 0;
    if (p < to && (b[p] == 'e' || b[p] == 'E')) {
      p++;
      boolean negativeExponent = false;
      if (p < to && (b[p] == '-' || b[p] == '+')) {
        negativeExponent = b[p] == '-';
        p++;
      }
      if (p == to) return Double.NaN;
      for (; p < to && isDigit(b[p]); p++) {
        exponent = exponent * 10 + (b[p] - '0');
        if (exponent > 1000) return Double.NaN;
      }
      if (negativeExponent) exponent = -exponent;
    }
    if (p != to) return Double.NaN;
    if (m == 0) return negative ? -0.0 : 0.0;
    int e = exponent - scale;
    double v = magnitude(m, e);
    return negative ? -v : v;
  }

  private static double magnitude(long m, int e) {
    if (e < -22 || e > 22) return Double.NaN;
    if (m <= TWO_53) return e >= 0 ? m * POWERS[e] : m / POWERS[-e];
    if (e >= 0) return Double.NaN;
    return checkedQuotient(m, POWERS[-e]);
  }

  /** The double nearest to m/p for m &gt; 2⁵³, when the exact residual proves it; NaN otherwise. */
  private static double checkedQuotient(long m, double p) {
    double mh = (double) m;
    double ml = (double) (m - (long) mh); // exact: |m − mh| ≤ 2¹⁰
    double x = mh / p;
    for (int attempt = 0; attempt < 3; attempt++) {
      if (x == 0 || Math.getExponent(x) < Double.MIN_EXPONENT || isPowerOfTwo(x)) return Double.NaN;
      double ph = x * p;
      double pl = Math.fma(x, p, -ph); // x·p = ph + pl exactly
      double r = (mh - ph) + (ml - pl); // mh − ph exact (Sterbenz); the rest is far below ulp(x)·p
      double half = 0.5 * Math.ulp(x) * p;
      double a = Math.abs(r);
      if (a < 0.99 * half) return x;
      if (a < 1.01 * half) return Double.NaN; // too close to a tie to decide here
      x = r > 0 ? Math.nextUp(x) : Math.nextDown(x);
    }
    return Double.NaN;
  }

  private static boolean isPowerOfTwo(double x) {
    return (Double.doubleToRawLongBits(x) & 0x000fffffffffffffL) == 0;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }
}
