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
 * for an L2 (or no) regularizer. A coordinate j that no row of step h touches has g_j = μ̃_j, and the
 * step is affine in (y_j, z_j) with constants x̃_j and μ̃_j (s_η = 1/(1+ηλ₂), s_α = 1/(1+αλ₂),
 * c = 1 − τ₁ − τ₂):
 *
 * <pre>
 *   [y; z] ← A [y; z] + b_a x̃_j + b_m μ̃_j,   A = [[s_η c, s_η τ₁], [0, s_α]],
 *                                              b_a = [s_η τ₂; 0],  b_m = [−s_η η; −s_α α]
 *   k steps:  [y; z]_k = A^k [y; z]_0 + S_k (b_a x̃_j + b_m μ̃_j),   S_k = Σ_{l<k} A^l
 *   the anchor sum over the gap from step h₀:  θ^{h₀} (W_k [y; z]_0 + V_k (b_a x̃_j + b_m μ̃_j)),
 *             W_k = Σ_{i=1..k} θ^{i−1} e_yᵀ A^i,   V_k = Σ_{i=1..k} θ^{i−1} e_yᵀ S_i
 * </pre>
 *
 * The tables A^k, S_k, W_k, V_k (k ≤ m, 12 numbers each) are built once per round. Each coordinate
 * remembers the step it is current to; it is brought up to date when a row of the minibatch reads it
 * and, for all coordinates, once at the end (O(d) per round, not per step). Gaps of at most
 * {@value #EXACT_UP_TO} steps are replayed with the dense path's arithmetic. Same rows, same
 * margins; agreement with the dense epoch to 1e-12 relative (tests), not bit for bit.
 */
final class LazyKatyushaEpoch {
  static final int EXACT_UP_TO = 4;

  private LazyKatyushaEpoch() {}

  /** [y | z | Σ_h θ^h y_h] after {@code steps} steps, as the dense loop of {@code PartitionEpoch.run}. */
  static double[] run(FiniteSumObjective objective, CsrRowBlock block, int partition, double[] y0, double[] z0,
      double[] anchor, double[] anchorGradient, double tau1, double tau2, double eta, double l2, double theta,
      int steps, int batch, SamplingScheme sampling, long seed, long stream, long round) {
    int d = y0.length;
    double alpha = eta / tau1;
    double shrinkEta = 1.0 / (1.0 + eta * l2);
    double shrinkAlpha = 1.0 / (1.0 + alpha * l2);
    double c = 1.0 - tau1 - tau2;
    // Tables, k = 0..steps: P = A^k, S = Σ_{l<k} A^l (row-major 2×2), W and V (1×2).
    double[] p = new double[4 * (steps + 1)];
    double[] s = new double[4 * (steps + 1)];
    double[] w = new double[2 * (steps + 1)];
    double[] v = new double[2 * (steps + 1)];
    double a00 = shrinkEta * c;
    double a01 = shrinkEta * tau1;
    double a11 = shrinkAlpha;
    p[0] = 1.0;
    p[3] = 1.0;
    double thetaPow = 1.0; // θ^k
    for (int k = 0; k < steps; k++) {
      int o = 4 * k;
      int n = o + 4;
      // A^{k+1} = A·A^k (A upper triangular)
      p[n] = a00 * p[o] + a01 * p[o + 2];
      p[n + 1] = a00 * p[o + 1] + a01 * p[o + 3];
      p[n + 2] = a11 * p[o + 2];
      p[n + 3] = a11 * p[o + 3];
      for (int q = 0; q < 4; q++) s[n + q] = s[o + q] + p[o + q];
      w[2 * k + 2] = w[2 * k] + thetaPow * p[n];
      w[2 * k + 3] = w[2 * k + 1] + thetaPow * p[n + 1];
      v[2 * k + 2] = v[2 * k] + thetaPow * s[n];
      v[2 * k + 3] = v[2 * k + 1] + thetaPow * s[n + 1];
      thetaPow *= theta;
    }
    double[] weights = new double[steps + 1]; // θ^h, multiplied up as the dense loop does
    weights[0] = 1.0;
    for (int h = 1; h <= steps; h++) weights[h] = weights[h - 1] * theta;

    // Per-coordinate records [y, z, anchor sum, μ̃] back to back, and [current step, step last seen]:
    // a touched coordinate costs one miss per record instead of one per array (profiled: the misses
    // on random coordinates, not the arithmetic, are the cost of a just-in-time step).
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
    Gap gap = new Gap(st, anchor, tau1, tau2, c, eta, alpha, shrinkEta, shrinkAlpha, weights, p, s, w, v);
    for (int h = 0; h < steps; h++) {
      RowSelection rows = sampler.draw(new SplittableRandom(Seeds.child(seed, stream, round, partition, h)));
      int size = 0;
      for (int r : rows.rows()) {
        for (int k = block.rowStart(r), end = block.rowEnd(r); k < end; k++) {
          int j = indices[k];
          if (meta[2 * j + 1] != h) {
            meta[2 * j + 1] = h;
            support[size++] = j;
            gap.advance(j, meta[2 * j], h);
            x[j] = tau1 * st[4 * j + 1] + tau2 * anchor[j] + c * st[4 * j];
          }
        }
      }
      objective.accumulateDifference(x, anchor, block, rows.rows(), rows.weights(), acc);
      double weight = weights[h];
      for (int q = 0; q < size; q++) {
        int j = support[q];
        int o = 4 * j;
        double gj = g[j] / batch + st[o + 3];
        g[j] = 0.0;
        st[o] = gap.proxEta(x[j] - eta * gj);
        st[o + 1] = gap.proxAlpha(st[o + 1] - alpha * gj);
        st[o + 2] += weight * st[o];
        meta[2 * j] = h + 1;
      }
    }
    double[] out = new double[3 * d + 1];
    for (int j = 0; j < d; j++) {
      gap.advance(j, meta[2 * j], steps);
      out[j] = st[4 * j];
      out[d + j] = st[4 * j + 1];
      out[2 * d + j] = st[4 * j + 2];
    }
    return out;
  }

  /** Brings one coordinate from step {@code from} to step {@code to} with no row touching it. */
  private record Gap(double[] st, double[] anchor, double tau1, double tau2, double c, double eta, double alpha,
      double shrinkEta, double shrinkAlpha, double[] weights, double[] p, double[] s, double[] w, double[] v) {

    void advance(int j, int from, int to) {
      int k = to - from;
      if (k <= 0) return;
      int o = 4 * j;
      double m = st[o + 3];
      if (k <= EXACT_UP_TO) { // the dense loop's own arithmetic (couple, descend, prox, sum)
        double gj = 0.0 / 1 + m;
        for (int h = from; h < to; h++) {
          double xj = tau1 * st[o + 1] + tau2 * anchor[j] + (1.0 - tau1 - tau2) * st[o];
          st[o + 1] = proxAlpha(st[o + 1] - alpha * gj);
          st[o] = proxEta(xj - eta * gj);
          st[o + 2] += weights[h] * st[o];
        }
        return;
      }
      double u0 = st[o];
      double u1 = st[o + 1];
      double b0 = shrinkEta * tau2 * anchor[j] - shrinkEta * eta * m; // b_a x̃_j + b_m μ̃_j
      double b1 = -shrinkAlpha * alpha * m;
      int t = 4 * k;
      st[o + 2] += weights[from] * (w[2 * k] * u0 + w[2 * k + 1] * u1 + v[2 * k] * b0 + v[2 * k + 1] * b1);
      st[o] = p[t] * u0 + p[t + 1] * u1 + s[t] * b0 + s[t + 1] * b1;
      st[o + 1] = p[t + 2] * u0 + p[t + 3] * u1 + s[t + 2] * b0 + s[t + 3] * b1;
    }

    /** ElasticNet.prox with λ₁ = 0, as the dense path evaluates it. */
    double proxEta(double x) {
      double mag = Math.abs(x) - eta * 0.0;
      return mag > 0 ? Math.copySign(mag, x) * shrinkEta : 0.0;
    }

    double proxAlpha(double x) {
      double mag = Math.abs(x) - alpha * 0.0;
      return mag > 0 ? Math.copySign(mag, x) * shrinkAlpha : 0.0;
    }
  }
}
