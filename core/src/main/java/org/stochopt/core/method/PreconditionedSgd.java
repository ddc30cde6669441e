package org.stochopt.core.method;

import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.MethodState;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.sampling.Minibatch;

/**
 * Preconditioned minibatch SGD:
 *
 * <pre>
 *   B_t     = minibatch t (b rows, from the run's sampling plan)
 *   θ_{t+1} = θ_t − η_t·P·(∇f_{B_t}(θ_t) + λ₂θ_t)
 *   θ̄_T    = Σ_t ω_t θ_t / Σ_t ω_t   (ω_t = 1, t+1, or the last iterate), as in {@link ProxSgd}
 * </pre>
 *
 * P is fixed for the run (formed once from Σ_X before the first step), so the expected direction
 * is P·∇F and the noise is P·(∇f_B − ∇F): preconditioning rescales the gradient noise too, which is
 * why the default step uses tr(PΣ) as well as λ_max(PΣ). Smooth regularizers only, as in
 * {@link PreconditionedGd}. One oracle round per step.
 */
public final class PreconditionedSgd implements Method<PreconditionedSgd.State> {
  private final PreconditionedSgdConfig config;

  public PreconditionedSgd(PreconditionedSgdConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "sgd";
  }

  /** State: θ_t, the weighted running sum for θ̄ and the step counter. */
  public static final class State implements MethodState {
    private static final long serialVersionUID = 1L;
    final double[] x;
    final double[] grad;
    final double[] direction;
    final IterateAverage average;
    long t;

    State(double[] x0) {
      this.x = x0.clone();
      this.grad = new double[x0.length];
      this.direction = new double[x0.length];
      this.average = new IterateAverage(x0.length);
    }

    @Override
    public long steps() {
      return t;
    }

    @Override
    public double[] output() {
      return average.value(x);
    }
  }

  @Override
  public State init(double[] w0, ProblemContext ctx) {
    PreconditionedGd.requireSmooth(ctx, "sgd");
    if (config.preconditioner().dim() != w0.length) {
      throw new IllegalArgumentException("preconditioner of dimension " + config.preconditioner().dim() + " for " + w0.length + " weights");
    }
    return new State(w0);
  }

  @Override
  public void step(State s, ProblemContext ctx) {
    double eta = config.schedule().at(s.t);
    Minibatch batch = ctx.sampling().draw(s.t, config.batchSize());
    ctx.oracle().batchGradient(s.x, batch, s.grad);
    double l2 = ctx.regularizer().l2Weight();
    if (l2 != 0) for (int j = 0; j < s.x.length; j++) s.grad[j] += l2 * s.x[j];
    config.preconditioner().apply(s.grad, s.direction);
    for (int j = 0; j < s.x.length; j++) s.x[j] -= eta * s.direction[j];
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
