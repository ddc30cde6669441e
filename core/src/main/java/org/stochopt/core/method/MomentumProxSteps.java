package org.stochopt.core.method;

import java.io.Serializable;
import org.stochopt.core.reg.ElasticNet;

/**
 * {@link AccProxSvrg}'s steps (also inside APPA) on a coordinate j that no minibatch row touches
 * (v_j = μ̃_j =: m; the APPA centre c_j is constant between anchors). One step is
 *
 * <pre>
 *   x⁺ = prox_{η'R}((y − ηm + ηκc_j)/(1 + ηκ)),  η' = η/(1 + ηκ),     y⁺ = x⁺ + β(x⁺ − x)
 * </pre>
 *
 * With an L2 (or no) regularizer, s' = 1/(1 + η'λ₂), it is affine. In u = [x; δ], δ = y − x
 * (the momentum, small next to x: so x_k is not the difference of two large terms, as it would be
 * in [x; y] where A^k ≈ [[1 − k, k], [−k, 1 + k]] for β, σ → 1):
 *
 * <pre>
 *   x⁺ = σ(x + δ) + ρ_j,   δ⁺ = β(x⁺ − x)      σ = s'/(1 + ηκ),  ρ_j = σ(ηκc_j − ηm),  1 − σ = η(κ + λ₂)σ
 *   u⁺ = B u + ρ_j e,   B = [[σ, σ], [−β(1 − σ), βσ]],  e = [1; β]
 *   k steps:  u_k = B^k u₀ + ρ_j S_k e,   S_k = Σ_{l<k} B^l,    y_k = x_k + δ_k
 * </pre>
 *
 * (tables of B^k and S_k e for k ≤ m, built once per run: the anchor refresh brings every
 * coordinate up to date, so no gap is longer than an epoch). O(1) per catch-up; gaps of at most
 * {@value #EXACT_UP_TO} steps are replayed with the dense step's arithmetic.
 *
 * <p>With λ₁ > 0 the map is piecewise affine in two coupled coordinates, and the momentum makes
 * the sequence oscillate, so it can leave a piece and come back: there is no closed form of
 * DualAveragingSkippedSteps' kind. A coordinate at the zero fixed point (x_j = y_j = 0 and a step
 * from there stays at 0: where most coordinates of an L1 solution sit) is skipped in O(1), any other
 * replays its skipped steps exactly (O(k)), as {@link KatyushaSkippedSteps} does.
 */
final class MomentumProxSteps implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int EXACT_UP_TO = 4;

  private final double eta;
  private final double beta;
  private final double kappa;
  private final double scale; // 1 + ηκ
  private final double threshold; // η'λ₁
  private final double shrink; // s'
  private final double l1;
  private final double sigma;
  private final double[] power; // B^k, row-major 2×2
  private final double[] sumE; // S_k e

  MomentumProxSteps(double eta, double beta, double kappa, double l1, double l2, int steps) {
    this.eta = eta;
    this.beta = beta;
    this.kappa = kappa;
    this.l1 = l1;
    this.scale = 1.0 + eta * kappa;
    double inner = kappa == 0.0 ? eta : eta / scale;
    this.threshold = inner * l1;
    this.shrink = 1.0 / (1.0 + inner * l2);
    this.sigma = kappa == 0.0 ? shrink : shrink / scale;
    power = new double[4 * (steps + 1)];
    sumE = new double[2 * (steps + 1)];
    power[0] = 1.0;
    power[3] = 1.0;
    double b10 = -beta * (eta * (kappa + l2) * sigma); // −β(1 − σ), without the cancellation of 1 − σ
    double b11 = beta * sigma;
    for (int k = 0; k < steps; k++) {
      int o = 4 * k;
      int n = o + 4;
      power[n] = sigma * (power[o] + power[o + 2]);
      power[n + 1] = sigma * (power[o + 1] + power[o + 3]);
      power[n + 2] = b10 * power[o] + b11 * power[o + 2];
      power[n + 3] = b10 * power[o + 1] + b11 * power[o + 3];
      sumE[2 * k + 2] = sumE[2 * k] + power[o] + power[o + 1] * beta;
      sumE[2 * k + 3] = sumE[2 * k + 1] + power[o + 2] + power[o + 3] * beta;
    }
  }

  /** prox_{ηR_c}(v) on one coordinate, as {@code AccProxSvrg.proxShifted} computes it. */
  double prox(double v, double center) {
    if (kappa == 0.0) return ElasticNet.proxCoordinate(v, threshold, shrink);
    return ElasticNet.proxCoordinate((v + eta * kappa * center) / scale, threshold, shrink);
  }

  /** One step on coordinate j with variance-reduced gradient {@code g}: x and y, as the dense loop. */
  void descend(double[] x, double[] y, int j, double g, double center) {
    double xNew = prox(y[j] - eta * g, center);
    y[j] = xNew + beta * (xNew - x[j]);
    x[j] = xNew;
  }

  /** Brings coordinate j of x and y over {@code k} untouched steps (gradient m, APPA centre {@code center}). */
  void advance(double[] x, double[] y, int j, double m, double center, int k) {
    if (k <= 0) return;
    if (l1 > 0) {
      if (x[j] == 0.0 && y[j] == 0.0 && prox(0.0 - eta * (0.0 + m), center) == 0.0) return; // zero fixed point
      replay(x, y, j, m, center, k);
      return;
    }
    if (k <= EXACT_UP_TO) {
      replay(x, y, j, m, center, k);
      return;
    }
    double rho = sigma * (eta * kappa * center - eta * m);
    double u0 = x[j];
    double u1 = y[j] - x[j];
    int o = 4 * k;
    double xk = power[o] * u0 + power[o + 1] * u1 + rho * sumE[2 * k];
    y[j] = xk + (power[o + 2] * u0 + power[o + 3] * u1 + rho * sumE[2 * k + 1]);
    x[j] = xk;
  }

  private void replay(double[] x, double[] y, int j, double m, double center, int k) {
    for (int i = 0; i < k; i++) descend(x, y, j, 0.0 + m, center);
  }
}
