package org.stochopt.core.method;

import java.io.Serializable;
import org.stochopt.core.optim.ProblemContext;

/**
 * {@link AccProxSvrg}'s inner step (plain or inside {@link AccSvrgAppa}) at O(nnz of the
 * minibatch) on sparse rows ({@link SparseStep} says when). Where no row of the minibatch has
 * feature j the variance-reduced gradient is μ̃_j, so the skipped steps of (x_j, y_j) are {@link
 * MomentumProxSteps}; each coordinate remembers the step of the epoch it is current to and is
 * brought up to date just before a row reads y_j. At an anchor refresh (where APPA may also move
 * its centre) and whenever x is read ({@link AccProxSvrg.State#output()}) every coordinate is
 * brought up to date: O(d) there, not per step.
 */
final class LazyAccSvrgSteps implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] current; // step of the epoch each coordinate is current to
  private final SparseStep step;
  private final MomentumProxSteps skipped;
  private final double[] center; // APPA's centre (the outer state's array, moved only at anchors), or null
  private int h; // steps taken in this epoch

  LazyAccSvrgSteps(int d, AccSvrgAppaConfig config, double kappa, double[] center, ProblemContext ctx) {
    this.center = kappa == 0.0 ? null : center;
    current = new int[d];
    step = new SparseStep(d);
    skipped = new MomentumProxSteps(config.eta(), config.beta(), kappa, ctx.regularizer().l1Weight(),
        ctx.regularizer().l2Weight(), (int) config.epochLength());
  }

  /** One step on F + (κ/2)‖· − center‖². */
  void step(AccProxSvrg.State s, ProblemContext ctx, int batch) {
    step.draw(ctx, s.t, batch);
    for (int q = 0; q < step.size(); q++) catchUp(s, step.feature(q));
    step.rows().difference(s.y, s.anchor, step.sum());
    double inv = 1.0 / batch;
    for (int q = 0; q < step.size(); q++) {
      int j = step.feature(q);
      skipped.descend(s.x, s.y, j, step.takeMean(j, inv) + s.anchorGradient[j], center == null ? 0.0 : center[j]);
      current[j] = h + 1;
    }
    h++;
  }

  /** Brings every coordinate of x and y up to the current step. */
  void sync(AccProxSvrg.State s) {
    for (int j = 0; j < current.length; j++) catchUp(s, j);
  }

  /** After an anchor refresh: every coordinate is current to step 0 of the new epoch. */
  void restart() {
    java.util.Arrays.fill(current, 0);
    h = 0;
  }

  private void catchUp(AccProxSvrg.State s, int j) {
    int k = h - current[j];
    if (k <= 0) return;
    skipped.advance(s.x, s.y, j, s.anchorGradient[j], center == null ? 0.0 : center[j], k);
    current[j] = h;
  }
}
