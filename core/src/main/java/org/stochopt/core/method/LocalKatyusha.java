package org.stochopt.core.method;

import java.util.SplittableRandom;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.objective.FiniteSumObjective;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.MethodState;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.oracle.LocalWork;
import org.stochopt.core.oracle.SparseBatchRows;
import org.stochopt.core.reg.ElasticNet;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.rng.Seeds;
import org.stochopt.core.sampling.LocalRowSampler;
import org.stochopt.core.sampling.RowSelection;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * Katyusha with local epochs: the inner loop of minibatch Katyusha (Allen-Zhu, STOC 2017 / JMLR
 * 2018) runs inside every partition on its own rows, and the driver averages the partitions'
 * sequences once per epoch — an accelerated variant of the local-update route (DSVRG, Lee et al.
 * 2015; CoCoA, Jaggi et al. 2014) that turns an epoch of m one-step rounds into one round.
 *
 * <pre>
 *   each round s (two communication rounds):
 *     μ̃ ← ∇f(x̃)                                                     (full-gradient round)
 *     every partition p, from (y, z) of the driver, for h = 0..m−1:   (local round)
 *       x  = τ₁ z + τ₂ x̃ + (1 − τ₁ − τ₂) y
 *       g  = μ̃ + (1/b) Σ_{i∈S_p} ω_i (∇f_i(x) − ∇f_i(x̃))           S_p: b rows of p, ω_i = 1/(n_p p_i)
 *       z ← prox_{αR}(z − α g),   y ← prox_{ηR}(x − η g),   Y_p += θ^h y
 *     y ← Σ_p (n_p/n) y_p,  z ← Σ_p (n_p/n) z_p,  x̃ ← Σ_p (n_p/n) Y_p / Σ_h θ^h
 * </pre>
 *
 * Every step's correction uses the global μ̃, so a partition's g is unbiased for
 * ∇f_p(x) − ∇f_p(x̃) + ∇f(x̃); with partitions that are samples of the same distribution (shuffled
 * rows), ∇f_p − ∇f is O(1/√n_p) and shrinks further as x → x̃, so the averaged trajectory behaves
 * like minibatch Katyusha with minibatch P·b — whose parameters it takes
 * ({@link LocalKatyushaConfig#theory}). Partitions sorted by label break that picture but not the
 * fixed point (at x = x̃ every partition's g is exactly ∇f): on Fashion-MNIST sorted by label the
 * method needed 118 rounds instead of 72 to reach 1e-6.
 * All sequences the driver averages are linear in the partitions' contributions, so the averaged
 * state is a consistent Katyusha state. Rows of step h are drawn from (seed, round, partition, h):
 * the in-process and Spark backends run the same trajectory.
 */
public final class LocalKatyusha implements Method<LocalKatyusha.State>, Safeguarded {
  private final LocalKatyushaConfig config;
  private boolean guarded = true;
  private transient State last;

  public LocalKatyusha(LocalKatyushaConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "local-katyusha";
  }

  public LocalKatyushaConfig config() {
    return config;
  }

  /** Turns the {@link RoundSafeguard} off (tests and experiments: to show what it prevents). */
  public LocalKatyusha unguarded() {
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
    return last == null ? config.step() : last.step;
  }

  /** State: y, z, the anchor x̃ and its gradient, between rounds. */
  public static final class State implements MethodState {
    private static final long serialVersionUID = 1L;
    final double[] y;
    final double[] z;
    final double[] anchor;
    final double[] anchorGradient;
    final double[] averaged;
    final RoundSafeguard guard = RoundSafeguard.defaults();
    double step;
    int localSteps;
    long epoch;
    long t;

    State(double[] x0) {
      int d = x0.length;
      y = x0.clone();
      z = x0.clone();
      anchor = x0.clone();
      anchorGradient = new double[d];
      averaged = new double[3 * d + 1];
    }

    @Override
    public long steps() {
      return t;
    }

    @Override
    public double[] output() {
      return y.clone();
    }

    public double[] anchor() {
      return anchor.clone();
    }
  }

  @Override
  public State init(double[] w0, ProblemContext ctx) {
    State s = new State(w0);
    s.step = config.step();
    last = s;
    int largest = 0;
    for (int size : ctx.oracle().partitionSizes()) largest = Math.max(largest, size);
    // Default m = 2·n_p/b: the epoch length m = 2n/b of Katyusha's paper, for the effective minibatch P·b.
    s.localSteps = config.localSteps() > 0 ? config.localSteps()
        : (int) Math.min(Integer.MAX_VALUE, Math.max(1L, (2L * largest + config.batchSize() - 1) / config.batchSize()));
    return s;
  }

  @Override
  public void step(State s, ProblemContext ctx) {
    last = s;
    int d = s.y.length;
    s.epoch++;
    ctx.oracle().fullGradient(s.anchor, s.anchorGradient);
    double tau1 = config.stronglyConvex() ? config.tau1() : 2.0 / (s.epoch + 3); // Katyusha^ns: 2/(s+4), s = epoch − 1
    double tau2 = config.tau2();
    if (tau1 + tau2 > 1.0) tau1 = 1.0 - tau2;
    PartitionEpoch work = new PartitionEpoch(ctx.regularizer(), config, tau1, s.step, s.localSteps,
        s.y, s.z, s.anchor, s.anchorGradient, ctx.sampling().seed(), s.t);
    ctx.oracle().localRound(work, s.averaged);
    // F at the point this round started from (the previous round's result), from the partitions' losses.
    double startObjective = s.averaged[3 * d] + ctx.regularizer().value(s.y);
    if (guarded) {
      if (!s.guard.accept(startObjective, s.epoch - 1, s.y)) {
        // The previous round raised F: restart at the best y (z = x̃ = y: no momentum, since with z and
        // x̃ elsewhere even a tiny step moves y towards them), half the local step, this round dropped.
        s.step = s.guard.reject(s.t, startObjective, s.step, name(), s.y);
        System.arraycopy(s.y, 0, s.z, 0, d);
        System.arraycopy(s.y, 0, s.anchor, 0, d);
        s.epoch = s.guard.savedCounter();
        s.t++;
        return;
      }
      s.step = s.guard.stepAfterAccept(s.step, config.step());
    }
    double weightSum = work.weightSum();
    System.arraycopy(s.averaged, 0, s.y, 0, d);
    System.arraycopy(s.averaged, d, s.z, 0, d);
    for (int j = 0; j < d; j++) s.anchor[j] = s.averaged[2 * d + j] / weightSum;
    s.t++;
  }

  /**
   * One partition's Katyusha epoch on its own rows (the equations in {@link LocalKatyusha}).
   * Returns [y_p | z_p | Σ_h θ^h y_{p,h} | f_p(y₀)], which the oracle averages with weights n_p/n (so the
   * last entry becomes f(y₀), the loss at the round's start point, for the {@link RoundSafeguard}).
   */
  static final class PartitionEpoch implements LocalWork {
    private static final long serialVersionUID = 1L;
    private static final long STREAM = 0x4C4B4154L; // "LKAT"

    private final Regularizer regularizer;
    private final int batch;
    private final double tau1;
    private final double tau2;
    private final double eta;
    private final double sigma;
    private final int steps;
    private final SamplingScheme sampling;
    private final double[] y0;
    private final double[] z0;
    private final double[] anchor;
    private final double[] anchorGradient;
    private final long seed;
    private final long round;
    private boolean lazy = true;

    PartitionEpoch(Regularizer regularizer, LocalKatyushaConfig c, double tau1, double eta, int steps,
        double[] y, double[] z, double[] anchor, double[] anchorGradient, long seed, long round) {
      this.regularizer = regularizer;
      this.batch = c.batchSize();
      this.tau1 = tau1;
      this.tau2 = c.tau2();
      this.eta = eta;
      this.sigma = c.sigma();
      this.steps = steps;
      this.sampling = c.sampling();
      this.y0 = y.clone();
      this.z0 = z.clone();
      this.anchor = anchor.clone();
      this.anchorGradient = anchorGradient.clone();
      this.seed = seed;
      this.round = round;
    }

    /** θ^h for h = 0..m−1, θ = 1 + min(ασ, 1/(4m)): the anchor weights of the strongly convex analysis. */
    private double theta() {
      return sigma > 0 ? 1.0 + Math.min(eta / tau1 * sigma, 1.0 / (4.0 * steps)) : 1.0;
    }

    /** Σ_h θ^h, the same in every partition (it depends on the configuration only). */
    double weightSum() {
      double theta = theta();
      double sum = 0.0;
      double w = 1.0;
      for (int h = 0; h < steps; h++) {
        sum += w;
        w *= theta;
      }
      return sum;
    }

    @Override
    public int outputLength() {
      return 3 * y0.length + 1;
    }

    /**
     * Whether the epoch runs just-in-time ({@link LazyKatyushaEpoch}): sparse rows, a separable
     * regularizer (L2, L1, elastic net), and minibatches whose support is small next to d.
     */
    boolean lazyApplies(RowBlock block) {
      return lazy && !SparseBatchRows.denseForced() && block instanceof CsrRowBlock && regularizer instanceof ElasticNet
          && 4.0 * batch * block.storedEntries() / Math.max(1, block.rows()) < y0.length;
    }

    /** This epoch on the dense path always (tests compare the two). */
    PartitionEpoch dense() {
      lazy = false;
      return this;
    }

    @Override
    public long gradientsPerPartition() {
      return 2L * steps * batch;
    }

    @Override
    public double[] run(FiniteSumObjective objective, RowBlock block, int partition) {
      int d = y0.length;
      double[] out = new double[3 * d + 1];
      double[] y = y0.clone();
      double[] z = z0.clone();
      if (block.rows() > 0) out[3 * d] = objective.lossSum(y0, block) / block.rows(); // (n_p/n)-averaged: f(y0)
      if (block.rows() == 0) {
        System.arraycopy(y, 0, out, 0, d);
        System.arraycopy(z, 0, out, d, d);
        return out; // weight 0 in the average
      }
      if (lazyApplies(block)) {
        double[] lazy = LazyKatyushaEpoch.run(objective, (CsrRowBlock) block, partition, y0, z0, anchor, anchorGradient,
            tau1, tau2, eta, regularizer.l1Weight(), regularizer.l2Weight(), theta(), steps, batch, sampling, seed, STREAM,
            round);
        System.arraycopy(lazy, 0, out, 0, 3 * d);
        return out;
      }
      double[] x = new double[d];
      GradientSum acc = new GradientSum(d);
      double[] g = acc.gradient();
      LocalRowSampler sampler = new LocalRowSampler(block, sampling, batch);
      double alpha = eta / tau1;
      double theta = theta();
      double weight = 1.0;
      for (int h = 0; h < steps; h++) {
        Katyusha.couple(x, z, anchor, y, tau1, tau2);
        RowSelection rows = sampler.draw(new SplittableRandom(Seeds.child(seed, STREAM, round, partition, h)));
        java.util.Arrays.fill(g, 0.0);
        objective.accumulateDifference(x, anchor, block, rows.rows(), rows.weights(), acc);
        Katyusha.descend(g, batch, anchorGradient, x, z, y, alpha, eta, regularizer);
        for (int j = 0; j < d; j++) out[2 * d + j] += weight * y[j];
        weight *= theta;
      }
      System.arraycopy(y, 0, out, 0, d);
      System.arraycopy(z, 0, out, d, d);
      return out;
    }
  }
}
