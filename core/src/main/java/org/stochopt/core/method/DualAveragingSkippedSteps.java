package org.stochopt.core.method;

import java.io.Serializable;
import org.stochopt.core.reg.ElasticNet;

/**
 * {@link Dasvrda}'s inner steps, in closed form, on a coordinate j that no minibatch row touches
 * (g_j = μ̃_j =: m), for R(u) = λ₁|u| + (λ₂/2)u² (L2, L1, elastic net). With θ_l = (l + 1)/2,
 * a_l = 1/θ_l and c_l = ηθ_lθ_{l−1} = ηl(l + 1)/4, step l is
 *
 * <pre>
 *   ḡ_l = (1 − a_l) ḡ_{l−1} + a_l m,   z_l = prox_{c_l R}(z₀ − c_l ḡ_l),   x_l = (1 − a_l) x_{l−1} + a_l z_l
 * </pre>
 *
 * Since 1 − a_l = (l − 1)/(l + 1), the products telescope: from step k₀ to step k
 *
 * <pre>
 *   ḡ_l − m = k₀(k₀+1)/(l(l+1)) · (ḡ_{k₀} − m)          so  z₀ − c_l ḡ_l = A − c_l m,   A = z₀ − c_{k₀}(ḡ_{k₀} − m)
 *   l(l+1) x_l = (l−1)l x_{l−1} + 2l z_l                so  x_k = (k₀(k₀+1) x_{k₀} + Σ_{l=k₀+1..k} 2l z_l) / (k(k+1))
 * </pre>
 *
 * z is no recursion at all (dual averaging anchors every z_l at z₀): z_k is one prox. The sum
 * needs the pieces of the prox: with s_l = 1/(1 + c_lλ₂), z_l = s_l(A − c_l(m + σλ₁)) where σ = +1
 * (A − c_l m > c_lλ₁), −1 (A − c_l m < −c_lλ₁) or z_l = 0. (A − c_l m)/c_l = A/c_l − m is monotone
 * in l (c_l increases), so over a gap the pieces come in at most three contiguous stretches, in the
 * order +, 0, − when A > 0 and −, 0, + when A < 0; bisection finds their ends. Per stretch
 *
 * <pre>
 *   Σ 2l z_l = A (P_b − P_a) − (m + σλ₁)(Q_b − Q_a),   P_l = Σ_{i≤l} 2i s_i,   Q_l = Σ_{i≤l} 2i c_i s_i
 * </pre>
 *
 * (tables built once per run, l ≤ m). A catch-up costs O(1) with L2, O(log k) with λ₁ > 0. Gaps of
 * at most {@value #EXACT_UP_TO} steps are replayed with the dense loop's arithmetic; longer ones
 * differ from it by a few ulps (1e-12 relative, tests).
 */
final class DualAveragingSkippedSteps implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int EXACT_UP_TO = 4;

  private final double l1;
  private final double[] c; // c_l
  private final double[] shrink; // s_l
  private final double[] p; // P_l
  private final double[] q; // Q_l

  DualAveragingSkippedSteps(double eta, double l1, double l2, int steps) {
    this.l1 = l1;
    c = new double[steps + 1];
    shrink = new double[steps + 1];
    p = new double[steps + 1];
    q = new double[steps + 1];
    shrink[0] = 1.0;
    for (int l = 1; l <= steps; l++) {
      c[l] = cOf(eta, l);
      shrink[l] = 1.0 / (1.0 + c[l] * l2);
      p[l] = p[l - 1] + 2.0 * l * shrink[l];
      q[l] = q[l - 1] + 2.0 * l * c[l] * shrink[l];
    }
  }

  /** c_l = ηθ_lθ_{l−1}, with the dense step's arithmetic. */
  static double cOf(double eta, long l) {
    double theta = (l + 1) / 2.0;
    double thetaPrevious = l / 2.0;
    return eta * theta * thetaPrevious;
  }

  /** c_l of inner step l. */
  double c(int l) {
    return c[l];
  }

  /**
   * Brings coordinate j of x, z and ḡ from inner step {@code from} to inner step {@code to},
   * with z₀ = {@code start} and constant gradient {@code m}.
   */
  void advance(double[] x, double[] z, double[] gBar, double start, double m, int j, int from, int to) {
    int k0 = from;
    int k = to;
    if (k <= k0) return;
    if (k - k0 <= EXACT_UP_TO) {
      replay(x, z, gBar, start, m, j, from, to);
      return;
    }
    double offset = gBar[j] - m;
    double level = start - c[k0] * offset; // A
    double sum;
    if (l1 == 0.0) {
      sum = level * (p[k] - p[k0]) - m * (q[k] - q[k0]);
    } else {
      sum = 0.0;
      int lo = k0 + 1;
      while (lo <= k) {
        int piece = piece(level, m, lo);
        int a = piece(level, m, k) == piece ? k : lo; // same piece at both ends: one stretch (monotone order)
        int b = k;
        while (a < b) { // the last step of this stretch: the pieces are contiguous
          int mid = (a + b + 1) >>> 1;
          if (piece(level, m, mid) == piece) a = mid;
          else b = mid - 1;
        }
        if (piece != 0) sum += level * (p[a] - p[lo - 1]) - (m + piece * l1) * (q[a] - q[lo - 1]);
        lo = a + 1;
      }
    }
    double ratio = (k0 * (k0 + 1.0)) / (k * (k + 1.0));
    gBar[j] = m + ratio * offset;
    x[j] = (k0 * (k0 + 1.0) * x[j] + sum) / (k * (k + 1.0));
    z[j] = ElasticNet.proxCoordinate(level - c[k] * m, c[k] * l1, shrink[k]);
  }

  /** +1, −1 or 0: the piece of the prox that step l's argument A − c_l m falls in. */
  private int piece(double level, double m, int l) {
    double v = level - c[l] * m;
    if (!(Math.abs(v) - c[l] * l1 > 0)) return 0;
    return v > 0 ? 1 : -1;
  }

  /** The dense loop's own arithmetic, step by step. */
  private void replay(double[] x, double[] z, double[] gBar, double start, double m, int j, int from, int to) {
    for (int l = from + 1; l <= to; l++) {
      double a = 1.0 / ((l + 1) / 2.0);
      gBar[j] = (1.0 - a) * gBar[j] + a * (0.0 + m);
      z[j] = ElasticNet.proxCoordinate(start - c[l] * gBar[j], c[l] * l1, shrink[l]);
      x[j] = (1.0 - a) * x[j] + a * z[j];
    }
  }

  /** One touched step l on coordinate j with minibatch gradient difference {@code g}. */
  void descend(double[] x, double[] z, double[] gBar, double start, double m, double g, int j, int l) {
    double a = 1.0 / ((l + 1) / 2.0);
    gBar[j] = (1.0 - a) * gBar[j] + a * (g + m);
    z[j] = ElasticNet.proxCoordinate(start - c[l] * gBar[j], c[l] * l1, shrink[l]);
    x[j] = (1.0 - a) * x[j] + a * z[j];
  }
}
