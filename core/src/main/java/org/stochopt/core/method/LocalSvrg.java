package org.stochopt.core.method;

import org.stochopt.core.oracle.LocalSvrgSteps;
import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.MethodState;
import org.stochopt.core.optim.ProblemContext;

/**
 * Local prox-SVRG with driver averaging: several variance-reduced steps inside each partition per
 * round, the route by which communication-efficient methods (DSVRG, Lee et al. 2015; CoCoA, Jaggi
 * et al. 2014; Splash, Zhang and Jordan 2015) need far fewer rounds than one-step-per-round methods.
 *
 * <pre>
 *   every A rounds:  x̃ ← w,  μ̃ ← ∇f(x̃)                                     (one full-gradient round)
 *   each round t:    every partition p, from u = w, H times:
 *                      u ← prox_{ηR}(u − η(∇f_{B_p}(u) − ∇f_{B_p}(x̃) + μ̃))   B_p: b rows of p
 *                    w ← Σ_p (n_p/n)·u_p                                       (one round, P·2Hb gradients)
 * </pre>
 *
 * Every round also returns F at its start point (the partitions' mean losses): a {@link RoundSafeguard}
 * rejects a round that raised F, returns to the best w and halves η.
 *
 * The correction μ̃ is the global full gradient, so each partition's steps are unbiased for ∇f up to
 * the drift of u away from w within the round; averaging the P iterates shrinks the noise of their
 * independent minibatches. The local rows of step h are drawn from (seed, t, p, h), so the
 * in-process and Spark backends run the same trajectory.
 */
public final class LocalSvrg implements Method<LocalSvrg.State>, Safeguarded {
  private final LocalSvrgConfig config;
  private boolean guarded = true;
  private transient State last;

  public LocalSvrg(LocalSvrgConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "local-svrg";
  }

  /** Turns the {@link RoundSafeguard} off (tests and experiments: to show what it prevents). */
  public LocalSvrg unguarded() {
    guarded = false;
    return this;
  }

  @Override
  public boolean dampsItself() {
    return guarded;
  }

  @Override
  public RoundSafeguard safeguard() {
    return last == null ? null : last.guard;
  }

  @Override
  public double currentStep() {
    return last == null ? config.eta() : last.eta;
  }

  /** State: the iterate, the anchor and its full gradient. */
  public static final class State implements MethodState {
    private static final long serialVersionUID = 1L;
    final double[] w;
    final double[] anchor;
    final double[] anchorGradient;
    final double[] next;
    final RoundSafeguard guard = RoundSafeguard.defaults();
    double eta;
    boolean refreshAnchor = true;
    int localSteps;
    long t;

    State(double[] w0) {
      w = w0.clone();
      anchor = w0.clone();
      anchorGradient = new double[w0.length];
      next = new double[w0.length + 1];
    }

    @Override
    public long steps() {
      return t;
    }

    @Override
    public double[] output() {
      return w.clone();
    }
  }

  @Override
  public State init(double[] w0, ProblemContext ctx) {
    State s = new State(w0);
    s.eta = config.eta();
    last = s;
    int largest = 0;
    for (int size : ctx.oracle().partitionSizes()) largest = Math.max(largest, size);
    s.localSteps = config.localSteps() > 0 ? config.localSteps() : Math.max(1, (largest + config.batchSize() - 1) / config.batchSize());
    return s;
  }

  @Override
  public void step(State s, ProblemContext ctx) {
    last = s;
    int d = s.w.length;
    if (s.refreshAnchor || s.t % config.anchorEvery() == 0) {
      System.arraycopy(s.w, 0, s.anchor, 0, d);
      ctx.oracle().fullGradient(s.anchor, s.anchorGradient);
      s.refreshAnchor = false;
    }
    ctx.oracle().localRound(new LocalSvrgSteps(ctx.regularizer(), s.eta, s.localSteps, config.batchSize(),
        s.w, s.anchor, s.anchorGradient, ctx.sampling().seed(), s.t), s.next);
    double startObjective = s.next[d] + ctx.regularizer().value(s.w); // F(w) from the partitions' losses
    if (guarded && !s.guard.accept(startObjective, s.t, s.w)) {
      // The previous round raised F: back to the best w (and a fresh anchor there), half the local step.
      s.eta = s.guard.reject(s.t, startObjective, s.eta, name(), s.w);
      s.refreshAnchor = true;
      s.t++;
      return;
    }
    if (guarded) s.eta = s.guard.stepAfterAccept(s.eta, config.eta());
    System.arraycopy(s.next, 0, s.w, 0, d);
    s.t++;
  }
}
