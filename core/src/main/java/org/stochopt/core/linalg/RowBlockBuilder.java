package org.stochopt.core.linalg;

import java.util.Arrays;

/**
 * Collects rows one at a time and builds a {@link RowBlock}. Rows are given as sparse
 * (index, value) lists with strictly increasing 0-based indices; the layout is chosen at
 * {@link #build} time: dense when at least {@link #DENSE_THRESHOLD} of the entries are stored,
 * because a dense row costs 8 bytes per entry against 12 for CSR and streams without gathers.
 */
public final class RowBlockBuilder {
  /** Fraction of stored entries above which the dense layout is smaller and faster. */
  public static final double DENSE_THRESHOLD = 0.5;

  private int[] rowPtr = new int[17];
  private int[] indices = new int[64];
  private double[] values = new double[64];
  private double[] labels = new double[16];
  private int rows = 0;
  private int nnz = 0;
  private int maxIndex = -1;

  /** Appends one row; {@code idx[0..count)} must be strictly increasing and non-negative. */
  public RowBlockBuilder addRow(double label, int[] idx, double[] val, int count) {
    if (rows == labels.length) {
      labels = Arrays.copyOf(labels, rows * 2);
      rowPtr = Arrays.copyOf(rowPtr, rows * 2 + 1);
    }
    if (nnz + count > indices.length) {
      int cap = Math.max(indices.length * 2, nnz + count);
      indices = Arrays.copyOf(indices, cap);
      values = Arrays.copyOf(values, cap);
    }
    for (int k = 0; k < count; k++) {
      if (idx[k] < 0 || (k > 0 && idx[k] <= idx[k - 1])) {
        throw new IllegalArgumentException("row indices must be non-negative and strictly increasing");
      }
      indices[nnz + k] = idx[k];
      values[nnz + k] = val[k];
    }
    if (count > 0) maxIndex = Math.max(maxIndex, idx[count - 1]);
    nnz += count;
    labels[rows] = label;
    rows++;
    rowPtr[rows] = nnz;
    return this;
  }

  /**
   * Appends every row of {@code other}, in order: a file read in parts on parallel threads is
   * joined this way, giving the rows one builder fed line by line would hold.
   */
  public RowBlockBuilder addRows(RowBlockBuilder other) {
    int newRows = rows + other.rows;
    if (newRows > labels.length) {
      labels = Arrays.copyOf(labels, Math.max(newRows, 16));
      rowPtr = Arrays.copyOf(rowPtr, Math.max(newRows, 16) + 1);
    }
    int newNnz = Math.addExact(nnz, other.nnz);
    if (newNnz > indices.length) {
      indices = Arrays.copyOf(indices, newNnz);
      values = Arrays.copyOf(values, newNnz);
    }
    System.arraycopy(other.indices, 0, indices, nnz, other.nnz);
    System.arraycopy(other.values, 0, values, nnz, other.nnz);
    System.arraycopy(other.labels, 0, labels, rows, other.rows);
    for (int r = 1; r <= other.rows; r++) rowPtr[rows + r] = nnz + other.rowPtr[r];
    maxIndex = Math.max(maxIndex, other.maxIndex);
    rows = newRows;
    nnz = newNnz;
    return this;
  }

  /** Appends a dense row (zeros are not stored). */
  public RowBlockBuilder addDenseRow(double label, double[] x) {
    int[] idx = new int[x.length];
    double[] val = new double[x.length];
    int c = 0;
    for (int j = 0; j < x.length; j++) {
      if (x[j] != 0.0) {
        idx[c] = j;
        val[c++] = x[j];
      }
    }
    return addRow(label, idx, val, c);
  }

  public int rows() {
    return rows;
  }

  /** Largest 0-based index seen, or −1 when every row is empty. */
  public int maxIndex() {
    return maxIndex;
  }

  /** Builds with the layout chosen by density. */
  public RowBlock build(int dim, long firstRow) {
    boolean dense = rows > 0 && (double) nnz / ((double) rows * dim) >= DENSE_THRESHOLD;
    return dense ? buildDense(dim, firstRow) : buildSparse(dim, firstRow);
  }

  public CsrRowBlock buildSparse(int dim, long firstRow) {
    checkDim(dim);
    return new CsrRowBlock(
        dim,
        Arrays.copyOf(rowPtr, rows + 1),
        Arrays.copyOf(indices, nnz),
        Arrays.copyOf(values, nnz),
        Arrays.copyOf(labels, rows),
        firstRow);
  }

  public DenseRowBlock buildDense(int dim, long firstRow) {
    checkDim(dim);
    double[] dense = new double[Math.multiplyExact(rows, dim)];
    for (int r = 0; r < rows; r++) {
      for (int k = rowPtr[r]; k < rowPtr[r + 1]; k++) dense[r * dim + indices[k]] = values[k];
    }
    return new DenseRowBlock(dim, dense, Arrays.copyOf(labels, rows), firstRow);
  }

  private void checkDim(int dim) {
    if (maxIndex >= dim) {
      throw new IllegalArgumentException(
          "feature index " + (maxIndex + 1) + " (1-based) exceeds the dimension " + dim);
    }
  }
}
