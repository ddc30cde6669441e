package org.stochopt.core.method;

import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.MethodState;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.sampling.Minibatch;

/**
 * DASVRDA, the doubly accelerated stochastic variance reduced dual averaging method (Murata and
 * Suzuki, NeurIPS 2017): an outer Nesterov-type momentum with an extra term towards the last
 * dual point, around an inner one-pass accelerated SVRDA.
 *
 * <pre>
 *   outer iteration s = 1, 2, ...  (θ̃_s = (1 − 1/γ)(s + 2)/2, θ̃_0 = 1 − 1/γ)
 *     ỹ = x̃_{s−1} + ((θ̃_{s−1} − 1)/θ̃_s)(x̃_{s−1} − x̃_{s−2}) + (θ̃_{s−1}/θ̃_s)(z̃_{s−1} − x̃_{s−1})
 *     μ̃ = ∇f(x̃_{s−1})                                                   (one full-gradient round)
 *     x = z = z₀ = ỹ,  ḡ = 0
 *     inner k = 1..m  (θ_k = (k + 1)/2, θ₀ = 1/2):
 *       y  = (1 − 1/θ_k) x + (1/θ_k) z
 *       g  = ∇f_B(y) − ∇f_B(x̃_{s−1}) + μ̃                                 (one round, 2b gradients)
 *       ḡ  = (1 − 1/θ_k) ḡ + (1/θ_k) g                                    (dual average)
 *       z  = prox_{c R}(z₀ − c ḡ),   c = η θ_k θ_{k−1}                    (anchored at z₀, not at z)
 *       x  = (1 − 1/θ_k) x + (1/θ_k) z
 *     (x̃_s, z̃_s) = (x, z)
 * </pre>
 *
 * The strongly convex variant restarts this every U outer iterations (x̃_{−1} = x̃_0 = z̃_0 = the
 * current x̃); the adaptive option also restarts when ⟨ỹ_s − x̃_s, x̃_s − x̃_{s−1}⟩ > 0. Parameters:
 * {@link DasvrdaConfig#theory}. The reported point is the inner x, the primal average.
 *
 * <p>On sparse rows with a small minibatch ({@link SparseStep#applies}) an inner step costs O(nnz
 * of the minibatch) instead of O(d): {@link LazyDasvrdaSteps}, same iterates to 1e-12 relative.
 */
public final class Dasvrda implements Method<Dasvrda.State> {
  private final DasvrdaConfig config;

  public Dasvrda(DasvrdaConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "dasvrda";
  }

  public DasvrdaConfig config() {
    return config;
  }

  /** State of the outer and the inner loop. */
  public static final class State implements MethodState {
    private static final long serialVersionUID = 1L;
    final double[] anchor; // x̃_{s−1}
    final double[] previousAnchor; // x̃_{s−2}
    final double[] anchorDual; // z̃_{s−1}
    final double[] anchorGradient;
    final double[] outerStart; // ỹ_s
    final double[] x;
    final double[] z;
    final double[] y;
    final double[] gBar;
    final double[] g;
    /** The O(nnz) path's bookkeeping, or null on the dense path. */
    LazyDasvrdaSteps lazy;
    double thetaOuterPrevious;
    long outer; // s, counted from 1 since the last restart
    long inner; // k within the current outer iteration
    long restarts;
    long t;

    State(double[] x0, double gamma) {
      int d = x0.length;
      anchor = x0.clone();
      previousAnchor = x0.clone();
      anchorDual = x0.clone();
      anchorGradient = new double[d];
      outerStart = x0.clone();
      x = x0.clone();
      z = x0.clone();
      y = new double[d];
      gBar = new double[d];
      g = new double[d];
      thetaOuterPrevious = 1.0 - 1.0 / gamma;
      outer = 0;
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

    public long restarts() {
      return restarts;
    }
  }

  @Override
  public State init(double[] w0, ProblemContext ctx) {
    State s = new State(w0, config.gamma());
    if (config.epochLength() <= ProxSvrg.MAX_LAZY_EPOCH && SparseStep.applies(ctx, config.batchSize())) {
      s.lazy = new LazyDasvrdaSteps(w0.length, config, ctx);
    }
    return s;
  }

