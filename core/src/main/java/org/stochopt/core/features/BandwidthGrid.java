package org.stochopt.core.features;

import java.util.Arrays;
import java.util.Locale;

/**
 * The kernel bandwidths a model selection tries, each either a multiple of the median-heuristic σ
 * ({@link MedianHeuristic}; written {@code 0.25x}) or an absolute σ (written {@code 0.3}). Why
 * both: the median heuristic sets σ from all input directions at once, which is the right scale
 * for a target that varies on the data's scale and far too wide for one that varies faster along
 * a few directions; multiples keep a grid meaningful across data sets, absolute values pin it.
 *
 * @param values the multiples or absolute σ, in the order tried (ties in selection go to the first)
 * @param relative per entry: true for a multiple of the median σ
 */
public record BandwidthGrid(double[] values, boolean[] relative) {
  public BandwidthGrid {
    if (values.length == 0 || values.length != relative.length) throw new IllegalArgumentException("--rf-bandwidth needs at least one value");
    values = values.clone();
    relative = relative.clone();
    for (double v : values) {
      if (!(v > 0) || !Double.isFinite(v)) throw new IllegalArgumentException("--rf-bandwidth values must be positive and finite, got " + v);
    }
    for (int i = 0; i < values.length; i++) {
      for (int j = 0; j < i; j++) {
        if (values[i] == values[j] && relative[i] == relative[j]) {
          throw new IllegalArgumentException("--rf-bandwidth lists " + label(values[i], relative[i]) + " twice");
        }
      }
    }
  }

  /** Only the median σ itself ({@code 1x}): the grid of a run without model selection. */
  public static BandwidthGrid medianOnly() {
    return new BandwidthGrid(new double[] {1.0}, new boolean[] {true});
  }

  /** A comma-separated list such as {@code 0.125x,0.25x,0.5x,1x} or {@code 0.3,0.6}. */
  public static BandwidthGrid parse(String spec) {
    String[] parts = spec.split(",", -1);
    double[] v = new double[parts.length];
    boolean[] rel = new boolean[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].strip().toLowerCase(Locale.ROOT);
      rel[i] = p.endsWith("x");
      String num = rel[i] ? p.substring(0, p.length() - 1).strip() : p;
      try {
        v[i] = Double.parseDouble(num);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--rf-bandwidth must be comma-separated σ values or median multiples such as 0.25x, got '" + spec + "'");
      }
    }
    return new BandwidthGrid(v, rel);
  }

  public int size() {
    return values.length;
  }

  /** σ of entry i for this median σ. */
  public double sigma(int i, double median) {
    return relative[i] ? values[i] * median : values[i];
  }

  /** The entry as written ({@code 0.25x} or {@code 0.3}). */
  public String label(int i) {
    return label(values[i], relative[i]);
  }

  /** The index of the median σ itself ({@code 1x}), or −1 when the grid does not contain it. */
  public int medianIndex() {
    for (int i = 0; i < values.length; i++) if (relative[i] && values[i] == 1.0) return i;
    return -1;
  }

  private static String label(double v, boolean rel) {
    String s = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    return rel ? s + "x" : s;
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public boolean[] relative() {
    return relative.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BandwidthGrid g && Arrays.equals(g.values, values) && Arrays.equals(g.relative, relative);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values) * 31 + Arrays.hashCode(relative);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.length; i++) b.append(i == 0 ? "" : ",").append(label(i));
    return b.toString();
  }
}
