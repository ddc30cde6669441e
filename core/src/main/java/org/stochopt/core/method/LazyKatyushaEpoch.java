package org.stochopt.core.method;

import java.util.SplittableRandom;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.objective.FiniteSumObjective;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.rng.Seeds;
import org.stochopt.core.sampling.LocalRowSampler;
import org.stochopt.core.sampling.RowSelection;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * One partition's local Katyusha epoch ({@link LocalKatyusha}) on sparse rows at O(nnz) per step,
 * for L2, L1 or elastic-net regularizers. A coordinate j that no row of step h touches has
 * g_j = μ̃_j, and its skipped steps are {@link KatyushaSkippedSteps} (tables built once per round;
 * with λ₁ > 0: O(1) at the zero fixed point, an exact replay of the skipped steps otherwise). Each coordinate remembers the step it is current to; it is brought up to date when a row
 * of the minibatch reads it and, for all coordinates, once at the end (O(d) per round, not per
 * step). Same rows, same margins; agreement with the dense epoch to 1e-12 relative (tests), not
 * bit for bit.
 */
final class LazyKatyushaEpoch {
  private LazyKatyushaEpoch() {}

  /** [y | z | Σ_h θ^h y_h] after {@code steps} steps, as the dense loop of {@code PartitionEpoch.run}. */
  static double[] run(FiniteSumObjective objective, CsrRowBlock block, int partition, double[] y0, double[] z0,
      double[] anchor, double[] anchorGradient, double tau1, double tau2, double eta, double l1, double l2, double theta,
      int steps, int batch, SamplingScheme sampling, long seed, long stream, long round) {
    int d = y0.length;
    KatyushaSkippedSteps gap = new KatyushaSkippedSteps(tau1, tau2, eta, l1, l2, theta, steps);
    // Per-coordinate records [y, z, anchor sum, μ̃] and [current step, step last seen].
    double[] st = new double[4 * d];
    for (int j = 0; j < d; j++) {
      st[4 * j] = y0[j];
      st[4 * j + 1] = z0[j];
      st[4 * j + 3] = anchorGradient[j];
    }
    int[] meta = new int[2 * d];
    for (int j = 0; j < d; j++) meta[2 * j + 1] = -1;
    double[] x = new double[d]; // valid on the current step's support only
    int maxRow = 0;
    for (int r = 0; r < block.rows(); r++) maxRow = Math.max(maxRow, block.rowEnd(r) - block.rowStart(r));
    int[] support = new int[(int) Math.min(d, (long) batch * maxRow)];
    int[] indices = block.indicesView();
    GradientSum acc = new GradientSum(d);
    double[] g = acc.gradient();
    LocalRowSampler sampler = new LocalRowSampler(block, sampling, batch);
    for (int h = 0; h < steps; h++) {
      RowSelection rows = sampler.draw(new SplittableRandom(Seeds.child(seed, stream, round, partition, h)));
      int size = 0;
      for (int r : rows.rows()) {
        for (int k = block.rowStart(r), end = block.rowEnd(r); k < end; k++) {
          int j = indices[k];
          if (meta[2 * j + 1] != h) {
            meta[2 * j + 1] = h;
            support[size++] = j;
            gap.advance(st, anchor, j, meta[2 * j], h);
            x[j] = gap.couple(st, anchor, j);
          }
        }
      }
      objective.accumulateDifference(x, anchor, block, rows.rows(), rows.weights(), acc);
      for (int q = 0; q < size; q++) {
        int j = support[q];
        double gj = g[j] / batch + st[4 * j + 3];
        g[j] = 0.0;
        gap.descend(st, j, x[j], gj, h);
        meta[2 * j] = h + 1;
      }
    }
    double[] out = new double[3 * d + 1];
    for (int j = 0; j < d; j++) {
      gap.advance(st, anchor, j, meta[2 * j], steps);
      out[j] = st[4 * j];
      out[d + j] = st[4 * j + 1];
      out[2 * d + j] = st[4 * j + 2];
    }
    return out;
  }
}
