package org.stochopt.core.method;

import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.MethodState;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.sampling.Minibatch;

/**
 * Minibatch proximal SVRG (Xiao and Zhang 2014; minibatch form as in mS2GD, Konečný et al. 2016).
 *
 * <pre>
 *   every m steps:  x̃ ← anchor choice (last iterate, or mean of the last m inner iterates)
 *                   μ̃ ← ∇f(x̃)                                  (one full-gradient round)
 *   each step:      B = minibatch of b rows
 *                   v = ∇f_B(x) − ∇f_B(x̃) + μ̃                  (one round, 2b gradients)
 *                   x ← prox_{ηR}(x − η v)
 * </pre>
 *
 * v is an unbiased estimate of ∇f(x) whose variance vanishes as x and x̃ approach the optimum,
 * which is what allows a constant step and linear convergence on strongly convex problems.
 *
 * <p>On sparse rows with a small minibatch ({@link SparseStep#applies}) an inner step costs O(nnz of
 * the minibatch) instead of O(d): {@link LazySvrgSteps}, same iterates to 1e-12 relative.
 */
public final class ProxSvrg implements Method<ProxSvrg.State> {
  private final ProxSvrgConfig config;

  public ProxSvrg(ProxSvrgConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "svrg";
  }

  /** State: iterate, anchor x̃, its full gradient μ̃, and the running sum of inner iterates. */
  public static final class State implements MethodState {
    final double[] x;
    final double[] anchor;
    final double[] anchorGradient;
    final double[] innerSum;
    final double[] direction;
    /** The O(nnz) path's bookkeeping, or null on the dense path. */
    LazySvrgSteps lazy;
    long innerSteps;
    long t;

    State(double[] x0) {
      int d = x0.length;
      this.x = x0.clone();
      this.anchor = x0.clone();
      this.anchorGradient = new double[d];
      this.innerSum = new double[d];
      this.direction = new double[d];
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

    public double[] anchor() {
      return anchor.clone();
    }
  }

  @Override
  public State init(double[] w0, ProblemContext ctx) {
    State s = new State(w0);
    if (config.epochLength() <= MAX_LAZY_EPOCH && SparseStep.applies(ctx, config.batchSize())) {
      s.lazy = new LazySvrgSteps(w0.length, config, ctx);
    }
    return s;
  }

  /** Longest epoch whose closed-form tables (3 doubles a step) the lazy path builds. */
  static final long MAX_LAZY_EPOCH = 1L << 22;

  @Override
  public void step(State s, ProblemContext ctx) {
    int d = s.x.length;
    if (s.t % config.epochLength() == 0) {
      if (s.lazy != null) s.lazy.sync(s);
      refreshAnchor(s, ctx);
      if (s.lazy != null) s.lazy.restart();
    }
    if (s.lazy != null) {
      s.lazy.step(s, ctx, config);
      return;
    }
    Minibatch batch = ctx.sampling().draw(s.t, config.batchSize());
    ctx.oracle().batchGradientDifference(s.x, s.anchor, batch, s.direction);
    double eta = config.eta();
    for (int j = 0; j < d; j++) s.x[j] -= eta * (s.direction[j] + s.anchorGradient[j]);
    ctx.regularizer().prox(s.x, eta, s.x);
    for (int j = 0; j < d; j++) s.innerSum[j] += s.x[j];
    s.innerSteps++;
    s.t++;
  }

  private void refreshAnchor(State s, ProblemContext ctx) {
    if (s.innerSteps > 0) {
      if (config.anchor() == ProxSvrgConfig.Anchor.AVERAGE) {
        for (int j = 0; j < s.x.length; j++) s.anchor[j] = s.innerSum[j] / s.innerSteps;
        System.arraycopy(s.anchor, 0, s.x, 0, s.x.length);
      } else {
        System.arraycopy(s.x, 0, s.anchor, 0, s.x.length);
      }
    } else {
      System.arraycopy(s.x, 0, s.anchor, 0, s.x.length);
    }
    java.util.Arrays.fill(s.innerSum, 0.0);
    s.innerSteps = 0;
    ctx.oracle().fullGradient(s.anchor, s.anchorGradient);
  }
}
