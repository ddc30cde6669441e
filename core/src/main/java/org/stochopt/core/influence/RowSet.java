package org.stochopt.core.influence;

import java.util.List;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.core.runtime.Round;
import org.stochopt.core.runtime.Shipped;

/**
 * Rows held by a {@link PartitionRunner} (training, validation or test rows) and the passes over
 * all of them that influence needs: mean loss and its gradient, the error rate, and per-row
 * gradient dot products. Each is one runner call; partial sums fold in partition order, so both
 * backends give the same bits. The partition sizes are known from the layout.
 */
public final class RowSet implements AutoCloseable {
  private final PartitionRunner<RowBlock> runner;
  private final int[] sizes;
  private final long n;

  public RowSet(PartitionRunner<RowBlock> runner, int[] sizes) {
    if (sizes.length != runner.partitions()) throw new IllegalArgumentException(sizes.length + " sizes for " + runner.partitions() + " partitions");
    long total = 0;
    for (int s : sizes) total += s;
    if (total == 0) throw new IllegalArgumentException("the row set is empty");
    this.runner = runner;
    this.sizes = sizes.clone();
    this.n = total;
  }

  public PartitionRunner<RowBlock> runner() {
    return runner;
  }

  public int[] sizes() {
    return sizes.clone();
  }

  public long rows() {
    return n;
  }

  /** Mean loss (1/n)Σℓ_i(θ) (no regulariser); writes its gradient into {@code gOut} unless null. */
  public double meanLoss(RowModel model, double[] theta, double[] gOut) {
    boolean wantGradient = gOut != null;
    Shipped<double[]> st = runner.ship(theta, 8L * theta.length);
    Round<double[]> round;
    try {
      round = runner.map((p, block) -> {
        // [loss, gradient...]: one array, so the partial sums travel as one value
        double[] acc = new double[1 + (wantGradient ? model.dimension() : 0)];
        double[] g = wantGradient ? new double[model.dimension()] : null;
        for (int r = 0; r < block.rows(); r++) acc[0] += model.addGradient(st.value(), block, r, 1.0, g);
        if (g != null) System.arraycopy(g, 0, acc, 1, g.length);
        return acc;
      }, true);
    } finally {
      st.release();
    }
    double[] total = fold(round.results(), 1 + (wantGradient ? model.dimension() : 0));
    if (gOut != null) for (int j = 0; j < gOut.length; j++) gOut[j] = total[1 + j] / n;
    return total[0] / n;
  }

  /** The fraction of rows the model gets wrong. */
  public double errorRate(RowModel model, double[] theta) {
    Shipped<double[]> st = runner.ship(theta, 8L * theta.length);
    try {
      Round<Long> round = runner.map((p, block) -> {
        long wrong = 0;
        for (int r = 0; r < block.rows(); r++) if (model.misclassified(st.value(), block, r)) wrong++;
        return wrong;
      }, true);
      long wrong = 0;
      for (Long w : round.results()) if (w != null) wrong += w;
      return (double) wrong / n;
    } finally {
      st.release();
    }
  }

  /**
   * ⟨∇f_i(θ), v⟩ for every row, with f_i = ℓ_i + (λ/2)‖θ‖², indexed by global row id; the dot
   * products are taken in the partition that holds the row and only the numbers travel.
   */
  public double[] gradientDots(RowModel model, double[] theta, double[] v, double lambda) {
    double regDot = lambda * dot(theta, v);
    Shipped<double[]> st = runner.ship(theta, 8L * theta.length);
    Shipped<double[]> sv = runner.ship(v, 8L * v.length);
    try {
      Round<double[]> round = runner.map((p, block) -> {
        double[] out = new double[block.rows()];
        for (int r = 0; r < block.rows(); r++) out[r] = model.replayRow(st.value(), sv.value(), block, r, 0.0, null) + regDot;
        return out;
      }, true);
      double[] all = new double[Math.toIntExact(n)];
      int offset = 0;
      for (int p = 0; p < sizes.length; p++) {
        double[] part = round.results().get(p);
        if (part != null) System.arraycopy(part, 0, all, offset, part.length);
        offset += sizes[p];
      }
      return all;
    } finally {
      st.release();
      sv.release();
    }
  }

  /**
   * H·v for the full-data Hessian H = (1/n)Σ∇²ℓ_i(θ) + λI (one pass).
   */
  public double[] hessianProduct(RowModel model, double[] theta, double[] v, double lambda) {
    Shipped<double[]> st = runner.ship(theta, 8L * theta.length);
    Shipped<double[]> sv = runner.ship(v, 8L * v.length);
    Round<double[]> round;
    try {
      round = runner.map((p, block) -> {
        double[] hu = new double[model.dimension()];
        for (int r = 0; r < block.rows(); r++) model.replayRow(st.value(), sv.value(), block, r, 1.0, hu);
        return hu;
      }, true);
    } finally {
      st.release();
      sv.release();
    }
    double[] h = fold(round.results(), model.dimension());
    for (int j = 0; j < h.length; j++) h[j] = h[j] / n + lambda * v[j];
    return h;
  }

  static double[] fold(List<double[]> parts, int length) {
    double[] total = new double[length];
    for (double[] part : parts) {
      if (part == null) continue;
      for (int j = 0; j < length; j++) total[j] += part[j];
    }
    return total;
  }

  static double dot(double[] a, double[] b) {
    double s = 0.0;
    for (int j = 0; j < a.length; j++) s += a[j] * b[j];
    return s;
  }

  @Override
  public void close() {
    runner.close();
  }
}
