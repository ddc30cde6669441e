package org.stochopt.core.cocoa;

import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.oracle.PartitionedOracle;
import org.stochopt.core.reg.Regularizer;

/**
 * CoCoA+ ({@link CocoaPlus}) as a method of the one training loop: a step is one communication
 * round. At {@code init} the method derives, from the oracle's row partitions, a runner of
 * {@link CocoaBlock}s (the rows and their dual variables, α = 0, next to the rows); every step runs
 * {@link CocoaPlus#round} on it and counts the round on the oracle (H local steps per partition,
 * plus the n margins of the certificate, as gradient evaluations). The reported point is the start
 * of the last round, so the trace's duality gap is the gap at the very point it measures (pure L1:
 * the best point so far, certified by the best lower bound so far).
 *
 * <p>On P ≥ 2 partitions with λ₂ &gt; 0 the rounds run inside the accelerated outer loop of
 * {@link CatalystCocoa} (κ = {@link #DEFAULT_KAPPA_OVER_L2}·λ₂ unless {@code --appa-kappa} gives κ; 0 = plain
 * CoCoA+); the reported point is then the best so far with the best lower bound so far, both for the
 * original problem, and a stalled loop continues as plain CoCoA+ from the same α.
 *
 * <p>Applies to the logistic loss with an L2, elastic-net or L1 regularizer on row partitions
 * ({@link #refuseUnsupported}; pure L1 through the proximal subproblems of {@link CocoaPlus}, with a
 * certificate for the L1 problem itself).
 */
public final class CocoaMethod implements Method<CocoaState> {
  /**
   * κ of the accelerated outer loop ({@link CatalystCocoa}) in units of λ₂ when none is given: on
   * P ≥ 2 partitions. Chosen on hashed text (n = 2·10⁴, d = 2¹⁹, P = 2: rounds to 1e-6 were 34,
   * 28, 20, 15, 20, 23, 29 for κ/λ₂ = 0, 0.5, 1, 2, 3, 5, 10; docs/performance.md).
   */
  public static final double DEFAULT_KAPPA_OVER_L2 = 2.0;

  /** H: local coordinate steps per partition per round (0 = one pass over the partition's rows). */
  private final long localSteps;
  /** κ given by the user (0 = plain CoCoA+), or NaN: {@link #DEFAULT_KAPPA_OVER_L2}·λ₂ on P ≥ 2 partitions, else 0. */
  private final double kappa;
  /** The state of the last {@link #init}: the run's report reads whether the accelerated loop fell back. */
  private CocoaState last;

  public CocoaMethod(long localSteps) {
    this(localSteps, Double.NaN);
  }

  /** @param kappa the accelerated loop's κ ≥ 0 (0: plain CoCoA+), or NaN for the default */
  public CocoaMethod(long localSteps, double kappa) {
    if (localSteps < 0) throw new IllegalArgumentException("--epoch-length must be >= 1, got " + localSteps);
    if (!Double.isNaN(kappa) && !(kappa >= 0 && Double.isFinite(kappa))) {
      throw new IllegalArgumentException("--appa-kappa must be finite and >= 0, got " + kappa);
    }
    this.localSteps = localSteps;
    this.kappa = kappa;
  }

  @Override
  public String name() {
    return "cocoa";
  }

  /** H, or 0 for one pass over each partition's rows. */
  public long localSteps() {
    return localSteps;
  }

  /**
   * Refuses, with one line, what this CoCoA+ does not solve: it has the dual step of the logistic loss
   * only, and needs a regularizer with λ₂ &gt; 0 or λ₁ &gt; 0 (L2, elastic net, or L1 through proximal subproblems).
   */
  public static void refuseUnsupported(Loss loss, Regularizer reg) {
    if (loss != null && !(loss instanceof LogisticLoss)) {
      throw new IllegalArgumentException("--method cocoa supports --loss logistic only (its local SDCA step is the logistic "
          + "loss's dual step), got --loss " + loss.name());
    }
    if (!(reg.l2Weight() > 0) && !(reg.l1Weight() > 0)) {
      throw new IllegalArgumentException("--method cocoa needs --reg l2:λ, elasticnet:λ,α or l1:λ with λ > 0 (CoCoA+ solves the "
          + "dual of a regularized problem), got --reg " + reg.spec());
    }
  }

