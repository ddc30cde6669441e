package org.stochopt.core.oracle;

import java.util.Arrays;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.sampling.RowSelection;

/**
 * One partition's minibatch rows with their columns renumbered to positions in the rows' support
 * S_p = {j : x_ij ≠ 0 for some selected i}, sorted ascending. A sparse gradient round runs next to
 * the rows on it: the driver sends w (and the anchor) only on S_p, as vectors w_S of length |S_p|,
 * and gets back Σ_i c_i ∇f_i on S_p, also of length |S_p|, so the round's messages cost O(nnz of
 * the batch) instead of O(d). This is the compact layout of {@link SparseGradientTask}, for runners
 * that serialize their messages; in-process rounds read the rows as they are.
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
  /** Widest digit of {@link #supportOf}'s radix sort: 2¹¹ counters (8 KB) per pass. */
  private static final int MAX_DIGIT_BITS = 11;
  private static final ThreadLocal<RadixBuffers> RADIX = ThreadLocal.withInitial(RadixBuffers::new);
  private static final ThreadLocal<int[]> POSITIONS = ThreadLocal.withInitial(() -> new int[0]);

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
   *
   * <p>Positions come from a table indexed by column ({@link #positions}): |S_p| writes, then one
   * read per stored entry, O(nnz) where a binary search per entry cost O(nnz log |S_p|) with a
   * mispredicted branch per probe (3.5× the CPU at 4 rows of ≈ 180 entries,
   * bench/sparse/SparseRoundCost.java's setting). The table is never cleared: an entry left by an
   * earlier support is caught by the check {@code support[pos[j]] == j}, which holds only for j's
   * true position (S_p is distinct), so a stale support is still refused.
   */
  static BatchColumns of(CsrRowBlock block, RowSelection selection, int[] support) {
    int[] selected = selection.rows();
    int[] pos = positions(block.dim());
    for (int q = 0; q < support.length; q++) pos[support[q]] = q;
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
        int j = indices[e];
        int q = pos[j];
        if (q >= support.length || support[q] != j) {
          throw new IllegalStateException("column " + j + " of a batch row is not in the support sent");
        }
        idx[o] = q;
        val[o] = values[e];
      }
    }
    return new BatchColumns(new CsrRowBlock(block.dim(), ptr, idx, val, labels, block.firstRow()),
        selection.weights());
  }

  /**
   * The listed rows' column indices back to back (duplicates kept): a full-width round's S_p
   * ({@link SparseGradientTask}), one copy per row and no sort.
   */
  static int[] columnsOf(CsrRowBlock block, int[] selected) {
    int total = 0;
    for (int r : selected) total += block.rowEnd(r) - block.rowStart(r);
    int[] out = new int[total];
    int[] indices = block.indicesView();
    int o = 0;
    for (int r : selected) {
      int from = block.rowStart(r);
      int len = block.rowEnd(r) - from;
      System.arraycopy(indices, from, out, o, len);
      o += len;
    }
    return out;
  }

  /**
   * Refuses a full-width S_p that is not {@link #columnsOf} the selected rows (a stale support):
   * one sequential comparison, so a row column is never read or written unannounced.
   */
  static void checkColumns(CsrRowBlock block, int[] selected, int[] columns) {
    int[] indices = block.indicesView();
    int o = 0;
    for (int r : selected) {
      for (int e = block.rowStart(r), end = block.rowEnd(r); e < end; e++, o++) {
        if (o >= columns.length || columns[o] != indices[e]) {
          throw new IllegalStateException("column " + indices[e] + " of a batch row is not in the support sent");
        }
      }
    }
    if (o != columns.length) throw new IllegalStateException("the support sent lists columns the batch rows do not have");
  }

  /**
   * S_p: the distinct columns of the listed rows, sorted ascending. The rows' column indices are
   * sorted by an LSD radix sort (digits of at most 11 bits: two passes for d ≤ 2²², three beyond)
   * and then deduplicated: O(nnz + 2^digit) without a comparison or a branch per entry. A
   * comparison sort of the entries (DualPivotQuicksort) cost 1.7× as much CPU at 4 rows of ≈ 180
   * entries and 2.4× at 8; a pairwise merge of the sorted rows was in between. A row listed twice
   * (a with-replacement draw) or an empty row changes nothing.
   */
  static int[] supportOf(CsrRowBlock block, int[] selected) {
    int k = selected.length;
    if (k == 0) return new int[0];
    int[] indices = block.indicesView();
    if (k == 1) return Arrays.copyOfRange(indices, block.rowStart(selected[0]), block.rowEnd(selected[0]));
    int total = 0;
    for (int r : selected) total += block.rowEnd(r) - block.rowStart(r);
    int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, block.dim() - 1));
    int passes = (bits + MAX_DIGIT_BITS - 1) / MAX_DIGIT_BITS;
    int digit = (bits + passes - 1) / passes;
    int mask = (1 << digit) - 1;
    RadixBuffers buffers = RADIX.get().fit(total, mask + 2);
    int[] a = buffers.a;
    int[] b = buffers.b;
    int[] start = buffers.start;
    int o = 0;
    for (int r : selected) {
      int from = block.rowStart(r);
      int len = block.rowEnd(r) - from;
      System.arraycopy(indices, from, a, o, len);
      o += len;
    }
    for (int shift = 0; shift < bits; shift += digit) {
      Arrays.fill(start, 0, mask + 2, 0);
      for (int e = 0; e < total; e++) start[((a[e] >>> shift) & mask) + 1]++;
      for (int v = 0; v <= mask; v++) start[v + 1] += start[v];
      for (int e = 0; e < total; e++) b[start[(a[e] >>> shift) & mask]++] = a[e];
      int[] swap = a;
      a = b;
      b = swap;
    }
    int distinct = 0;
    for (int e = 0; e < total; e++) if (e == 0 || a[e] != a[e - 1]) a[distinct++] = a[e];
    return Arrays.copyOf(a, distinct);
  }

  /** {@link #supportOf}'s work arrays, kept per thread and grown as needed (a round allocates only its result). */
  private static final class RadixBuffers {
    int[] a = new int[0];
    int[] b = new int[0];
    int[] start = new int[0];

    RadixBuffers fit(int entries, int counters) {
      if (a.length < entries) {
        a = new int[Math.max(entries, 2 * a.length)];
        b = new int[a.length];
      }
      if (start.length < counters) start = new int[counters];
      return this;
    }
  }

  /**
   * This thread's column → position table, at least {@code d} long: allocated once per thread and
   * width (4d bytes; in this JVM the sparse rounds run on the caller's thread, on Spark on the
   * executor's task threads), so a round allocates nothing of length d.
   */
  private static int[] positions(int d) {
    int[] table = POSITIONS.get();
    if (table.length < d) {
      table = new int[d];
      POSITIONS.set(table);
    }
    return table;
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
