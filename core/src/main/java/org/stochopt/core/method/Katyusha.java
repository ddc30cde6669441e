package org.stochopt.core.method;

import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.MethodState;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.sampling.Minibatch;

/**
 * Minibatch proximal Katyusha (Allen-Zhu, "Katyusha: the first direct acceleration of
 * stochastic gradient methods", STOC 2017; JMLR 18(221), 2018), Option I, for
 * F = f + R with R σ-strongly convex (σ = μ) or merely convex (Katyusha^ns).
 *
 * <pre>
 *   every m = ⌈n/b⌉ steps:  x̃ ← Σ_j θ^j y_j / Σ_j θ^j over the last epoch,  θ = 1 + min(ασ, 1/(4m))
 *                           μ̃ ← ∇f(x̃)                                        (one full-gradient round)
 *   each step k:
 *     x_{k+1} = τ₁ z_k + τ₂ x̃ + (1 − τ₁ − τ₂) y_k          (τ₂ x̃: the "Katyusha momentum")
 *     g       = μ̃ + (1/b) Σ_{i∈S} (1/(n p_i)) (∇f_i(x_{k+1}) − ∇f_i(x̃))   (one round, 2b gradients)
 *     z_{k+1} = prox_{αR}(z_k − α g)                        α = η/τ₁
 *     y_{k+1} = prox_{ηR}(x_{k+1} − η g)                    η = 1/(3L̃)
 * </pre>
 *
 * Non-strongly convex (σ = 0): τ₁ = 2/(s+4) in epoch s (so α grows), x̃ is the plain mean of the
 * epoch's y's. Parameters: {@link KatyushaConfig#theory}. The reported point is the last y: the
 * paper's output is x̃ (a log(L/σ) factor better in theory), but y moves every step, which is what
 * a rounds-to-ε measurement needs; x̃ is available from {@link State#anchor()}.
 *
 * <p>On sparse rows with a small minibatch ({@link SparseStep#applies}) a step costs O(nnz of the
 * minibatch) instead of O(d): {@link LazyKatyushaSteps}, same iterates to 1e-12 relative.
 */
public final class Katyusha implements Method<Katyusha.State> {
  private final KatyushaConfig config;

  public Katyusha(KatyushaConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "katyusha";
  }

  public KatyushaConfig config() {
    return config;
  }

  /** State: the three sequences x, y, z, the anchor and its gradient, the epoch's weighted sum of y. */
  public static final class State implements MethodState {
    private static final long serialVersionUID = 1L;
    final double[] x;
    final double[] y;
    final double[] z;
    final double[] anchor;
    final double[] anchorGradient;
    final double[] g;
    final double[] weightedY;
    double weightSum;
    double weight;
    /** The O(nnz) path's bookkeeping, or null on the dense path. */
    LazyKatyushaSteps lazy;
    long epoch;
    long t;

    State(double[] x0) {
      int d = x0.length;
      x = x0.clone();
      y = x0.clone();
      z = x0.clone();
      anchor = x0.clone();
      anchorGradient = new double[d];
      g = new double[d];
      weightedY = new double[d];
    }

    @Override
    public long steps() {
      return t;
    }

    @Override
    public double[] output() {
      if (lazy != null) lazy.sync(this);
      return y.clone();
    }

    public double[] anchor() {
      return anchor.clone();
    }
  }

  @Override
  public State init(double[] w0, ProblemContext ctx) {
    State s = new State(w0);
    if (config.epochLength() <= ProxSvrg.MAX_LAZY_EPOCH && SparseStep.applies(ctx, config.batchSize())) {
      s.lazy = new LazyKatyushaSteps(w0.length);
    }
    return s;
  }

  @Override
  public void step(State s, ProblemContext ctx) {
    int d = s.x.length;
    boolean newEpoch = s.t % config.epochLength() == 0;
    if (newEpoch) {
      if (s.lazy != null) s.lazy.sync(s);
      startEpoch(s, ctx);
    }
    double tau1 = config.stronglyConvex() ? config.tau1() : 2.0 / (s.epoch + 3); // epoch counted from 1: 2/(s+4) with s from 0
    double tau2 = config.tau2();
    if (tau1 + tau2 > 1.0) tau1 = 1.0 - tau2;
    double eta = config.step();
    double alpha = eta / tau1;
    double theta = config.stronglyConvex() ? 1.0 + Math.min(alpha * config.sigma(), 1.0 / (4.0 * config.epochLength())) : 1.0;
    if (s.lazy != null) {
      if (newEpoch) s.lazy.startEpoch(s, tau1, tau2, eta, theta, (int) config.epochLength(), ctx);
      s.lazy.step(s, ctx, config.batchSize());
      s.weightSum += s.weight;
      s.weight *= theta;
      s.t++;
      return;
    }
    couple(s.x, s.z, s.anchor, s.y, tau1, tau2);
    Minibatch batch = ctx.sampling().draw(s.t, config.batchSize());
    ctx.oracle().batchGradientDifference(s.x, s.anchor, batch, s.g);
    descend(s.g, 1.0, s.anchorGradient, s.x, s.z, s.y, alpha, eta, ctx.regularizer());
    // Anchor weights θ^j (j = 0, 1, ...): the geometric average the strongly convex analysis needs.
    for (int j = 0; j < d; j++) s.weightedY[j] += s.weight * s.y[j];
    s.weightSum += s.weight;
    if (config.stronglyConvex()) s.weight *= theta;
    s.t++;
  }

  /** x = τ₁ z + τ₂ x̃ + (1 − τ₁ − τ₂) y: the coupling step (shared with {@link LocalKatyusha}). */
  static void couple(double[] x, double[] z, double[] anchor, double[] y, double tau1, double tau2) {
    for (int j = 0; j < x.length; j++) x[j] = tau1 * z[j] + tau2 * anchor[j] + (1.0 - tau1 - tau2) * y[j];
  }

  /**
   * With g = μ̃ + diff/divisor (diff: the summed or averaged minibatch difference): z ← prox_{αR}(z − α g),
   * y ← prox_{ηR}(x − η g). Leaves g in {@code diff}. Shared with {@link LocalKatyusha}.
   */
  static void descend(double[] diff, double divisor, double[] anchorGradient, double[] x, double[] z, double[] y,
      double alpha, double eta, org.stochopt.core.reg.Regularizer reg) {
    for (int j = 0; j < x.length; j++) {
      double gj = diff[j] / divisor + anchorGradient[j];
      diff[j] = gj;
      z[j] -= alpha * gj;
      y[j] = x[j] - eta * gj;
    }
    reg.prox(z, alpha, z);
    reg.prox(y, eta, y);
  }

  private void startEpoch(State s, ProblemContext ctx) {
    if (s.weightSum > 0) {
      for (int j = 0; j < s.anchor.length; j++) s.anchor[j] = s.weightedY[j] / s.weightSum;
    }
    java.util.Arrays.fill(s.weightedY, 0.0);
    s.weightSum = 0.0;
    s.weight = 1.0;
    s.epoch++;
    ctx.oracle().fullGradient(s.anchor, s.anchorGradient);
  }
}
