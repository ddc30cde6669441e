package org.stochopt.core.method;

import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.MethodState;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.sampling.Minibatch;

/**
 * Acc-Prox-SVRG (Nitanda, "Stochastic proximal gradient descent with acceleration techniques",
 * NeurIPS 2014): minibatch prox-SVRG with Nesterov momentum on the inner iterates.
 *
 * <pre>
 *   every m steps:  x̃ ← x (last inner iterate),  μ̃ ← ∇f(x̃)          (one full-gradient round)
 *   each step:      v = ∇f_B(y) − ∇f_B(x̃) + μ̃                          (one round, 2b gradients)
 *                   x⁺ = prox_{ηR_c}(y − η v)
 *                   y  = x⁺ + β (x⁺ − x),   x ← x⁺
 * </pre>
 *
 * with β = (1 − √(μη))/(1 + √(μη)). R_c(u) = R(u) + (κ/2)‖u − c‖² is the regularizer of an APPA
 * subproblem centred at c ({@link AccSvrgAppa}); κ = 0 is the plain method. Its prox is exact:
 * prox_{ηR_c}(v) = prox_{η/(1+ηκ)·R}((v + ηκc)/(1 + ηκ)).
 *
 * <p>Alone it is not an optimal minibatch method (its κ/b term, Allen-Zhu 2017, §5); inside APPA
 * with κ' ≈ n it is.
 *
 * <p>On sparse rows with a small minibatch ({@link SparseStep#applies}) a step costs O(nnz of the
 * minibatch) instead of O(d): {@link LazyAccSvrgSteps}, same iterates to 1e-12 relative.
 */
public final class AccProxSvrg implements Method<AccProxSvrg.State> {
  private final AccSvrgAppaConfig config;

  public AccProxSvrg(AccSvrgAppaConfig config) {
    if (config.kappa() != 0) throw new IllegalArgumentException("plain Acc-Prox-SVRG has no APPA weight: use AccSvrgAppa");
    this.config = config;
  }

  @Override
  public String name() {
    return "accsvrg";
  }

  /** Inner state: iterate x, extrapolated point y, anchor and its gradient. */
  public static final class State implements MethodState {
    private static final long serialVersionUID = 1L;
    final double[] x;
    final double[] y;
    final double[] anchor;
    final double[] anchorGradient;
    final double[] v;
    /** The O(nnz) path's bookkeeping, or null on the dense path. */
    LazyAccSvrgSteps lazy;
    /** Steps since the last anchor refresh (m ends an epoch). */
    long inner;
    long t;

    State(double[] x0) {
      int d = x0.length;
      x = x0.clone();
      y = x0.clone();
      anchor = x0.clone();
      anchorGradient = new double[d];
      v = new double[d];
    }

    @Override
    public long steps() {
      return t;
    }

    @Override
    public double[] output() {
      if (lazy != null) lazy.sync(this);
      return x.clone();
    }
  }

  @Override
  public State init(double[] w0, ProblemContext ctx) {
    State s = new State(w0);
    attachLazy(s, ctx, config, 0.0, null);
    return s;
  }

  /** Gives {@code s} the O(nnz) path when {@link SparseStep#applies} (κ and centre of the APPA subproblems). */
  static void attachLazy(State s, ProblemContext ctx, AccSvrgAppaConfig cfg, double kappa, double[] center) {
    if (cfg.epochLength() <= ProxSvrg.MAX_LAZY_EPOCH && SparseStep.applies(ctx, cfg.batchSize())) {
      s.lazy = new LazyAccSvrgSteps(s.x.length, cfg, kappa, center, ctx);
    }
  }

  @Override
  public void step(State s, ProblemContext ctx) {
    if (s.inner == 0) refreshAnchor(s, ctx);
    innerStep(s, ctx, config, 0.0, null);
  }

  /**
   * Anchor at the current x: x̃ ← x, μ̃ ← ∇f(x̃). The momentum is kept (y is not reset to x):
   * restarting it every m = ⌈n/b⌉ steps caps acceleration once m < √κ', i.e. exactly at the large
   * b where acceleration should pay; measured on a κ = 10⁴ problem at b = 1024 the reset version
   * stalled (≫ 3000 passes) while this one reached 1e-6 in 1010 steps (docs/minibatch-methods.md).
   */
  static void refreshAnchor(State s, ProblemContext ctx) {
    if (s.lazy != null) {
      s.lazy.sync(s);
      s.lazy.restart();
    }
    System.arraycopy(s.x, 0, s.anchor, 0, s.x.length);
    ctx.oracle().fullGradient(s.anchor, s.anchorGradient);
  }

  /** One minibatch step on F + (κ/2)‖· − center‖². */
  static void innerStep(State s, ProblemContext ctx, AccSvrgAppaConfig cfg, double kappa, double[] center) {
    if (s.lazy != null) {
      s.lazy.step(s, ctx, cfg.batchSize());
      s.t++;
      s.inner = (s.inner + 1) % cfg.epochLength();
      return;
    }
    int d = s.x.length;
    Minibatch batch = ctx.sampling().draw(s.t, cfg.batchSize());
    ctx.oracle().batchGradientDifference(s.y, s.anchor, batch, s.v);
    double eta = cfg.eta();
    double beta = cfg.beta();
    double[] next = s.v; // reuse: v is consumed element by element
    for (int j = 0; j < d; j++) next[j] = s.y[j] - eta * (s.v[j] + s.anchorGradient[j]);
    proxShifted(ctx.regularizer(), next, eta, kappa, center);
    for (int j = 0; j < d; j++) {
      double xNew = next[j];
      s.y[j] = xNew + beta * (xNew - s.x[j]);
      s.x[j] = xNew;
    }
    s.t++;
    s.inner = (s.inner + 1) % cfg.epochLength();
  }

  /** In place: v ← prox_{ηR_c}(v) with R_c = R + (κ/2)‖· − c‖² (κ = 0: plain prox_{ηR}). */
  static void proxShifted(Regularizer r, double[] v, double eta, double kappa, double[] center) {
    if (kappa == 0.0) {
      r.prox(v, eta, v);
      return;
    }
    double scale = 1.0 + eta * kappa;
    for (int j = 0; j < v.length; j++) v[j] = (v[j] + eta * kappa * center[j]) / scale;
    r.prox(v, eta / scale, v);
  }
}