  @Override
  public void step(State s, ProblemContext ctx) {
    int d = s.x.length;
    if (s.inner == 0) startOuter(s, ctx);
    s.inner++;
    if (s.lazy != null) {
      s.lazy.step(s, ctx, config.batchSize());
      s.t++;
      if (s.inner == config.epochLength()) {
        s.lazy.sync(s);
        finishOuter(s);
      }
      return;
    }
    double theta = (s.inner + 1) / 2.0;
    double thetaPrev = s.inner / 2.0;
    double a = 1.0 / theta;
    for (int j = 0; j < d; j++) s.y[j] = (1.0 - a) * s.x[j] + a * s.z[j];
    Minibatch batch = ctx.sampling().draw(s.t, config.batchSize());
    ctx.oracle().batchGradientDifference(s.y, s.anchor, batch, s.g);
    double c = config.eta() * theta * thetaPrev;
    for (int j = 0; j < d; j++) {
      s.gBar[j] = (1.0 - a) * s.gBar[j] + a * (s.g[j] + s.anchorGradient[j]);
      s.z[j] = s.outerStart[j] - c * s.gBar[j];
    }
    ctx.regularizer().prox(s.z, c, s.z);
    for (int j = 0; j < d; j++) s.x[j] = (1.0 - a) * s.x[j] + a * s.z[j];
    s.t++;
    if (s.inner == config.epochLength()) finishOuter(s);
  }

  private void startOuter(State s, ProblemContext ctx) {
    boolean periodic = config.restartPeriod() > 0 && s.outer >= config.restartPeriod();
    if (periodic) restart(s);
    s.outer++;
    double thetaOuter = thetaOuter(s.outer);
    double c1 = (s.thetaOuterPrevious - 1.0) / thetaOuter;
    double c2 = s.thetaOuterPrevious / thetaOuter;
    for (int j = 0; j < s.x.length; j++) {
      s.outerStart[j] = s.anchor[j] + c1 * (s.anchor[j] - s.previousAnchor[j]) + c2 * (s.anchorDual[j] - s.anchor[j]);
    }
    s.thetaOuterPrevious = thetaOuter;
    ctx.oracle().fullGradient(s.anchor, s.anchorGradient);
    System.arraycopy(s.outerStart, 0, s.x, 0, s.x.length);
    System.arraycopy(s.outerStart, 0, s.z, 0, s.z.length);
    java.util.Arrays.fill(s.gBar, 0.0);
    if (s.lazy != null) s.lazy.restart();
  }

  private void finishOuter(State s) {
    boolean adaptive = false;
    if (config.restart() == DasvrdaConfig.Restart.ADAPTIVE) {
      // ⟨ỹ_s − x̃_s, x̃_s − x̃_{s−1}⟩ > 0: the extrapolation overshot, so drop the momentum.
      double dot = 0.0;
      for (int j = 0; j < s.x.length; j++) dot += (s.outerStart[j] - s.x[j]) * (s.x[j] - s.anchor[j]);
      adaptive = dot > 0;
    }
    System.arraycopy(s.anchor, 0, s.previousAnchor, 0, s.x.length);
    System.arraycopy(s.x, 0, s.anchor, 0, s.x.length);
    System.arraycopy(s.z, 0, s.anchorDual, 0, s.z.length);
    s.inner = 0;
    if (adaptive) restart(s);
  }

  /** x̃_{−1} = x̃_0 = z̃_0 = the current anchor; the outer counter starts again. */
  private void restart(State s) {
    System.arraycopy(s.anchor, 0, s.previousAnchor, 0, s.anchor.length);
    System.arraycopy(s.anchor, 0, s.anchorDual, 0, s.anchor.length);
    s.thetaOuterPrevious = 1.0 - 1.0 / config.gamma();
    s.outer = 0;
    s.restarts++;
  }

  private double thetaOuter(long outerIndex) {
    return (1.0 - 1.0 / config.gamma()) * (outerIndex + 2) / 2.0;
  }

}
