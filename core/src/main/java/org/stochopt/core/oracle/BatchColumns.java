package org.stochopt.core.oracle;

import java.util.Arrays;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.sampling.RowSelection;

/**
 * One partition's minibatch rows with their columns renumbered to positions in the rows' support
 * S_p = {j : x_ij ≠ 0 for some selected i}, sorted ascending. A sparse gradient round runs next to
 * the rows on it: the driver sends w (and the anchor) only on S_p, as vectors w_S of length |S_p|,
 * and gets back Σ_i c_i ∇f_i on S_p, also of length |S_p|, so the round's messages cost O(nnz of
 * the batch) instead of O(d).
 *
 * <p>Why renumbered rows rather than new kernels: the renumbering j ↦ pos(j) is increasing, so the
 * compact rows are valid CSR rows of the same width d whose nonzeros all sit in the first |S_p|
 * columns; the objective's own kernels ({@code accumulateRows}, {@code accumulateDifference}) then
 * run on them unchanged, reading w_S and writing a gradient of length |S_p|. Each row's products
 * x_ij·w_j and each coordinate's additions happen in the same order as in the dense call on the
 * full block, so the partition's sums are bit-identical to the dense path's on S_p (and zero
 * elsewhere).
 */
final class BatchColumns {
  private final CsrRowBlock rows;
  private final int[] order;
  private final double[] weights;

  private BatchColumns(CsrRowBlock rows, double[] weights) {
    this.rows = rows;
    this.weights = weights;
    this.order = new int[rows.rows()];
    for (int k = 0; k < order.length; k++) order[k] = k;
  }

  /**
   * The selected rows of {@code block}, renumbered to positions in {@code support} (duplicates of a
   * with-replacement draw kept, in order). The support comes from the driver (the one the previous
   * round reported); a column of the rows that it lacks means a stale support and is refused.
   */
  static BatchColumns of(CsrRowBlock block, RowSelection selection, int[] support) {
    int[] selected = selection.rows();
    int[] ptr = new int[selected.length + 1];
    for (int k = 0; k < selected.length; k++) {
      ptr[k + 1] = ptr[k] + block.rowEnd(selected[k]) - block.rowStart(selected[k]);
    }
    int[] idx = new int[ptr[selected.length]];
    double[] val = new double[idx.length];
    double[] labels = new double[selected.length];
    int[] indices = block.indicesView();
    double[] values = block.valuesView();
    int o = 0;
    for (int k = 0; k < selected.length; k++) {
      int r = selected[k];
      labels[k] = block.label(r);
      for (int e = block.rowStart(r), end = block.rowEnd(r); e < end; e++, o++) {
        int pos = Arrays.binarySearch(support, indices[e]);
        if (pos < 0) throw new IllegalStateException("column " + indices[e] + " of a batch row is not in the support sent");
        idx[o] = pos;
        val[o] = values[e];
      }
    }
    return new BatchColumns(new CsrRowBlock(block.dim(), ptr, idx, val, labels, block.firstRow()),
        selection.weights());
  }

  /** S_p: the distinct columns of the listed rows, sorted ascending. O(nnz log nnz). */
  static int[] supportOf(CsrRowBlock block, int[] selected) {
    int total = 0;
    for (int r : selected) total += block.rowEnd(r) - block.rowStart(r);
    int[] all = new int[total];
    int[] indices = block.indicesView();
    int o = 0;
    for (int r : selected) {
      int start = block.rowStart(r);
      int len = block.rowEnd(r) - start;
      System.arraycopy(indices, start, all, o, len);
      o += len;
    }
    Arrays.sort(all);
    int distinct = 0;
    for (int k = 0; k < all.length; k++) if (k == 0 || all[k] != all[k - 1]) all[distinct++] = all[k];
    return Arrays.copyOf(all, distinct);
  }

  /** The renumbered rows (width d, nonzeros in the first |S_p| columns). */
  CsrRowBlock rows() {
    return rows;
  }

  /** 0, 1, …, m−1: the compact rows in the selection's order. */
  int[] order() {
    return order;
  }

  /** The selection's importance weights, or null. */
  double[] weights() {
    return weights;
  }
}
