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
 * ProxCoCoA+ ({@link ProxCocoaPlus}) as a method of the one training loop: a step is one communication
 * round. At {@code init} the method derives, from the oracle's P row partitions, a runner of P feature
 * blocks ({@link ProxCocoaBlock}: one exchange, O(nnz)), w = 0; every step runs {@link ProxCocoaPlus#round}
 * and counts it on the oracle (one pass over the columns and the certificate's pass: 2n gradient
 * evaluations for H = one pass). The reported point is the start of the last round, whose duality gap
 * (P − the best lower bound so far) that round computed, so the trace's gap certifies the very point
 * it measures.
 *
 * <p>Applies to the logistic loss with an L1, elastic-net or L2 regularizer ({@link #refuseUnsupported}).
 */
public final class ProxCocoaMethod implements Method<ProxCocoaState> {
  /** H: local coordinate steps per partition per round (0 = one pass over the block's nonempty columns). */
  private final long localSteps;
  private final ProxCocoaPlus.Curvature curvature;
  /** The state of the last {@link #init}: the run's report reads whether the line search ever failed. */
  private ProxCocoaState last;

  /** With the loss's own curvature (proximal Newton model, line search), the default. */
  public ProxCocoaMethod(long localSteps) {
    this(localSteps, ProxCocoaPlus.Curvature.HESSIAN);
  }

  public ProxCocoaMethod(long localSteps, ProxCocoaPlus.Curvature curvature) {
    if (localSteps < 0) throw new IllegalArgumentException("--epoch-length must be >= 1, got " + localSteps);
    if (curvature == null) throw new IllegalArgumentException("a curvature model is required");
    this.localSteps = localSteps;
    this.curvature = curvature;
  }

  @Override
  public String name() {
    return "proxcocoa";
  }

  /**
   * Refuses, with one line, what this ProxCoCoA+ does not solve: its certificate uses the logistic loss's
   * conjugate, and its coordinate steps the prox of λ₁|x| + (λ₂/2)x² with λ₁ + λ₂ &gt; 0.
   */
  public static void refuseUnsupported(Loss loss, Regularizer reg) {
    if (loss != null && !(loss instanceof LogisticLoss)) {
      throw new IllegalArgumentException("--method proxcocoa supports --loss logistic only (its duality gap uses the logistic "
          + "loss's conjugate), got --loss " + loss.name());
    }
    if (!(reg.l2Weight() > 0) && !(reg.l1Weight() > 0)) {
      throw new IllegalArgumentException("--method proxcocoa needs --reg l1:λ, elasticnet:λ,α or l2:λ with λ > 0 (its "
          + "certificate is a duality gap of the regularized problem), got --reg " + reg.spec());
    }
  }

  @Override
  public ProxCocoaState init(double[] w0, ProblemContext ctx) {
    for (double v : w0) {
      if (v != 0.0) throw new IllegalArgumentException("proxcocoa starts from w = 0 (v = Aw = 0); it cannot start from a given w");
    }
    PartitionedOracle oracle = rowOracle(ctx.oracle());
    Loss loss = oracle.objective() instanceof LinearObjective lin ? lin.loss() : null;
    if (loss == null) throw new IllegalArgumentException("--method proxcocoa needs a linear model with a margin loss");
    refuseUnsupported(loss, ctx.regularizer());
    Regularizer reg = ctx.regularizer();
    ProxCocoaPlus.Config c = new ProxCocoaPlus.Config(reg.l1Weight(), reg.l2Weight(), localSteps, ctx.sampling().seed(), curvature);
    var blocks = oracle.derive((p, rows) -> ProxCocoaBlock.ofRows(rows));
    double[] labels = ProxCocoaPlus.layout(blocks, w0.length);
    last = new ProxCocoaState(w0.length, labels, blocks, c);
    return last;
  }

  @Override
  public void step(ProxCocoaState s, ProblemContext ctx) {
    if (s.blocks == null) throw new IllegalStateException("proxcocoa's coordinates live in the partitions: it cannot resume from a checkpoint");
    PartitionedOracle oracle = rowOracle(ctx.oracle());
    long n = oracle.size();
    long t0 = System.nanoTime();
    ProxCocoaPlus.Step r = ProxCocoaPlus.round(s.blocks, s.margins, s.labels, s.accepted, s.config, s.rounds);
    long d = s.certified.length;
    long passes = localSteps > 0 ? Math.max(1, localSteps * oracle.partitionSizes().length / Math.max(1, d)) : 1;
    oracle.countRound(n * (1 + passes), t0, r.slowestTaskNanos());
    if (s.shipped != null) s.shipped.release();
    s.shipped = r.shipped();
    s.certified = r.point();
    s.primal = r.primal();
    s.dual = Math.max(s.dual, r.dual()); // every round's D bounds the same P*
    s.gap = s.primal - s.dual;
    s.margins = r.next();
    s.accepted = r.accepted();
    if (r.searchFailed() && s.config.curvature() != ProxCocoaPlus.Curvature.BOUND) {
      s.config = s.config.with(ProxCocoaPlus.Curvature.BOUND);
      s.boundModelFromRound = s.rounds + 1;
    }
    s.rounds++;
  }

  /**
   * The round from which the last run continued with the paper's bound model because the driver's line
   * search found no descent step for the curvature model, or −1 when it never did (also before a run).
   */
  public long boundModelFromRound() {
    return last == null ? -1 : last.boundModelFromRound();
  }

  private static PartitionedOracle rowOracle(GradientOracle o) {
    if (o instanceof PartitionedOracle p) return p;
    throw new IllegalArgumentException("--method proxcocoa lays whole rows out by features: it needs row partitions "
        + "(in-process or Spark), not " + o.getClass().getSimpleName());
  }
}
