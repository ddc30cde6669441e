package org.stochopt.core.method;

import java.io.Serializable;
import org.stochopt.core.optim.ProblemContext;

/**
 * {@link ProxSgd}'s step at O(nnz of the minibatch) on sparse rows ({@link SparseStep} says when):
 * each coordinate remembers the step it is current to and is brought up to date with the closed
 * form of {@link ShrinkingProxSteps} (its skipped steps are prox steps with a zero gradient) just
 * before a row of the minibatch reads it; the weighted average gets the skipped iterates' share
 * at the same moment. All coordinates are brought up to date at the end of every table window and
 * whenever the iterate is read ({@link ProxSgd.State#output()}): O(d) there, not per step.
 */
final class LazySgdSteps implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int maxWindow;
  private final int[] current; // window step each coordinate is current to
  private final SparseStep step;
  private final double[] share = new double[1];
  private ShrinkingProxSteps window;

  LazySgdSteps(int d, int maxWindow) {
    this.maxWindow = maxWindow;
    current = new int[d];
    step = new SparseStep(d);
  }

  /** Windows long enough that their O(d) catch-up costs about as much as one step per step. */
  static LazySgdSteps of(ProblemContext ctx, int batch) {
    int d = ctx.oracle().dimension();
    double perStep = Math.max(1.0, batch * ctx.oracle().sparseBatchRows().meanRowNonzeros());
    return new LazySgdSteps(d, (int) Math.max(64, Math.min(1 << 16, 4.0 * d / perStep)));
  }

  void step(ProxSgd.State s, ProblemContext ctx, ProxSgdConfig config) {
    if (window == null || s.t - window.start() >= window.length()) {
      if (window != null) sync(s);
      double l1 = ctx.regularizer().l1Weight();
      window = new ShrinkingProxSteps(s.t, maxWindow, config.schedule(), config.averaging(), l1,
          ctx.regularizer().l2Weight());
      java.util.Arrays.fill(current, 0);
    }
    int i = (int) (s.t - window.start());
    double eta = window.eta(i);
    int b = config.batchSize();
    step.draw(ctx, s.t, b);
    for (int q = 0; q < step.size(); q++) catchUp(s, step.feature(q), i);
    step.rows().gradient(s.x, step.sum());
    double inv = 1.0 / b;
    for (int q = 0; q < step.size(); q++) {
      int j = step.feature(q);
      s.x[j] = window.prox(s.x[j] - eta * step.takeMean(j, inv), i);
      current[j] = i + 1;
    }
    s.t++;
    double weight = switch (config.averaging()) {
      case UNIFORM -> 1.0;
      case LINEAR -> s.t;
      default -> 0.0;
    };
    if (weight == 0.0) return;
    for (int q = 0; q < step.size(); q++) {
      int j = step.feature(q);
      s.average.addAt(j, weight * s.x[j]);
    }
    s.average.addWeight(weight);
  }

  /** Brings every coordinate of x (and of the average's sum) up to step t. */
  void sync(ProxSgd.State s) {
    if (window == null) return;
    int i = (int) (s.t - window.start());
    for (int j = 0; j < current.length; j++) catchUp(s, j, i);
  }

  private void catchUp(ProxSgd.State s, int j, int i) {
    int from = current[j];
    if (from >= i) return;
    share[0] = 0.0;
    s.x[j] = window.advance(s.x[j], from, i, share);
    if (share[0] != 0.0) s.average.addAt(j, share[0]);
    current[j] = i;
  }
}
