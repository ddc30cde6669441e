package org.stochopt.datasets.io;

import java.io.Serializable;
import java.util.Arrays;
import org.stochopt.core.linalg.RowBlockBuilder;

/**
 * One parsed example: a raw label and its sparse features with 0-based, strictly increasing
 * indices. Only the first {@link #count()} entries of the arrays are meaningful.
 *
 * <p>Mutable and reusable on purpose: a reader parses millions of lines into one instance via
 * {@link LibsvmLineParser#parseInto}, so the per-line cost is the parse itself and not a fresh
 * pair of arrays. {@link LibsvmLineParser#parse} returns a trimmed instance that can be kept.
 * Explicit zero values in the input are dropped, matching what {@link LibsvmWriter} writes.
 */
public final class ParsedRow implements Serializable {
  private static final long serialVersionUID = 1L;

  private double label;
  private int[] indices;
  private double[] values;
  private int count;

  public ParsedRow() {
    this(16);
  }

  /** @param capacity expected nonzeros per row; the arrays grow as needed */
  public ParsedRow(int capacity) {
    indices = new int[Math.max(1, capacity)];
    values = new double[indices.length];
  }

  /**
   * A kept row from arrays that other readers (Spark SQL columns) produced: {@code indices[0..count)}
   * must be 0-based and strictly increasing; zero values are dropped, as {@link LibsvmLineParser} does.
   */
  public static ParsedRow of(double label, int[] indices, double[] values, int count) {
    ParsedRow r = new ParsedRow(count);
    r.reset(label);
    for (int k = 0; k < count; k++) {
      if (indices[k] < 0 || (k > 0 && indices[k] <= indices[k - 1])) {
        throw new IllegalArgumentException("row indices must be non-negative and strictly increasing");
      }
      if (values[k] != 0.0) r.add(indices[k], values[k]);
    }
    return r;
  }

  /** The label as written in the file, before any {@link LabelPolicy} mapping. */
  public double label() {
    return label;
  }

  public int count() {
    return count;
  }

  /** 0-based index of entry {@code k < count()}. */
  public int index(int k) {
    return indices[k];
  }

  public double value(int k) {
    return values[k];
  }

  /** Backing index array (not a copy); entries at and beyond {@link #count()} are garbage. */
  public int[] indicesView() {
    return indices;
  }

  /** Backing value array (not a copy); entries at and beyond {@link #count()} are garbage. */
  public double[] valuesView() {
    return values;
  }

  /** Appends this row to a block under construction, with the given (mapped) label. */
  public void addTo(RowBlockBuilder builder, double mappedLabel) {
    builder.addRow(mappedLabel, indices, values, count);
  }

  /** A copy whose arrays hold exactly {@link #count()} entries, for keeping. */
  public ParsedRow compact() {
    ParsedRow c = new ParsedRow(count);
    c.label = label;
    c.count = count;
    System.arraycopy(indices, 0, c.indices, 0, count);
    System.arraycopy(values, 0, c.values, 0, count);
    return c;
  }

  void reset(double newLabel) {
    label = newLabel;
    count = 0;
  }

  void add(int index, double value) {
    if (count == indices.length) {
      indices = Arrays.copyOf(indices, count * 2);
      values = Arrays.copyOf(values, count * 2);
    }
    indices[count] = index;
    values[count] = value;
    count++;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ParsedRow other)) return false;
    return Double.compare(label, other.label) == 0
        && count == other.count
        && Arrays.equals(indices, 0, count, other.indices, 0, count)
        && Arrays.equals(values, 0, count, other.values, 0, count);
  }

  @Override
  public int hashCode() {
    int h = Double.hashCode(label);
    for (int k = 0; k < count; k++) h = 31 * (31 * h + indices[k]) + Double.hashCode(values[k]);
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(Messages.number(label));
    for (int k = 0; k < count; k++) sb.append(' ').append(indices[k] + 1).append(':').append(values[k]);
    return sb.toString();
  }
}
