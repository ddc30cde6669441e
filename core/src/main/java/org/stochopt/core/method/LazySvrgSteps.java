package org.stochopt.core.method;

import java.io.Serializable;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.oracle.DriftProxSteps;

/**
 * {@link ProxSvrg}'s inner step at O(nnz of the minibatch) on sparse rows ({@link SparseStep} says
 * when). Where no row of the minibatch has feature j, the variance-reduced gradient is the constant
 * μ̃_j, so the skipped steps of coordinate j are {@link DriftProxSteps} (closed form for L2, L1 and
 * the elastic net, O(log k) per catch-up); each coordinate remembers the inner step it is current
 * to and is brought up to date just before a row reads it, the sum of inner iterates (for the
 * averaged anchor) with it. Every coordinate is brought up to date at an anchor and whenever the
 * iterate is read ({@link ProxSvrg.State#output()}): O(d) there, not per step.
 */
final class LazySvrgSteps implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] current; // inner step each coordinate is current to
  private final SparseStep step;
  private final DriftProxSteps skipped;
  private final double[] share = new double[1];

  LazySvrgSteps(int d, ProxSvrgConfig config, ProblemContext ctx) {
    current = new int[d];
    step = new SparseStep(d);
    skipped = new DriftProxSteps(config.eta(), ctx.regularizer().l1Weight(), ctx.regularizer().l2Weight(),
        (int) config.epochLength());
  }

  /** One inner step (the anchor is already fresh). */
  void step(ProxSvrg.State s, ProblemContext ctx, ProxSvrgConfig config) {
    int h = (int) s.innerSteps;
    int b = config.batchSize();
    step.draw(ctx, s.t, b);
    for (int q = 0; q < step.size(); q++) catchUp(s, step.feature(q), h);
    step.rows().difference(s.x, s.anchor, step.sum());
    double inv = 1.0 / b;
    for (int q = 0; q < step.size(); q++) {
      int j = step.feature(q);
      s.x[j] = skipped.step(s.x[j], step.takeMean(j, inv) + s.anchorGradient[j]);
      s.innerSum[j] += s.x[j];
      current[j] = h + 1;
    }
    s.innerSteps++;
    s.t++;
  }

  /** Brings every coordinate of x and of the inner sum up to the current inner step. */
  void sync(ProxSvrg.State s) {
    for (int j = 0; j < current.length; j++) catchUp(s, j, (int) s.innerSteps);
  }

  /** After an anchor refresh: every coordinate is current to inner step 0. */
  void restart() {
    java.util.Arrays.fill(current, 0);
  }

  private void catchUp(ProxSvrg.State s, int j, int h) {
    int k = h - current[j];
    if (k <= 0) return;
    share[0] = 0.0;
    s.x[j] = skipped.advance(s.x[j], s.anchorGradient[j], k, share);
    s.innerSum[j] += share[0];
    current[j] = h;
  }
}
