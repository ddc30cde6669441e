package org.stochopt.core.method;

import java.io.Serializable;
import org.stochopt.core.optim.StepSchedule;
import org.stochopt.core.reg.ElasticNet;

/**
 * Prox-SGD steps, in closed form, on a coordinate that no minibatch row touches: there the
 * minibatch gradient is exactly 0, and step l (step size η_l from the schedule) is only the prox of
 * R(u) = λ₁|u| + (λ₂/2)u²:
 *
 * <pre>
 *   a_{l+1} = s_l·max(a_l − η_l λ₁, 0)   on a = |u| (the sign never changes; 0 is absorbing),  s_l = 1/(1 + η_l λ₂)
 * </pre>
 *
 * Over a window of W steps starting at global step t_w, with Q_i = Π_{l<i} s_l and
 * C_i = Σ_{l<i} η_l / Q_l, dividing by Q_{l+1} turns the positive branch into a sum:
 *
 * <pre>
 *   a_i / Q_i = a_{i₀} / Q_{i₀} − λ₁ (C_i − C_{i₀})      while this stays positive, then 0 for good
 *   Σ_{l=i₀+1..i} ω_l a_l = A (WQ_i − WQ_{i₀}) − λ₁ (WQC_i − WQC_{i₀}),   A = a_{i₀}/Q_{i₀} + λ₁ C_{i₀}
 *       with WQ_i = Σ_{l≤i} ω_l Q_l and WQC_i = Σ_{l≤i} ω_l Q_l C_l   (ω: the averaging weights)
 * </pre>
 *
 * C is increasing, so the step at which a coordinate reaches 0 is found by bisection: a catch-up
 * costs O(log k). Q falls geometrically, so a window ends before Q drops below 1e-150 (and after
 * at most {@code maxWindow} steps), when all coordinates are brought up to date and fresh tables are
 * built. Gaps of at most {@value #EXACT_UP_TO} steps are replayed with the dense step's arithmetic.
 */
final class ShrinkingProxSteps implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int EXACT_UP_TO = 4;
  private static final double SMALLEST_SCALE = 1e-150;

  private final long start;
  private final double l1;
  private final double l2;
  private final double[] eta;
  private final double[] omega; // ω_i: averaging weight of the iterate after window step i (index i ≥ 1)
  private final double[] scale; // Q_i
  private final double[] drift; // C_i
  private final double[] weighted; // WQ_i
  private final double[] weightedDrift; // WQC_i

  /**
   * @param start the window's first global step t_w
   * @param schedule η_t
   * @param averaging the averaging weights of {@link ProxSgd} (NONE: none kept)
   */
  ShrinkingProxSteps(long start, int maxWindow, StepSchedule schedule, ProxSgdConfig.Averaging averaging, double l1,
      double l2) {
    this.start = start;
    this.l1 = l1;
    this.l2 = l2;
    double[] q = new double[maxWindow + 1];
    double[] c = new double[maxWindow + 1];
    double[] etas = new double[maxWindow];
    q[0] = 1.0;
    int w = 0;
    while (w < maxWindow && q[w] >= SMALLEST_SCALE) {
      etas[w] = schedule.at(start + w);
      q[w + 1] = q[w] / (1.0 + etas[w] * l2);
      c[w + 1] = c[w] + etas[w] / q[w];
      w++;
    }
    eta = java.util.Arrays.copyOf(etas, w);
    scale = java.util.Arrays.copyOf(q, w + 1);
    drift = java.util.Arrays.copyOf(c, w + 1);
    omega = new double[w + 1];
    weighted = new double[w + 1];
    weightedDrift = new double[w + 1];
    for (int i = 1; i <= w; i++) {
      omega[i] = switch (averaging) {
        case UNIFORM -> 1.0;
        case LINEAR -> start + i;
        default -> 0.0;
      };
      weighted[i] = weighted[i - 1] + omega[i] * scale[i];
      weightedDrift[i] = weightedDrift[i - 1] + omega[i] * scale[i] * drift[i];
    }
  }

  long start() {
    return start;
  }

  /** Steps this window covers. */
  int length() {
    return eta.length;
  }

  /** The step size of window step i. */
  double eta(int i) {
    return eta[i];
  }

  /** One dense step on coordinate value {@code v} = u − η g, with {@code ElasticNet.prox}'s arithmetic. */
  double prox(double v, int i) {
    return ElasticNet.proxCoordinate(v, eta[i] * l1, 1.0 / (1.0 + eta[i] * l2));
  }

  /**
   * u after the untouched window steps {@code from} .. {@code to − 1}; adds Σ ω_l u_l over the
   * iterates l = from+1 .. to to {@code sum[0]}.
   */
  double advance(double u, int from, int to, double[] sum) {
    if (to <= from || u == 0.0) return u;
    if (to - from <= EXACT_UP_TO) {
      for (int i = from; i < to; i++) {
        u = prox(u - eta[i] * 0.0, i);
        sum[0] += omega[i + 1] * u;
      }
      return u;
    }
    double a = Math.abs(u);
    double level = a / scale[from] + l1 * drift[from]; // A
    int end = to; // last window index at which a is still positive
    if (l1 > 0 && !(level - l1 * drift[to] > 0)) {
      int lo = from;
      int hi = to - 1;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (level - l1 * drift[mid] > 0) lo = mid;
        else hi = mid - 1;
      }
      end = lo;
    }
    double s = level * (weighted[end] - weighted[from]) - l1 * (weightedDrift[end] - weightedDrift[from]);
    sum[0] += Math.copySign(s, u);
    return end == to ? Math.copySign(scale[to] * (level - l1 * drift[to]), u) : 0.0;
  }
}
