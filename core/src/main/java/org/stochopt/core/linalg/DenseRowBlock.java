package org.stochopt.core.linalg;

import java.util.Arrays;

/** Row-major dense block: row r occupies {@code values[r*dim .. (r+1)*dim)}. */
public final class DenseRowBlock extends RowBlock {
  private static final long serialVersionUID = 1L;

  private final double[] values;

  public DenseRowBlock(int dim, double[] values, double[] labels, long firstRow) {
    super(dim, labels, firstRow);
    if (values.length != (long) dim * labels.length) {
      throw new IllegalArgumentException(
          "dense block expects rows*dim = " + ((long) dim * labels.length) + " values, got " + values.length);
    }
    this.values = values;
  }

  /**
   * The row-major values themselves (no copy; callers must not modify them): dense kernels such as
   * BLAS matrix products read a block as a column-major dim × rows matrix with leading dimension dim.
   */
  public double[] values() {
    return values;
  }

  @Override
  public double dot(int row, double[] w) {
    return Vec.dot(values, row * dim, w, dim);
  }

  @Override
  public void dot2(int row, double[] a, double[] b, double[] out) {
    Vec.dot2(values, row * dim, a, b, dim, out);
  }

  @Override
  public void axpy(int row, double a, double[] out) {
    if (a == 0.0) return;
    int off = row * dim;
    for (int j = 0; j < dim; j++) out[j] += a * values[off + j];
  }

  @Override
  public double dot(int row, double[] w, int offset) {
    return Vec.dot(values, row * dim, w, offset, dim);
  }

  @Override
  public void axpy(int row, double a, double[] out, int offset) {
    if (a == 0.0) return;
    int off = row * dim;
    for (int j = 0; j < dim; j++) out[offset + j] += a * values[off + j];
  }

  @Override
  public double squaredNorm(int row) {
    int off = row * dim;
    double s = 0.0;
    for (int j = 0; j < dim; j++) s += values[off + j] * values[off + j];
    return s;
  }

  @Override
  public long storedEntries() {
    return values.length;
  }

  @Override
  public void forEachEntry(int row, EntryVisitor visitor) {
    int off = row * dim;
    for (int j = 0; j < dim; j++) {
      double v = values[off + j];
      if (v != 0.0) visitor.accept(j, v);
    }
  }

  @Override
  public RowBlock withFirstRow(long newFirstRow) {
    return new DenseRowBlock(dim, values, labels, newFirstRow);
  }

  @Override
  public RowBlock slice(int from, int to) {
    return new DenseRowBlock(
        dim,
        Arrays.copyOfRange(values, from * dim, to * dim),
        Arrays.copyOfRange(labels, from, to),
        firstRow + from);
  }
}
