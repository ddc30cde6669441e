package org.stochopt.core.linalg;

import java.util.Arrays;

/**
 * Compressed sparse rows: row r's entries are {@code indices/values[rowPtr[r] .. rowPtr[r+1])},
 * with strictly increasing 0-based column indices.
 */
public final class CsrRowBlock extends RowBlock {
  private static final long serialVersionUID = 1L;

  private final int[] rowPtr;
  private final int[] indices;
  private final double[] values;

  public CsrRowBlock(int dim, int[] rowPtr, int[] indices, double[] values, double[] labels, long firstRow) {
    super(dim, labels, firstRow);
    if (rowPtr.length != labels.length + 1) {
      throw new IllegalArgumentException("rowPtr must have rows+1 entries");
    }
    if (indices.length != values.length || rowPtr[labels.length] != indices.length) {
      throw new IllegalArgumentException("indices and values must both hold rowPtr[rows] entries");
    }
    for (int r = 0; r < labels.length; r++) {
      for (int k = rowPtr[r]; k < rowPtr[r + 1]; k++) {
        int j = indices[k];
        if (j < 0 || j >= dim || (k > rowPtr[r] && j <= indices[k - 1])) {
          throw new IllegalArgumentException(
              "row " + r + ": column indices must be increasing and in [0, " + dim + "), got " + j);
        }
      }
    }
    this.rowPtr = rowPtr;
    this.indices = indices;
    this.values = values;
  }

  /** Offset of row r's first entry in {@link #indicesView()}. */
  public int rowStart(int row) {
    return rowPtr[row];
  }

  /** One past row r's last entry in {@link #indicesView()}. */
  public int rowEnd(int row) {
    return rowPtr[row + 1];
  }

  /**
   * The column indices of all rows, back to back (read-only view): the lazy (just-in-time) local
   * steps read a minibatch's support from it without a visitor call per entry.
   */
  public int[] indicesView() {
    return indices;
  }

  /** The stored values of all rows, back to back, aligned with {@link #indicesView()} (read-only view). */
  public double[] valuesView() {
    return values;
  }

  /**
   * Four partial sums over the row's nonzeros, combined as (s0 + s1) + (s2 + s3), as the dense
   * {@link Vec#dot(double[], int, double[], int)}: with one running sum every gather w[indices[k]]
   * waits for the previous add; four chains let the gathers and adds overlap. Measured (bench/,
   * docs/performance.md) on rows of 20 nonzeros.
   */
  @Override
  public double dot(int row, double[] w) {
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int k = rowPtr[row];
    int end = rowPtr[row + 1];
    for (; k + 3 < end; k += 4) {
      s0 += values[k] * w[indices[k]];
      s1 += values[k + 1] * w[indices[k + 1]];
      s2 += values[k + 2] * w[indices[k + 2]];
      s3 += values[k + 3] * w[indices[k + 3]];
    }
    for (; k < end; k++) s0 += values[k] * w[indices[k]];
    return (s0 + s1) + (s2 + s3);
  }

  /** Same sums as {@link #dot}, bit-identical, reading each index and value once for both vectors. */
  @Override
  public void dot2(int row, double[] a, double[] b, double[] out) {
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    double t0 = 0.0;
    double t1 = 0.0;
    double t2 = 0.0;
    double t3 = 0.0;
    int k = rowPtr[row];
    int end = rowPtr[row + 1];
    for (; k + 3 < end; k += 4) {
      int j0 = indices[k];
      int j1 = indices[k + 1];
      int j2 = indices[k + 2];
      int j3 = indices[k + 3];
      double x0 = values[k];
      double x1 = values[k + 1];
      double x2 = values[k + 2];
      double x3 = values[k + 3];
      s0 += x0 * a[j0];
      s1 += x1 * a[j1];
      s2 += x2 * a[j2];
      s3 += x3 * a[j3];
      t0 += x0 * b[j0];
      t1 += x1 * b[j1];
      t2 += x2 * b[j2];
      t3 += x3 * b[j3];
    }
    for (; k < end; k++) {
      s0 += values[k] * a[indices[k]];
      t0 += values[k] * b[indices[k]];
    }
    out[0] = (s0 + s1) + (s2 + s3);
    out[1] = (t0 + t1) + (t2 + t3);
  }

  @Override
  public void axpy(int row, double a, double[] out) {
    if (a == 0.0) return;
    for (int k = rowPtr[row], end = rowPtr[row + 1]; k < end; k++) out[indices[k]] += a * values[k];
  }

  @Override
  public double dot(int row, double[] w, int offset) {
    double s = 0.0;
    for (int k = rowPtr[row], end = rowPtr[row + 1]; k < end; k++) s += values[k] * w[offset + indices[k]];
    return s;
  }

  @Override
  public void axpy(int row, double a, double[] out, int offset) {
    if (a == 0.0) return;
    for (int k = rowPtr[row], end = rowPtr[row + 1]; k < end; k++) out[offset + indices[k]] += a * values[k];
  }

  @Override
  public double squaredNorm(int row) {
    double s = 0.0;
    for (int k = rowPtr[row], end = rowPtr[row + 1]; k < end; k++) s += values[k] * values[k];
    return s;
  }

  @Override
  public long storedEntries() {
    return values.length;
  }

  @Override
  public void forEachEntry(int row, EntryVisitor visitor) {
    for (int k = rowPtr[row], end = rowPtr[row + 1]; k < end; k++) visitor.accept(indices[k], values[k]);
  }

  @Override
  public RowBlock withFirstRow(long newFirstRow) {
    return new CsrRowBlock(dim, rowPtr, indices, values, labels, newFirstRow);
  }

  @Override
  public RowBlock slice(int from, int to) {
    int start = rowPtr[from];
    int end = rowPtr[to];
    int[] ptr = new int[to - from + 1];
    for (int r = from; r <= to; r++) ptr[r - from] = rowPtr[r] - start;
    return new CsrRowBlock(
        dim,
        ptr,
        Arrays.copyOfRange(indices, start, end),
        Arrays.copyOfRange(values, start, end),
        Arrays.copyOfRange(labels, from, to),
        firstRow + from);
  }
}