  @Override
  public CocoaState init(double[] w0, ProblemContext ctx) {
    for (double v : w0) {
      if (v != 0.0) throw new IllegalArgumentException("cocoa starts from α = 0, i.e. w = 0; it cannot start from a given w");
    }
    PartitionedOracle oracle = rowOracle(ctx.oracle());
    Loss loss = oracle.objective() instanceof LinearObjective lin ? lin.loss() : null;
    if (loss == null) throw new IllegalArgumentException("--method cocoa needs a linear model with a margin loss");
    refuseUnsupported(loss, ctx.regularizer());
    if (kappa > 0 && !(ctx.regularizer().l2Weight() > 0)) {
      throw new IllegalArgumentException("--appa-kappa with --method cocoa needs λ₂ > 0 (--reg l2 or elasticnet); pure l1 runs its own "
          + "proximal subproblems");
    }
    CocoaPlus.Config c = config(ctx, oracle.partitionSizes().length);
    CocoaState s = new CocoaState(w0.length, oracle.derive((p, rows) -> CocoaBlock.start(rows)), c.centred() ? new double[w0.length] : null);
    s.config = c;
    s.kappa = c.kappa();
    s.catalyst = c.kappa() > 0 ? new CatalystCocoa(c, CocoaPlus.INITIAL_GAP) : null;
    last = s;
    return s;
  }

  /**
   * The round from which the last run's accelerated loop, having stalled, continued as plain CoCoA+
   * from the same α; −1 when it did not (also for plain runs and before a run).
   */
  public long plainFromRound() {
    return last == null ? -1 : last.fellBackAtRound();
  }

  /** κ of a run on {@code partitions} partitions with this regularizer's λ₂: the given one, or the default. */
  public double kappa(double l2, int partitions) {
    if (!Double.isNaN(kappa)) return kappa;
    return partitions >= 2 && l2 > 0 ? DEFAULT_KAPPA_OVER_L2 * l2 : 0.0;
  }

  /** The reported point is the start of the last round: after the first, still w₀, with the round's full pass there. */
  @Override
  public boolean reportsStartAfterFirstStep() {
    return true;
  }

  @Override
  public void step(CocoaState s, ProblemContext ctx) {
    if (s.blocks == null) throw new IllegalStateException("cocoa's dual variables live in the partitions: it cannot resume from a checkpoint");
    PartitionedOracle oracle = rowOracle(ctx.oracle());
    long n = oracle.size();
    CocoaPlus.Config c = s.config;
    long t0 = System.nanoTime();
    // The round's certificate pass reads every row at w anyway: with the objective it also sums the
    // gradient there, so the trace's measurement of the certified point (the Evaluator) reads no rows.
    LinearObjective objective = oracle.objective() instanceof LinearObjective lin ? lin : null;
    CocoaPlus.Step r = CocoaPlus.round(s.blocks, s.next, n, c, s.center, s.rounds, objective);
    if (r.full() != null) oracle.rememberFullPass(r.point(), r.full());
    long steps = localSteps > 0 ? localSteps * oracle.partitionSizes().length : n;
    oracle.countRound(steps + n, t0, r.slowestTaskNanos());
    if (s.shipped != null) s.shipped.release(); // the previous round's w: its blocks are gone now
    s.shipped = r.shipped();
    s.next = r.next();
    if (s.catalyst != null) {
      s.center = s.catalyst.next(r, s.center);
      s.centreMoves = s.catalyst.moves();
      if (s.center == null) { // the accelerated loop stalled: plain CoCoA+ from the same α
        CatalystCocoa.toPlain(s.next, c);
        s.config = c.plain();
        s.catalyst = null;
        s.fellBackAtRound = s.rounds + 1;
      }
    } else {
      s.center = CocoaPlus.nextCenter(c, r, s.center);
    }
    if ((c.smoothed() || s.kappa > 0) && s.rounds > 0) {
      // Pure L1 and the accelerated loop: w(α) moves away for a few rounds when δ or the centre
      // changes; every round's lower bound holds for the same P*, so the best point so far with the
      // best bound so far is still certified.
      s.dual = Math.max(s.dual, r.dual());
      if (r.primal() < s.primal) {
        s.certified = r.point();
        s.primal = r.primal();
      }
      s.gap = s.primal - s.dual;
    } else {
      s.certified = r.point();
      s.primal = r.primal();
      s.dual = r.dual();
      s.gap = r.gap();
    }
    s.rounds++;
  }

  private CocoaPlus.Config config(ProblemContext ctx, int partitions) {
    double l2 = ctx.regularizer().l2Weight();
    return new CocoaPlus.Config(l2, ctx.regularizer().l1Weight(), localSteps, ctx.sampling().seed(), kappa(l2, partitions));
  }

  private static PartitionedOracle rowOracle(GradientOracle o) {
    if (o instanceof PartitionedOracle p) return p;
    throw new IllegalArgumentException("--method cocoa keeps dual variables next to whole rows: it needs row partitions "
        + "(in-process or Spark), not " + o.getClass().getSimpleName());
  }
}
