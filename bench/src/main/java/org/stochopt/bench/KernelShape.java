package org.stochopt.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.linalg.RowBlock;

/**
 * A benchmark data shape, written as a JMH parameter string: {@code dense-ROWSxDIM} or
 * {@code csr-ROWSxDIMxNNZ} (NNZ stored entries per row). Knows how to generate a seeded block of
 * that shape and how many bytes a kernel must read from memory to touch its rows.
 *
 * <p>Bytes counted are the data a pass must stream, nothing else: dense 8 per value + 8 per label;
 * CSR 8 (value) + 4 (column index) per nonzero + 4 per row pointer + 8 per label. The model and
 * gradient vectors (d doubles each) are not counted: they stay in cache across rows (784 or 100
 * doubles dense; 2 × 10⁵ doubles = 1.6 MB for CSR, in L3 on this machine: 1 MB L2 per core, 32 MB L3).
 */
public record KernelShape(boolean dense, int rows, int dim, int nnzPerRow) {

  public static KernelShape parse(String spec) {
    String[] kind = spec.split("-", 2);
    String[] n = kind.length == 2 ? kind[1].split("x") : new String[0];
    try {
      if (kind[0].equals("dense") && n.length == 2) {
        return new KernelShape(true, Integer.parseInt(n[0]), Integer.parseInt(n[1]), Integer.parseInt(n[1]));
      }
      if (kind[0].equals("csr") && n.length == 3) {
        return new KernelShape(false, Integer.parseInt(n[0]), Integer.parseInt(n[1]), Integer.parseInt(n[2]));
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        "bad shape '" + spec + "': expected dense-ROWSxDIM or csr-ROWSxDIMxNNZ, e.g. csr-1000000x100000x20");
  }

  public KernelShape {
    if (rows <= 0 || dim <= 0 || nnzPerRow <= 0 || nnzPerRow > dim) {
      throw new IllegalArgumentException("shape needs rows, dim > 0 and 0 < nnz per row <= dim");
    }
    if ((long) rows * nnzPerRow > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("shape has more than 2^31 stored entries: " + rows + " x " + nnzPerRow);
    }
  }

  /** Stored entries per row (dim for dense). */
  public long entriesPerRow() {
    return nnzPerRow;
  }

  /** Bytes one row costs to read: its entries, its label and (CSR) its row pointer. */
  public long bytesPerRow() {
    return dense ? 8L * dim + 8 : 12L * nnzPerRow + 4 + 8;
  }

  /** Stored entries of the whole block. */
  public long passEntries() {
    return (long) rows * nnzPerRow;
  }

  /** Bytes one full pass over the block reads (CSR: rows + 1 row pointers). */
  public long passBytes() {
    return (long) rows * bytesPerRow() + (dense ? 0 : 4);
  }

  /**
   * A seeded block: dense values uniform in [0, 1) (pixel-like); CSR rows with {@code nnzPerRow}
   * distinct column indices uniform over [0, dim) — uniform columns are the worst case for the
   * gather into w (no hot columns), so the CSR numbers are conservative for power-law text data.
   * Labels ±1 with probability ½.
   */
  public RowBlock generate(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] labels = new double[rows];
    for (int r = 0; r < rows; r++) labels[r] = rnd.nextBoolean() ? 1.0 : -1.0;
    if (dense) {
      double[] values = new double[rows * dim];
      for (int i = 0; i < values.length; i++) values[i] = rnd.nextDouble();
      return new DenseRowBlock(dim, values, labels, 0);
    }
    int[] rowPtr = new int[rows + 1];
    int[] indices = new int[rows * nnzPerRow];
    double[] values = new double[rows * nnzPerRow];
    int[] row = new int[nnzPerRow];
    boolean[] taken = new boolean[dim];
    double scale = 1.0 / Math.sqrt(nnzPerRow); // unit-norm-ish rows, like the sparse: generator
    for (int r = 0; r < rows; r++) {
      distinctSorted(rnd, row, taken);
      int off = r * nnzPerRow;
      System.arraycopy(row, 0, indices, off, nnzPerRow);
      for (int k = 0; k < nnzPerRow; k++) values[off + k] = scale * (0.5 + rnd.nextDouble());
      rowPtr[r + 1] = off + nnzPerRow;
    }
    return new CsrRowBlock(dim, rowPtr, indices, values, labels, 0);
  }

  /** A model vector with entries uniform in ±scale (keeps margins O(1) so the loss is not saturated). */
  public double[] weights(long seed, double scale) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] w = new double[dim];
    for (int j = 0; j < dim; j++) w[j] = scale * (2.0 * rnd.nextDouble() - 1.0);
    return w;
  }

  /**
   * k distinct columns uniform over [0, dim), sorted: Floyd's sampling (each k-subset equally
   * likely, k draws, no rejection loop — so it also terminates when nnz is close to dim).
   */
  private void distinctSorted(SplittableRandom rnd, int[] out, boolean[] taken) {
    int k = out.length;
    for (int i = 0, j = dim - k; j < dim; i++, j++) {
      int t = rnd.nextInt(j + 1);
      int pick = taken[t] ? j : t;
      taken[pick] = true;
      out[i] = pick;
    }
    for (int c : out) taken[c] = false;
    Arrays.sort(out);
  }
}
