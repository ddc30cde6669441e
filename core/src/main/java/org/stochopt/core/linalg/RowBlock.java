package org.stochopt.core.linalg;

import java.io.Serializable;

/**
 * A contiguous block of labelled examples: the unit that is cached on an executor and that the
 * objective loops over. Rows are addressed by their local index {@code 0..rows()-1}; the block
 * also knows the global id of its first row so that partitions can be laid out deterministically.
 *
 * <p>Two layouts: {@link DenseRowBlock} (row-major) and {@link CsrRowBlock} (compressed sparse
 * rows). Kernels are per-row so that minibatch rows can be touched without copying.
 */
public abstract class RowBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  protected final int dim;
  protected final double[] labels;
  protected final long firstRow;

  protected RowBlock(int dim, double[] labels, long firstRow) {
    if (dim <= 0) throw new IllegalArgumentException("dimension must be positive, got " + dim);
    this.dim = dim;
    this.labels = labels;
    this.firstRow = firstRow;
  }

  public final int rows() {
    return labels.length;
  }

  public final int dim() {
    return dim;
  }

  /** Global id of local row 0. */
  public final long firstRow() {
    return firstRow;
  }

  public final double label(int row) {
    return labels[row];
  }

  public final double[] labelsView() {
    return labels;
  }

  /** ⟨x_row, w⟩. */
  public abstract double dot(int row, double[] w);

  /**
   * out[0] = ⟨x_row, a⟩ and out[1] = ⟨x_row, b⟩, bit-identical to {@code dot(row, a)} and
   * {@code dot(row, b)}. The layouts override it to read the row once for both.
   */
  public void dot2(int row, double[] a, double[] b, double[] out) {
    out[0] = dot(row, a);
    out[1] = dot(row, b);
  }

  /** out += a · x_row. */
  public abstract void axpy(int row, double a, double[] out);

  /** ‖x_row‖². */
  public abstract double squaredNorm(int row);

  /**
   * ⟨x_row, w[offset .. offset+dim)⟩: the margin of one block of a weight vector that holds several
   * d-blocks back to back (multi-output models, class-major). This generic version visits the
   * stored entries; the dense and CSR layouts override it with direct loops.
   */
  public double dot(int row, double[] w, int offset) {
    double[] s = {0.0};
    forEachEntry(row, (j, v) -> s[0] += v * w[offset + j]);
    return s[0];
  }

  /** out[offset .. offset+dim) += a · x_row (see {@link #dot(int, double[], int)}). */
  public void axpy(int row, double a, double[] out, int offset) {
    if (a == 0.0) return;
    forEachEntry(row, (j, v) -> out[offset + j] += a * v);
  }

  /** Stored entries (nonzeros for CSR, rows × dim for dense). */
  public abstract long storedEntries();

  /** Calls {@code visitor.accept(index, value)} for each stored entry of the row, in index order. */
  public abstract void forEachEntry(int row, EntryVisitor visitor);

  /** Same block with a different first-row id (used when blocks are re-laid into partitions). */
  public abstract RowBlock withFirstRow(long newFirstRow);

  /** Copies rows {@code [from, to)} into a new block of the same layout. */
  public abstract RowBlock slice(int from, int to);

  /** Receives one stored entry of a row. */
  @FunctionalInterface
  public interface EntryVisitor {
    void accept(int index, double value);
  }
}
