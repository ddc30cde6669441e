package org.stochopt.core.cocoa;

import java.io.Serializable;

/**
 * The accelerated outer loop of CoCoA+ (Catalyst, Lin, Mairal and Harchaoui 2015; the accelerated
 * prox-SDCA of Shalev-Shwartz and Zhang 2014 is the same loop around SDCA): CoCoA+ rounds solve
 *
 * <pre>
 *   min_w  P_κ(w) = (1/n) Σ φ_i(x_iᵀw) + R(w) + (κ/2)‖w − y_k‖²,    R(w) = (λ₂/2)‖w‖² + λ₁‖w‖₁
 * </pre>
 *
 * whose regularizer R_κ is μ = λ₂ + κ strongly convex with ∇R_κ*(v) = soft((v + κy_k)/μ, λ₁/μ): a
 * shifted L2, so the local SDCA steps are those of plain CoCoA+ with μ in place of λ₂ (the driver
 * ships w = soft(u + c_k, λ₁/μ), u = v/μ, centre c_k = κy_k/μ; {@link CocoaPlus#round}). α stays
 * in the partitions when the centre moves: it is feasible for every y.
 *
 * <pre>
 *   q = λ₂/μ,  a₀ = √q,  ε₀ = (2/9)·G₀ (G₀ = ln 2 = P(0) − D(0) ≥ P(0) − P*),  x₋₁ = 0
 *   after each round (G_κ = P_κ(w) − D_κ(α) = (1/n)Σ(φ_i + φ_i*) + vᵀw, Fenchel–Young at w = ∇R_κ*(v)):
 *     if G_κ ≤ ε_k, or M = 3 rounds ran at this centre (then ε_k ← G_κ):
 *       x_k = w;  a_{k+1} ∈ (0,1) with a_{k+1}² = (1 − a_{k+1}) a_k² + q a_{k+1};  β_k = a_k(1 − a_k)/(a_k² + a_{k+1})
 *       y_{k+1} = x_k + β_k (x_k − x_{k−1});  ε_{k+1} = (1 − 0.9√q) ε_k
 * </pre>
 *
 * <b>Why.</b> With P ≥ 2 partitions, σ' = P makes each partition model the curvature of directions
 * that all partitions share (hashed text: the stop words are in every row) P times; a dual direction
 * that moves mass between partitions along such a feature has a small true curvature but a large
 * modelled one, so plain CoCoA+ crawls there (d = 2²⁰, n = 10⁵: 7 rounds to 1e-6 on one partition,
 * 64 on two). The proximal term makes every subproblem μ/λ₂ times better conditioned, and the
 * extrapolation recovers the outer rate (√ of the condition number ratio, Catalyst's).
 *
 * <b>Certificate.</b> The gap reported is the original problem's, not P_κ's: P(w) at the shipped w
 * and D(α) = −(1/n)Σφ_i*(−α_i) − R*(v) with the original R* (a lower bound on P* for every α), so
 * the run's best P and best D certify the best point whatever the centre.
 *
 * <b>Fallback.</b> When a forced move (M rounds without reaching ε_k) finds G_κ above 3/4 of its
 * value at the previous move, the inner solver is stalling in a mode the proximal term does not
 * help; the loop then ends ({@link #next} returns null) and the run continues as plain CoCoA+ from
 * the same α (u rescaled so that v = μu = λ₂u' stays), which converges for any partitioning.
 */
public final class CatalystCocoa implements Serializable {
  private static final long serialVersionUID = 1L;
  /** M: rounds at one centre before the centre moves anyway. */
  static final int MAX_ROUNDS_AT_CENTRE = 3;
  /** A forced move that finds the inner gap above this fraction of its value at the last move ends the loop. */
  static final double STALL = 0.75;

  private final double kappa;
  private final double mu;
  private final double sqrtQ;
  private double a;
  private double[] previous;
  private double epsilon;
  private double lastMoveGap = Double.POSITIVE_INFINITY;
  private int roundsAtCentre;
  private long moves;

  /**
   * @param c a config with κ &gt; 0
   * @param initialGap G₀ ≥ P(0) − P*: the gap at α = 0, w = 0 (ln 2 for the logistic loss)
   */
  public CatalystCocoa(CocoaPlus.Config c, double initialGap) {
    if (!(c.kappa() > 0)) throw new IllegalArgumentException("the accelerated loop needs κ > 0, got " + c.kappa());
    this.kappa = c.kappa();
    this.mu = c.mu();
    this.sqrtQ = Math.sqrt(c.lambda() / mu);
    this.a = sqrtQ;
    this.epsilon = 2.0 / 9.0 * initialGap;
  }

  /** Centre moves so far (outer iterations). */
  public long moves() {
    return moves;
  }

  /**
   * The centre c = κy/μ of the next round, after round {@code s} ran at {@code center}: the same
   * array when the centre stays, a new one when it moves, null when the loop ends (stall: continue
   * as plain CoCoA+).
   */
  public double[] next(CocoaPlus.Step s, double[] center) {
    roundsAtCentre++;
    double inner = s.smoothedGap();
    boolean move = inner <= epsilon;
    if (!move && roundsAtCentre >= MAX_ROUNDS_AT_CENTRE) {
      if (inner > STALL * lastMoveGap) return null;
      move = true;
      epsilon = inner; // the schedule restarts from where the inner solver is
    }
    if (!move) return center;
    lastMoveGap = inner;
    roundsAtCentre = 0;
    moves++;
    epsilon *= 1 - 0.9 * sqrtQ;
    double q = sqrtQ * sqrtQ;
    double a2 = a * a;
    double next = 0.5 * (q - a2 + Math.sqrt((q - a2) * (q - a2) + 4 * a2)); // root in (0, 1) of a'² = (1 − a')a² + qa'
    double beta = a * (1 - a) / (a2 + next);
    a = next;
    double[] x = s.point();
    double[] c = new double[x.length];
    double scale = kappa / mu;
    for (int j = 0; j < x.length; j++) {
      double prev = previous == null ? 0.0 : previous[j];
      c[j] = scale * (x[j] + beta * (x[j] - prev));
    }
    previous = x.clone();
    return c;
  }

  /**
   * u' = u·μ/λ₂: the same v = μu for plain CoCoA+ (μ = λ₂) after the loop ends, in place.
   */
  public static void toPlain(double[] u, CocoaPlus.Config c) {
    double ratio = c.mu() / c.lambda();
    for (int j = 0; j < u.length; j++) u[j] *= ratio;
  }
}
