package org.stochopt.core.method;

import java.io.Serializable;
import org.stochopt.core.reg.ElasticNet;

/**
 * Katyusha's steps on a coordinate j that no row of the minibatch touches (g_j = μ̃_j), shared by
 * the one-step-per-round {@link LazyKatyushaSteps} and the local epochs of {@link LazyKatyushaEpoch}.
 * With an L2 (or no) regularizer a step is affine in (y_j, z_j) with constants x̃_j and μ̃_j
 * (s_η = 1/(1+ηλ₂), s_α = 1/(1+αλ₂), c = 1 − τ₁ − τ₂):
 *
 * <pre>
 *   [y; z] ← A [y; z] + b_a x̃_j + b_m μ̃_j,   A = [[s_η c, s_η τ₁], [0, s_α]],
 *                                              b_a = [s_η τ₂; 0],  b_m = [−s_η η; −s_α α]
 *   k steps:  [y; z]_k = A^k [y; z]_0 + S_k (b_a x̃_j + b_m μ̃_j),   S_k = Σ_{l<k} A^l
 *   the anchor sum over the gap from step h₀:  θ^{h₀} (W_k [y; z]_0 + V_k (b_a x̃_j + b_m μ̃_j)),
 *             W_k = Σ_{i=1..k} θ^{i−1} e_yᵀ A^i,   V_k = Σ_{i=1..k} θ^{i−1} e_yᵀ S_i
 * </pre>
 *
 * The tables A^k, S_k, W_k, V_k (k ≤ m, 12 numbers each) are built once per epoch. Gaps of at most
 * {@value #EXACT_UP_TO} steps are replayed with the dense path's arithmetic.
 *
 * <p>With λ₁ > 0 the map is piecewise affine in two coupled coordinates and its pieces can be left
 * and re-entered, so there is no closed form of the same kind: a coordinate at the zero fixed point
 * (y_j = z_j = x̃_j = 0 and |μ̃_j| ≤ λ₁: every step keeps it at 0, which is where most coordinates of
 * an L1 solution sit) is skipped in O(1), any other one replays its skipped steps (O(k)).
 *
 * <p>Coordinate records are [y, z, anchor sum, μ̃] back to back in one array (one cache miss per
 * touched coordinate instead of one per array: the misses, not the arithmetic, are the cost of a
 * just-in-time step).
 */
final class KatyushaSkippedSteps implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int EXACT_UP_TO = 4;

  private final double tau1;
  private final double tau2;
  private final double eta;
  private final double alpha;
  private final double l1;
  private final double shrinkEta;
  private final double shrinkAlpha;
  private final double[] weights; // θ^h, multiplied up as the dense loop does
  private final double[] p; // A^k, row-major 2×2
  private final double[] s; // S_k
  private final double[] w; // W_k, 1×2
  private final double[] v; // V_k, 1×2

  KatyushaSkippedSteps(double tau1, double tau2, double eta, double l1, double l2, double theta, int steps) {
    this.tau1 = tau1;
    this.tau2 = tau2;
    this.eta = eta;
    this.alpha = eta / tau1;
    this.l1 = l1;
    this.shrinkEta = 1.0 / (1.0 + eta * l2);
    this.shrinkAlpha = 1.0 / (1.0 + alpha * l2);
    double c = 1.0 - tau1 - tau2;
    p = new double[4 * (steps + 1)];
    s = new double[4 * (steps + 1)];
    w = new double[2 * (steps + 1)];
    v = new double[2 * (steps + 1)];
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
    weights = new double[steps + 1];
    weights[0] = 1.0;
    for (int h = 1; h <= steps; h++) weights[h] = weights[h - 1] * theta;
  }

  /** θ^h, the anchor weight of step h's y. */
  double weight(int h) {
    return weights[h];
  }

  /** Brings record j of {@code st} from step {@code from} to step {@code to} with no row touching it. */
  void advance(double[] st, double[] anchor, int j, int from, int to) {
    int k = to - from;
    if (k <= 0) return;
    int o = 4 * j;
    double m = st[o + 3];
    if (l1 > 0) {
      if (st[o] == 0.0 && st[o + 1] == 0.0 && anchor[j] == 0.0
          && !(Math.abs(0.0 - alpha * m) - alpha * l1 > 0) && !(Math.abs(0.0 - eta * m) - eta * l1 > 0)) {
        return; // the zero fixed point: y, z and the anchor sum stay as they are
      }
      replay(st, anchor, j, from, to);
      return;
    }
    if (k <= EXACT_UP_TO) {
      replay(st, anchor, j, from, to);
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

  /** The dense loop's own arithmetic (couple, descend, prox, sum), step by step. */
  private void replay(double[] st, double[] anchor, int j, int from, int to) {
    int o = 4 * j;
    double gj = 0.0 / 1 + st[o + 3];
    for (int h = from; h < to; h++) {
      double xj = tau1 * st[o + 1] + tau2 * anchor[j] + (1.0 - tau1 - tau2) * st[o];
      st[o + 1] = proxAlpha(st[o + 1] - alpha * gj);
      st[o] = proxEta(xj - eta * gj);
      st[o + 2] += weights[h] * st[o];
    }
  }

  /** x_j of the coupling step, τ₁ z + τ₂ x̃ + (1 − τ₁ − τ₂) y, as {@code Katyusha.couple} computes it. */
  double couple(double[] st, double[] anchor, int j) {
    return tau1 * st[4 * j + 1] + tau2 * anchor[j] + (1.0 - tau1 - tau2) * st[4 * j];
  }

  /** One touched step on record j at step h with gradient g_j: z, y (from x_j) and the anchor sum. */
  void descend(double[] st, int j, double xj, double gj, int h) {
    int o = 4 * j;
    st[o] = proxEta(xj - eta * gj);
    st[o + 1] = proxAlpha(st[o + 1] - alpha * gj);
    st[o + 2] += weights[h] * st[o];
  }

  /** ElasticNet.prox with step η, as the dense path evaluates it. */
  private double proxEta(double x) {
    return ElasticNet.proxCoordinate(x, eta * l1, shrinkEta);
  }

  private double proxAlpha(double x) {
    return ElasticNet.proxCoordinate(x, alpha * l1, shrinkAlpha);
  }
}
