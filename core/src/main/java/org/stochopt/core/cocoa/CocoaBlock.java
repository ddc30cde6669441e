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
 *     Σ_i φ_i*(−sα_i)] at the round's start point, or null before the first round ({@link SdcaLocalSolver})
 */
public record CocoaBlock(RowBlock rows, double[] alpha, double[] report) implements Serializable {
  /** A block of rows with α = 0, so that w(α) = 0: the start of every run. */
  public static CocoaBlock start(RowBlock rows) {
    double[] a = new double[rows.rows()];
    return new CocoaBlock(rows, a, null); // α = 0: w(α) = 0
  }
}
