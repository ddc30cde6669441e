package org.stochopt.core.cocoa;

import java.io.Serializable;
import java.util.List;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.oracle.FeatureShard;

/**
 * The columns A_[k] of one feature block [j_k, j_{k+1}) of the data, for every one of the n rows, in
 * compressed sparse column form, with the n labels replicated: the unit ProxCoCoA+ ({@link ProxCocoaPlus})
 * places on partition k. Feature blocks are contiguous, j_k = ⌊kd/K⌋ ({@link FeatureShard#featureStart},
 * the ranges of the random-feature shards), so on hashed features every block gets about the same
 * number of nonzeros.
 *
 * <p>Built from the row partitions without the driver, in O(nnz) (two counting passes):
 * <pre>
 *   row partition p:  {@link #split}: its entries, bucketed by the feature block they fall in, each bucket
 *                     already column-major ({@link Piece}: column counts, local row indices, values) + its labels
 *   exchange:         piece (p → k) goes to partition k
 *   partition k:      {@link #assemble}: column j = the pieces' column j in sender order, rows offset by
 *                     Σ_{p' &lt; p} n_{p'}, so row indices are sorted and row i means the i-th row of the
 *                     row-partitioned layout (partitions in order) on every backend
 * </pre>
 */
public final class FeatureColumns implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int from;
  private final int to;
  /** colPtr[c]..colPtr[c+1]: the entries of column from + c. */
  private final int[] colPtr;
  private final int[] rowIndex;
  private final double[] values;
  private final double[] labels;

  private FeatureColumns(int from, int to, int[] colPtr, int[] rowIndex, double[] values, double[] labels) {
    this.from = from;
    this.to = to;
    this.colPtr = colPtr;
    this.rowIndex = rowIndex;
    this.values = values;
    this.labels = labels;
  }

  /**
   * What row partition p sends to feature block k: its rows' entries in [j_k, j_{k+1}), column-major.
   *
   * @param counts entries per column of the block (length j_{k+1} − j_k)
   * @param rows row index inside the sender's partition, column by column (sorted within a column)
   * @param labels the sender's labels (every block keeps all n labels)
   */
  public record Piece(int[] counts, int[] rows, double[] values, double[] labels) implements Serializable {}

  /** Row partition {@code rows} cut into the K pieces of the feature blocks of d = {@code rows.dim()} features. */
  public static List<Piece> split(RowBlock rows, int blocks) {
    int d = rows.dim();
    FeatureShard.checkShards(blocks, d);
    int[] perColumn = new int[d];
    int m = rows.rows();
    for (int i = 0; i < m; i++) rows.forEachEntry(i, (j, v) -> perColumn[j]++);
    int[] start = new int[d + 1]; // where column j's entries start inside its block's piece
    Piece[] out = new Piece[blocks];
    int[][] pieceRows = new int[blocks][];
    double[][] pieceValues = new double[blocks][];
    for (int k = 0; k < blocks; k++) {
      int lo = FeatureShard.featureStart(d, blocks, k);
      int hi = FeatureShard.featureStart(d, blocks, k + 1);
      int total = 0;
      for (int j = lo; j < hi; j++) {
        start[j] = total;
        total += perColumn[j];
      }
      pieceRows[k] = new int[total];
      pieceValues[k] = new double[total];
      out[k] = new Piece(java.util.Arrays.copyOfRange(perColumn, lo, hi), pieceRows[k], pieceValues[k], rows.labelsView().clone());
    }
    int[] owner = new int[d];
    for (int k = 0; k < blocks; k++) {
      for (int j = FeatureShard.featureStart(d, blocks, k); j < FeatureShard.featureStart(d, blocks, k + 1); j++) owner[j] = k;
    }
    for (int i = 0; i < m; i++) {
      final int row = i;
      rows.forEachEntry(i, (j, v) -> {
        int k = owner[j];
        int at = start[j]++;
        pieceRows[k][at] = row;
        pieceValues[k][at] = v;
      });
    }
    return java.util.Arrays.asList(out);
  }

  /** Feature block k of K over d features from the pieces every row partition sent it, indexed by sender. */
  public static FeatureColumns assemble(int k, int blocks, int d, List<Piece> inbox) {
    int from = FeatureShard.featureStart(d, blocks, k);
    int to = FeatureShard.featureStart(d, blocks, k + 1);
    int width = to - from;
    int n = 0;
    long nnz = 0;
    for (Piece p : inbox) {
      if (p.counts().length != width) throw new IllegalArgumentException("a piece for " + p.counts().length + " columns, block has " + width);
      n += p.labels().length;
      nnz += p.rows().length;
    }
    double[] labels = new double[n];
    int[] colPtr = new int[width + 1];
    for (Piece p : inbox) for (int c = 0; c < width; c++) colPtr[c + 1] += p.counts()[c];
    for (int c = 0; c < width; c++) colPtr[c + 1] += colPtr[c];
    int[] rowIndex = new int[Math.toIntExact(nnz)];
    double[] values = new double[rowIndex.length];
    int[] fill = java.util.Arrays.copyOf(colPtr, width);
    int offset = 0;
    for (Piece p : inbox) { // sender order: row indices ascend within every column
      System.arraycopy(p.labels(), 0, labels, offset, p.labels().length);
      int at = 0;
      for (int c = 0; c < width; c++) {
        for (int e = 0; e < p.counts()[c]; e++, at++) {
          rowIndex[fill[c]] = offset + p.rows()[at];
          values[fill[c]++] = p.values()[at];
        }
      }
      offset += p.labels().length;
    }
    return new FeatureColumns(from, to, colPtr, rowIndex, values, labels);
  }

  /** j_k, the first feature of the block. */
  public int from() {
    return from;
  }

  /** j_{k+1}, one past the last feature. */
  public int to() {
    return to;
  }

  /** j_{k+1} − j_k. */
  public int width() {
    return to - from;
  }

  /** n, the rows every block covers. */
  public int rows() {
    return labels.length;
  }

  /** y_i of every row (not a copy: do not write). */
  public double[] labelsView() {
    return labels;
  }

  /** First entry of local column c. */
  public int start(int c) {
    return colPtr[c];
  }

  /** One past the last entry of local column c. */
  public int end(int c) {
    return colPtr[c + 1];
  }

  /** The row of entry e (not a copy). */
  public int[] rowIndexView() {
    return rowIndex;
  }

  /** The value of entry e (not a copy). */
  public double[] valuesView() {
    return values;
  }

  /** Stored entries of the block. */
  public long entries() {
    return values.length;
  }

  /** a_cᵀx over the column's entries. */
  public double dot(int c, double[] x) {
    double s = 0.0;
    for (int e = colPtr[c]; e < colPtr[c + 1]; e++) s += values[e] * x[rowIndex[e]];
    return s;
  }

  /** out += a·a_c. */
  public void axpy(int c, double a, double[] out) {
    for (int e = colPtr[c]; e < colPtr[c + 1]; e++) out[rowIndex[e]] += a * values[e];
  }
}
