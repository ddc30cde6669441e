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
 * <p>Applies to the logistic loss with an L2, elastic-net or L1 regularizer on row partitions
 * ({@link #refuseUnsupported}; pure L1 through the proximal subproblems of {@link CocoaPlus}, with a
 * certificate for the L1 problem itself).
 */
public final class CocoaMethod implements Method<CocoaState> {
  /** H: local coordinate steps per partition per round (0 = one pass over the partition's rows). */
  private final long localSteps;

  public CocoaMethod(long localSteps) {
    if (localSteps < 0) throw new IllegalArgumentException("--epoch-length must be >= 1, got " + localSteps);
    this.localSteps = localSteps;
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
    CocoaPlus.Config c = config(ctx);
    return new CocoaState(w0.length, oracle.derive((p, rows) -> CocoaBlock.start(rows)), c.smoothed() ? new double[w0.length] : null);
  }

  @Override
  public void step(CocoaState s, ProblemContext ctx) {
    if (s.blocks == null) throw new IllegalStateException("cocoa's dual variables live in the partitions: it cannot resume from a checkpoint");
    PartitionedOracle oracle = rowOracle(ctx.oracle());
    long n = oracle.size();
    CocoaPlus.Config c = config(ctx);
    long t0 = System.nanoTime();
    CocoaPlus.Step r = CocoaPlus.round(s.blocks, s.next, n, c, s.center, s.rounds);
    long steps = localSteps > 0 ? localSteps * oracle.partitionSizes().length : n;
    oracle.countRound(steps + n, t0, r.slowestTaskNanos());
    if (s.shipped != null) s.shipped.release(); // the previous round's w: its blocks are gone now
    s.shipped = r.shipped();
    s.next = r.next();
    s.center = CocoaPlus.nextCenter(c, r, s.center);
    if (c.smoothed() && s.rounds > 0) {
      // Pure L1: a smaller δ moves w(α) away for a few rounds; every round's lower bound holds for the
      // same P*, so the best point so far with the best bound so far is still certified.
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

  private CocoaPlus.Config config(ProblemContext ctx) {
    return new CocoaPlus.Config(ctx.regularizer().l2Weight(), ctx.regularizer().l1Weight(), localSteps, ctx.sampling().seed());
  }

  private static PartitionedOracle rowOracle(GradientOracle o) {
    if (o instanceof PartitionedOracle p) return p;
    throw new IllegalArgumentException("--method cocoa keeps dual variables next to whole rows: it needs row partitions "
        + "(in-process or Spark), not " + o.getClass().getSimpleName());
  }
}
