package org.stochopt.spark.job;

import java.util.Locale;

/**
 * The number checks every flag and config key goes through, in one place: parse, refuse NaN and
 * ±Infinity (which {@link Double#parseDouble} happily returns), refuse values out of range, and
 * say so in a phrase the caller prefixes with the flag or key ({@code --step: must be > 0, got -1}).
 * "Not given" is never a number here: callers represent it as null / absent.
 *
 * <p>Used by the picocli converters of {@code org.stochopt.cli.Flags} and by the sweep and bench
 * config readers, so a value refused on the command line is refused the same way in a file.
 */
public final class ValidatedNumbers {
  private ValidatedNumbers() {}

  /** An interval of allowed values; {@code lo}/{@code hi} may be infinite (then the bound is open). */
  public record Range(double lo, boolean loClosed, double hi, boolean hiClosed) {
    public static final Range ANY_FINITE = new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
    public static final Range POSITIVE = new Range(0, false, Double.POSITIVE_INFINITY, false);
    public static final Range NON_NEGATIVE = new Range(0, true, Double.POSITIVE_INFINITY, false);
    public static final Range OPEN_UNIT = new Range(0, false, 1, false);

    public static Range atLeast(double lo) {
      return new Range(lo, true, Double.POSITIVE_INFINITY, false);
    }

    public static Range closed(double lo, double hi) {
      return new Range(lo, true, hi, true);
    }

    public boolean contains(double v) {
      return (loClosed ? v >= lo : v > lo) && (hiClosed ? v <= hi : v < hi);
    }

    /** "> 0", ">= 1", "in (0, 1)", "in [0, 0.5]". */
    public String describe() {
      boolean lower = lo != Double.NEGATIVE_INFINITY;
      boolean upper = hi != Double.POSITIVE_INFINITY;
      if (lower && upper) return "in " + (loClosed ? "[" : "(") + fmt(lo) + ", " + fmt(hi) + (hiClosed ? "]" : ")");
      if (lower) return (loClosed ? ">= " : "> ") + fmt(lo);
      if (upper) return (hiClosed ? "<= " : "< ") + fmt(hi);
      return "finite";
    }
  }

  /** A finite double in {@code range}. */
  public static double parseDouble(String text, Range range) {
    double v;
    try {
      v = Double.parseDouble(text.strip());
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException("'" + text + "' is not a number");
    }
    return check(v, range, text);
  }

  /** A finite value in {@code range} (for numbers already parsed, e.g. from JSON or YAML). */
  public static double check(double v, Range range) {
    return check(v, range, fmt(v));
  }

  private static double check(double v, Range range, String shown) {
    if (!Double.isFinite(v)) throw new IllegalArgumentException("must be a finite number, got '" + shown.strip() + "'");
    if (!range.contains(v)) throw new IllegalArgumentException("must be " + range.describe() + ", got " + shown.strip());
    return v;
  }

  /** A long in [min, max], written as an integer (no "1e3", no "2.5"). */
  public static long parseLong(String text, long min, long max) {
    long v;
    try {
      v = Long.parseLong(text.strip());
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException("'" + text + "' is not an integer" + (text != null && text.strip().matches("[-+]?\\d+")
          ? " in range" : ""));
    }
    return checkLong(v, min, max);
  }

  public static long checkLong(long v, long min, long max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException("must be " + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE
          ? ">= " + min : "in [" + min + ", " + max + "]") + ", got " + v);
    }
    return v;
  }

  public static int parseInt(String text, int min, int max) {
    return (int) parseLong(text, min, max);
  }

  private static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return String.format(Locale.ROOT, "%s", v);
  }
}
