package org.stochopt.core.method;

import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.MethodState;
import org.stochopt.core.optim.ProblemContext;

/**
 * Acc-Prox-SVRG inside the APPA / Catalyst accelerated proximal-point loop: the optimal minibatch
 * method proposed by Nitanda, Murata and Suzuki (ICDM 2019; KAIS 63, 2021).
 *
 * <pre>
 *   q = μ/(μ + κ),  a₀ = √q  (a₀ = (√5 − 1)/2 when q = 0),  ρ = 0.9·√q
 *   outer k = 1, 2, ...:
 *     x_k ≈ argmin_u  F(u) + (κ/2)‖u − c_k‖²      Acc-Prox-SVRG, warm-started at x_{k−1}
 *     a_k² = (1 − a_k)·a_{k−1}² + q·a_k,   β_k = a_{k−1}(1 − a_{k−1}) / (a_{k−1}² + a_k)
 *     c_{k+1} = x_k + β_k (x_k − x_{k−1})
 * </pre>
 *
 * Inexact-solve criterion (checked at every inner anchor, where ∇f(x̃) is already known, so it
 * costs no extra round): the subproblem ends when its gradient mapping at the anchor,
 * G = (x̃ − prox_{ηR_c}(x̃ − η∇f(x̃)))/η, satisfies ‖G‖ ≤ ‖G₀‖·(1 − ρ)^{k/2}/2 (linear decrease,
 * matching Catalyst's ε_k ∝ (1 − ρ)^k since F − F* ≤ ‖G‖²/(2μ') up to constants), or
 * ‖G‖ ≤ ‖G₀‖/(k + 1)^{2.05} when μ = 0, or after {@code maxInnerEpochs} epochs. The new
 * subproblem starts from that anchor, whose full gradient is reused. Parameters:
 * {@link AccSvrgAppaConfig#theory}; with κ = 0 this is plain Acc-Prox-SVRG.
 */
public final class AccSvrgAppa implements Method<AccSvrgAppa.State> {
  private final AccSvrgAppaConfig config;

  public AccSvrgAppa(AccSvrgAppaConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "accsvrg-appa";
  }

  public AccSvrgAppaConfig config() {
    return config;
  }

  /** Outer state around the inner Acc-Prox-SVRG state. */
  public static final class State implements MethodState {
    private static final long serialVersionUID = 1L;
    final AccProxSvrg.State inner;
    final double[] center;
    final double[] previousSolution;
    final double[] scratch;
    double a;
    double initialMapping = Double.NaN;
    long outer = 1;
    int innerEpochs;
    boolean started;

    State(double[] x0) {
      inner = new AccProxSvrg.State(x0);
      center = x0.clone();
      previousSolution = x0.clone();
      scratch = new double[x0.length];
    }

    @Override
    public long steps() {
      return inner.t;
    }

    @Override
    public double[] output() {
      return inner.output();
    }

    /** Outer (APPA) iterations begun so far. */
    public long outerIterations() {
      return outer;
    }
  }

  @Override
  public State init(double[] w0, ProblemContext ctx) {
    State s = new State(w0);
    AccProxSvrg.attachLazy(s.inner, ctx, config, config.kappa(), s.center);
    double q = config.mu() / (config.mu() + config.kappa());
    s.a = q > 0 ? Math.sqrt(q) : (Math.sqrt(5.0) - 1.0) / 2.0;
    return s;
  }

  @Override
  public void step(State s, ProblemContext ctx) {
    if (s.inner.inner == 0) {
      AccProxSvrg.refreshAnchor(s.inner, ctx);
      if (config.kappa() > 0) checkSubproblem(s, ctx);
    }
    AccProxSvrg.innerStep(s.inner, ctx, config, config.kappa(), s.center);
  }

  private void checkSubproblem(State s, ProblemContext ctx) {
    double mapping = gradientMappingNorm(s, ctx);
    if (!s.started) {
      s.initialMapping = mapping;
      s.started = true;
      return;
    }
    s.innerEpochs++;
    if (mapping > tolerance(s) && s.innerEpochs < config.maxInnerEpochs()) return;
    // Subproblem k solved well enough: x_k = the anchor; extrapolate the next centre.
    double[] xk = s.inner.anchor;
    double q = config.mu() / (config.mu() + config.kappa());
    double a2 = s.a * s.a;
    double aNext = (-(a2 - q) + Math.sqrt((a2 - q) * (a2 - q) + 4.0 * a2)) / 2.0;
    double beta = s.a * (1.0 - s.a) / (a2 + aNext);
    for (int j = 0; j < xk.length; j++) {
      s.center[j] = xk[j] + beta * (xk[j] - s.previousSolution[j]);
      s.previousSolution[j] = xk[j];
    }
    s.a = aNext;
    s.outer++;
    s.innerEpochs = 0;
  }

  private double tolerance(State s) {
    double q = config.mu() / (config.mu() + config.kappa());
    if (q > 0) return s.initialMapping * Math.pow(1.0 - 0.9 * Math.sqrt(q), s.outer / 2.0) / 2.0;
    return s.initialMapping / Math.pow(s.outer + 1.0, 2.05);
  }

  /** ‖(x̃ − prox_{ηR_c}(x̃ − η∇f(x̃)))/η‖ for the current subproblem, at the fresh anchor. */
  private double gradientMappingNorm(State s, ProblemContext ctx) {
    double eta = config.eta();
    double[] anchor = s.inner.anchor;
    double[] p = s.scratch;
    for (int j = 0; j < p.length; j++) p[j] = anchor[j] - eta * s.inner.anchorGradient[j];
    AccProxSvrg.proxShifted(ctx.regularizer(), p, eta, config.kappa(), s.center);
    double sum = 0.0;
    for (int j = 0; j < p.length; j++) {
      double gj = (anchor[j] - p[j]) / eta;
      sum += gj * gj;
    }
    return Math.sqrt(sum);
  }
}
