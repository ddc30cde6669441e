package org.stochopt.core.cocoa;

import java.io.Serializable;
import org.stochopt.core.linalg.RowBlock;

/**
 * One partition of CoCoA+: its rows, their dual variables α_i (one per row, kept in the partition
 * from round to round), and what the last round reported to the driver. Blocks are values: a round
 * makes a new block (new α, new report) and never mutates the old one, so a re-run task gives the
 * same new block.
 *
 * @param rows the partition's rows
 * @param alpha α_i for each local row (logistic: α_i y_i ∈ (0, 1))
 * @param report the last round's contribution, [Δu_k (d entries) | Σ_i φ_i(x_iᵀw) | Σ_i φ_i*(−α_i) |
 *     Σ_i φ_i*(−sα_i)] at the round's start point (with the round's full pass appended when asked for), or null
 *     before the first round ({@link SdcaLocalSolver})
 * @param squaredNorms ‖x_i‖² of each local row, computed once ({@link RowBlock#squaredNorm}): every SDCA step
 *     needs its row's, and recomputing it read the row once more per step
 */
public record CocoaBlock(RowBlock rows, double[] alpha, double[] report, double[] squaredNorms) implements Serializable {
  /** A block of rows with α = 0, so that w(α) = 0: the start of every run. */
  public static CocoaBlock start(RowBlock rows) {
    double[] a = new double[rows.rows()];
    double[] norms = new double[rows.rows()];
    for (int i = 0; i < norms.length; i++) norms[i] = rows.squaredNorm(i);
    return new CocoaBlock(rows, a, null, norms); // α = 0: w(α) = 0
  }
}
