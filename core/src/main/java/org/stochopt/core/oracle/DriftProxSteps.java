package org.stochopt.core.oracle;

import java.io.Serializable;
import org.stochopt.core.reg.ElasticNet;

/**
 * k prox-gradient steps, in closed form, on a coordinate that no minibatch row touches while its
 * gradient is a constant m (SVRG's anchor gradient μ̃_j: the minibatch difference is 0 there), for
 * R(u) = λ₁|u| + (λ₂/2)u² (L2, L1 and the elastic net). One step is
 *
 * <pre>
 *   T(u) = s·soft(u − ηm, ηλ₁),   s = 1/(1 + ηλ₂),   soft(v, τ) = sign(v)·max(|v| − τ, 0)
 * </pre>
 *
 * T is piecewise affine with three pieces: u > e₊ = ηm + ηλ₁ gives T(u) = s(u − e₊); u < e₋ =
 * ηm − ηλ₁ gives T(u) = s(u − e₋); e₋ ≤ u ≤ e₊ gives T(u) = 0. Inside one piece (drift e)
 *
 * <pre>
 *   u_i = s^i u₀ − e·G_i,   G_i = Σ_{l=1..i} s^l,     Σ_{l=1..i} u_l = u₀·G_i − e·J_i,   J_i = Σ_{l=1..i} G_l
 * </pre>
 *
 * (tables of s^i, G_i, J_i for i ≤ the epoch length). T is non-decreasing, so the sequence u_i is
 * monotone; it therefore stays in one piece for a first stretch, may land on 0 (one step in the
 * dead zone), and from there either stays at 0 (0 is a fixed point iff |m| ≤ λ₁) or moves
 * monotonically inside one piece for good. The length of a stretch is the largest n with u_{n−1}
 * still in the piece, found by bisection on the monotone closed form: a catch-up over k steps
 * costs O(log k) (at most three stretches). Gaps of at most {@value #EXACT_UP_TO} steps are replayed
 * with the dense step's own arithmetic ({@code ElasticNet.prox}); longer ones differ from k repeated
 * steps by a few ulps (agreement to 1e-12 relative, tests). With λ₁ = 0 the map is one affine
 * piece for every u, so a catch-up is O(1): u_k = s^k u − ηm G_k.
 *
 * <p>Used by prox-SVRG's inner steps ({@code LazySvrgSteps}) and by local-SVRG's partition steps
 * ({@link LocalSvrgSteps}): the same skipped steps, written once.
 */
public final class DriftProxSteps implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Gaps up to this many steps are replayed one step at a time (bit-identical to the dense path). */
  public static final int EXACT_UP_TO = 4;

  private final double eta;
  private final double threshold; // ηλ₁
  private final double shrink; // s
  private final double[] power; // s^i
  private final double[] geometric; // G_i
  private final double[] cumulative; // J_i

  /**
   * @param eta the step η
   * @param l1 λ₁
   * @param l2 λ₂
   * @param steps the longest gap (the epoch length)
   */
  public DriftProxSteps(double eta, double l1, double l2, int steps) {
    this.eta = eta;
    this.threshold = eta * l1;
    this.shrink = 1.0 / (1.0 + eta * l2);
    power = new double[steps + 1];
    geometric = new double[steps + 1];
    cumulative = new double[steps + 1];
    power[0] = 1.0;
    for (int i = 1; i <= steps; i++) {
      power[i] = power[i - 1] * shrink;
      geometric[i] = geometric[i - 1] + power[i];
      cumulative[i] = cumulative[i - 1] + geometric[i];
    }
  }

  /** One dense step prox_{ηR}(u − η g), with {@code ElasticNet.prox}'s arithmetic. */
  public double step(double u, double g) {
    return ElasticNet.proxCoordinate(u - eta * g, threshold, shrink);
  }

  /**
   * u after {@code k} untouched steps with constant gradient {@code m}; adds Σ_{l=1..k} u_l to
   * {@code sum[0]} when {@code sum} is not null.
   */
  public double advance(double u, double m, int k, double[] sum) {
    if (threshold == 0.0 && k > EXACT_UP_TO) { // one piece: T(u) = s(u − ηm) for every u
      double e = eta * m;
      if (sum != null) sum[0] += u * geometric[k] - e * cumulative[k];
      return power[k] * u - e * geometric[k];
    }
    while (k > 0) {
      if (k <= EXACT_UP_TO) {
        for (int i = 0; i < k; i++) {
          u = step(u, 0.0 + m);
          if (sum != null) sum[0] += u;
        }
        return u;
      }
      double x = u - eta * m;
      double mag = Math.abs(x) - threshold;
      if (!(mag > 0)) { // dead zone: this step lands on 0
        u = 0.0;
        k--;
        if (!(Math.abs(0.0 - eta * m) - threshold > 0)) return 0.0; // 0 is a fixed point
        continue;
      }
      boolean positive = x > 0;
      double e = positive ? eta * m + threshold : eta * m - threshold;
      int lo = 1;
      int hi = k;
      while (lo < hi) { // largest n ≤ k whose u_{n−1} is still in this piece
        int mid = (lo + hi + 1) >>> 1;
        if (inPiece(power[mid - 1] * u - e * geometric[mid - 1], m, positive)) lo = mid;
        else hi = mid - 1;
      }
      if (sum != null) sum[0] += u * geometric[lo] - e * cumulative[lo];
      u = power[lo] * u - e * geometric[lo];
      k -= lo;
    }
    return u;
  }

  private boolean inPiece(double u, double m, boolean positive) {
    double x = u - eta * m;
    return Math.abs(x) - threshold > 0 && (x > 0) == positive;
  }
}
