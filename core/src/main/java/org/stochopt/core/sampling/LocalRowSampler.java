package org.stochopt.core.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.stochopt.core.linalg.RowBlock;

/**
 * Draws the b rows of one local step inside one partition (for methods that run many steps next to
 * the data). The selection is unbiased for the partition's mean gradient ∇f_p = (1/n_p) Σ_{i∈p} ∇f_i:
 * <ul>
 *   <li>{@link SamplingScheme#WITH_REPLACEMENT}: b uniform draws, weights 1;
 *   <li>{@link SamplingScheme#WITHOUT_REPLACEMENT}: b distinct rows (b ≤ n_p), weights 1;
 *   <li>{@link SamplingScheme#IMPORTANCE}: b draws with p_i = ‖x_i‖²/M_p (M_p = Σ_{i∈p} ‖x_i‖², so
 *       p_i ∝ L_i), weights 1/(n_p p_i) = (M_p/n_p)/‖x_i‖²; the alias table is built once per block.
 * </ul>
 * Rows come back sorted (better locality; duplicates kept). Reuses its arrays: one sampler per
 * partition and round, no per-row objects.
 */
public final class LocalRowSampler {
  private final RowBlock block;
  private final SamplingScheme scheme;
  private final int[] rows;
  private final double[] weights;
  private final AliasTable table;
  private final double meanMass;

  public LocalRowSampler(RowBlock block, SamplingScheme scheme, int batch) {
    if (batch <= 0) throw new IllegalArgumentException("batch size must be positive, got " + batch);
    if (scheme == SamplingScheme.WITHOUT_REPLACEMENT && batch > block.rows()) {
      throw new IllegalArgumentException("cannot draw " + batch + " distinct rows from a partition of " + block.rows()
          + " rows: use a smaller batch or sampling with replacement");
    }
    this.block = block;
    this.scheme = scheme;
    this.rows = new int[batch];
    if (scheme == SamplingScheme.IMPORTANCE && block.rows() > 0) {
      this.table = ImportanceTables.of(block); // built once per block; its total is M_p, summed in row order
      this.meanMass = table.totalWeight() / block.rows();
      this.weights = new double[batch];
    } else {
      this.table = null;
      this.meanMass = Double.NaN;
      this.weights = null;
    }
  }

  /** Fills and returns the selection for one step (arrays are reused by the next call). */
  public RowSelection draw(SplittableRandom rng) {
    int m = block.rows();
    switch (scheme) {
      case WITH_REPLACEMENT:
        for (int i = 0; i < rows.length; i++) rows[i] = rng.nextInt(m);
        break;
      case WITHOUT_REPLACEMENT:
        Minibatch.drawDistinct(rng, m, rows);
        break;
      case IMPORTANCE:
        for (int i = 0; i < rows.length; i++) rows[i] = table.draw(rng);
        break;
      default:
        throw new IllegalStateException("unknown scheme " + scheme);
    }
    Arrays.sort(rows);
    if (weights != null) {
      for (int i = 0; i < rows.length; i++) weights[i] = meanMass / block.squaredNorm(rows[i]);
    }
    return new RowSelection(rows, weights);
  }
}
