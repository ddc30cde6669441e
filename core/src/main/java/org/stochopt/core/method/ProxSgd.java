package org.stochopt.core.method;

import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.MethodState;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.sampling.Minibatch;

/**
 * Minibatch proximal SGD with optional iterate averaging.
 *
 * <pre>
 *   B_t  = minibatch t (exactly b rows, from the run's sampling plan)
 *   x_{t+1} = prox_{η_t R}( x_t − η_t ∇f_{B_t}(x_t) )
 *   x̄_T  = Σ_t ω_t x_t / Σ_t ω_t,   ω_t = 1 (uniform) or t+1 (linear; Lacoste-Julien,
 *          Schmidt, Bach 2012), or x̄_T = x_T (none)
 * </pre>
 *
 * The average is kept as a running weighted sum and a running weight, which is numerically
 * safer than the online convex-combination form. One oracle round per step.
 *
 * <p>On sparse rows with a small minibatch ({@link SparseStep#applies}) a step costs O(nnz of the
 * minibatch) instead of O(d): {@link LazySgdSteps}, same iterates to 1e-12 relative.
 */
public final class ProxSgd implements Method<ProxSgd.State> {
  private final ProxSgdConfig config;

  public ProxSgd(ProxSgdConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "sgd";
  }

  /** State: the iterate x_t and the weighted running sum for x̄. */
  public static final class State implements MethodState {
    final double[] x;
    final double[] grad;
    final IterateAverage average;
    /** The O(nnz) path's bookkeeping, or null on the dense path. */
    LazySgdSteps lazy;
    long t;

    State(double[] x0) {
      this.x = x0.clone();
      this.grad = new double[x0.length];
      this.average = new IterateAverage(x0.length);
    }

    @Override
    public long steps() {
      return t;
    }

    @Override
    public double[] output() {
      if (lazy != null) lazy.sync(this);
      return average.value(x);
    }

    public double[] lastIterate() {
      if (lazy != null) lazy.sync(this);
      return x.clone();
    }
  }

  @Override
  public State init(double[] w0, ProblemContext ctx) {
    State s = new State(w0);
    if (SparseStep.applies(ctx, config.batchSize())) s.lazy = LazySgdSteps.of(ctx, config.batchSize());
    return s;
  }

  @Override
  public void step(State s, ProblemContext ctx) {
    if (s.lazy != null) {
      s.lazy.step(s, ctx, config);
      return;
    }
    double eta = config.schedule().at(s.t);
    Minibatch batch = ctx.sampling().draw(s.t, config.batchSize());
    ctx.oracle().batchGradient(s.x, batch, s.grad);
    for (int j = 0; j < s.x.length; j++) s.x[j] -= eta * s.grad[j];
    ctx.regularizer().prox(s.x, eta, s.x);
    s.t++;
    double weight;
    switch (config.averaging()) {
      case UNIFORM:
        weight = 1.0;
        break;
      case LINEAR:
        weight = s.t;
        break;
      default:
        return;
    }
    s.average.add(s.x, weight);
  }
}
