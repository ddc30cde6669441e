package org.stochopt.core.method;

import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.MethodState;
import org.stochopt.core.optim.ProblemContext;

/**
 * Preconditioned full-batch gradient descent (Amari et al., ICLR 2021, eq. 1.1):
 *
 * <pre>
 *   θ_{t+1} = θ_t − η·P·(∇f(θ_t) + λ₂θ_t),      f(θ) = (1/n) Σ φ(⟨θ, x_i⟩; y_i)
 * </pre>
 *
 * P = I is GD; P = (Σ_X + εI)⁻¹ is natural-gradient descent for the squared loss (whose Fisher is
 * Σ_X); fractional and additive powers interpolate (see {@link org.stochopt.core.precond.PreconditionerSpec}).
 * With the squared loss, no regularizer and θ_0 = 0 the iterates stay in range(P Xᵀ) and converge
 * to the interpolant of least P⁻¹-norm, θ_∞ = P Xᵀ (X P Xᵀ)⁻¹ y (n &lt; d), or to the least-squares
 * solution (n ≥ d, X full rank) whatever P is.
 *
 * <p>The regularizer must be smooth (none or l2): its gradient λ₂θ is preconditioned with the data
 * term. A prox step in the P-metric is not the separable prox the regularizers provide, so l1 is
 * refused rather than silently applied in the wrong metric. One oracle round (a full pass) per step.
 */
public final class PreconditionedGd implements Method<PreconditionedGd.State> {
  private final PreconditionedGdConfig config;

  public PreconditionedGd(PreconditionedGdConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "gd";
  }

  /** State: θ_t and the step counter; the gradient buffers are scratch. */
  public static final class State implements MethodState {
    private static final long serialVersionUID = 1L;
    final double[] x;
    final double[] grad;
    final double[] direction;
    long t;

    State(double[] x0) {
      this.x = x0.clone();
      this.grad = new double[x0.length];
      this.direction = new double[x0.length];
    }

    @Override
    public long steps() {
      return t;
    }

    @Override
    public double[] output() {
      return x.clone();
    }
  }

  @Override
  public State init(double[] w0, ProblemContext ctx) {
    requireSmooth(ctx, "gd");
    if (config.preconditioner().dim() != w0.length) {
      throw new IllegalArgumentException("preconditioner of dimension " + config.preconditioner().dim() + " for " + w0.length + " weights");
    }
    return new State(w0);
  }

  @Override
  public void step(State s, ProblemContext ctx) {
    ctx.oracle().fullGradient(s.x, s.grad);
    double l2 = ctx.regularizer().l2Weight();
    if (l2 != 0) for (int j = 0; j < s.x.length; j++) s.grad[j] += l2 * s.x[j];
    config.preconditioner().apply(s.grad, s.direction);
    double eta = config.step();
    for (int j = 0; j < s.x.length; j++) s.x[j] -= eta * s.direction[j];
    s.t++;
  }

  static void requireSmooth(ProblemContext ctx, String method) {
    if (ctx.regularizer().l1Weight() != 0) {
      throw new IllegalArgumentException("--method " + method + " with a preconditioner needs a smooth regularizer (none or l2:λ), got "
          + ctx.regularizer().spec());
    }
  }
}
