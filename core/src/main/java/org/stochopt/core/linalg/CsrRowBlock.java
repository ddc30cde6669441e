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

  @Override
  public double dot(int row, double[] w) {
    double s = 0.0;
    for (int k = rowPtr[row], end = rowPtr[row + 1]; k < end; k++) s += values[k] * w[indices[k]];
    return s;
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
