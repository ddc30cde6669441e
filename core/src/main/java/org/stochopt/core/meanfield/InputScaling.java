package org.stochopt.core.meanfield;

import java.util.Locale;

/**
 * How a network model's input rows are scaled before training ({@code --input-scaling}). Fitted on
 * the training rows only, then applied unchanged to the test rows.
 * <ul>
 *   <li>{@code raw}: the rows as loaded.</li>
 *   <li>{@code unit}: x ← x/‖x‖, the NTK theory's ‖x‖ ≤ 1 (assumption A2).</li>
 *   <li>{@code center-unit}: x ← (x − x̄)/‖x − x̄‖ with x̄ the mean training row.</li>
 * </ul>
 * Why centring matters for images: Fashion-MNIST pixels are all ≥ 0, so unit-norm rows share one
 * large common direction (the mean image; rows have cosine ≈ 0.7 with each other). A network near its
 * linearisation then spends its step on that direction, and the class-separating directions
 * carry a tiny share of every kernel's spectrum; a step bounded by 4(6 + λ)η ≤ 1 crawls along
 * them. Removing x̄ first puts the rows' variation, not their common offset, on the sphere.
 */
public enum InputScaling {
  RAW("raw"),
  UNIT("unit"),
  CENTER_UNIT("center-unit");

  private final String spec;

  InputScaling(String spec) {
    this.spec = spec;
  }

  public String spec() {
    return spec;
  }

  /** Parses raw, unit or center-unit; anything else is refused naming the flag. */
  public static InputScaling parse(String s) {
    String v = s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    for (InputScaling m : values()) {
      if (m.spec.equals(v)) return m;
    }
    throw new IllegalArgumentException("--input-scaling must be raw, unit or center-unit, got '" + s + "'");
  }

  /** The training and test rows, scaled by statistics of the training rows. */
  public record Scaled(DataMatrix train, DataMatrix test) {}

  /** Applies this scaling (test may be null). */
  public Scaled apply(DataMatrix train, DataMatrix test) {
    return switch (this) {
      case RAW -> new Scaled(train, test);
      case UNIT -> new Scaled(unitRows(train, null), test == null ? null : unitRows(test, null));
      case CENTER_UNIT -> {
        double[] mean = meanRow(train);
        yield new Scaled(unitRows(train, mean), test == null ? null : unitRows(test, mean));
      }
    };
  }

  /** The mean row x̄ = (1/n) Σ_i x_i. */
  static double[] meanRow(DataMatrix m) {
    int d = m.dim();
    double[] mean = new double[d];
    double[] x = m.x();
    for (int i = 0; i < m.rows(); i++) {
      for (int j = 0; j < d; j++) mean[j] += x[i * d + j];
    }
    for (int j = 0; j < d; j++) mean[j] /= Math.max(1, m.rows());
    return mean;
  }

  /** (x_i − shift)/‖x_i − shift‖ for every row (shift null = 0); a row that is all zero stays zero. */
  static DataMatrix unitRows(DataMatrix m, double[] shift) {
    double[] x = m.x().clone();
    int d = m.dim();
    for (int i = 0; i < m.rows(); i++) {
      int off = i * d;
      double s = 0;
      for (int j = 0; j < d; j++) {
        if (shift != null) x[off + j] -= shift[j];
        s += x[off + j] * x[off + j];
      }
      if (s == 0) continue;
      double inv = 1 / Math.sqrt(s);
      for (int j = 0; j < d; j++) x[off + j] *= inv;
    }
    return new DataMatrix(x, m.y(), d);
  }
}
