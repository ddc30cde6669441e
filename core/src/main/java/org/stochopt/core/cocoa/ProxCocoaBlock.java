package org.stochopt.core.cocoa;

import java.io.Serializable;
import java.util.List;
import org.stochopt.core.linalg.RowBlock;

/**
 * One partition of ProxCoCoA+ ({@link ProxCocoaPlus}): the columns A_[k] of its feature block, its
 * coordinates w_[k] (kept in the partition from round to round; the driver keeps only v = Aw), and the
 * last round's proposed change Δw_[k], which the next round applies with the step t the driver
 * accepted. Before the layout exchange a block holds the row partition it is derived from
 * ({@link #rows}); blocks are values, as in {@link CocoaBlock}: a round makes a new block, so a
 * re-run task gives the same one.
 *
 * @param rows the row partition it was derived from (only until {@link #columns} is built), else null
 * @param columns feature block k's columns over all n rows, or null before the exchange
 * @param w w_[k] (length j_{k+1} − j_k)
 * @param proposed Δw_[k] of the last round (applied as w_[k] + tΔw_[k] in the next), or null
 * @param report the last round's report ({@link ProxCoordinateSolver.Report}), or null
 */
public record ProxCocoaBlock(RowBlock rows, FeatureColumns columns, double[] w, double[] proposed,
    ProxCoordinateSolver.Report report) implements Serializable {

  /** The block of a row partition, before the exchange. */
  public static ProxCocoaBlock ofRows(RowBlock rows) {
    return new ProxCocoaBlock(rows, null, null, null, null);
  }

  /** The row partition's pieces for the K feature blocks ({@link FeatureColumns#split}). */
  public List<FeatureColumns.Piece> pieces(int blocks) {
    if (rows == null) throw new IllegalStateException("the block holds no rows (already laid out by features)");
    return FeatureColumns.split(rows, blocks);
  }

  /** Feature block k, w_[k] = 0, from the pieces the row partitions sent it (the rows are dropped). */
  public static ProxCocoaBlock start(int k, int blocks, int d, List<FeatureColumns.Piece> inbox) {
    FeatureColumns c = FeatureColumns.assemble(k, blocks, d, inbox);
    return new ProxCocoaBlock(null, c, new double[c.width()], null, null);
  }
}
