package org.stochopt.core.method;

import java.io.Serializable;
import org.stochopt.core.optim.ProblemContext;

/**
 * {@link Katyusha}'s step at O(nnz of the minibatch) on sparse rows ({@link SparseStep} says when).
 * A coordinate that no row of the minibatch has sees g_j = μ̃_j, so its skipped steps (the three
 * sequences and the epoch's θ-weighted sum of y) are {@link KatyushaSkippedSteps}, with tables
 * built once per epoch (τ₁ and θ change only there). Each coordinate remembers the step of the
 * epoch it is current to and is brought up to date just before the coupling reads it; x is formed
 * on the support only. At an anchor, and whenever y is read ({@link Katyusha.State#output()}),
 * every coordinate is brought up to date and written back to the state's dense vectors: O(d)
 * there, not per step.
 */
final class LazyKatyushaSteps implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] st; // records [y, z, anchor sum, μ̃] per coordinate
  private final int[] current; // step of the epoch each coordinate is current to
  private final SparseStep step;
  private KatyushaSkippedSteps skipped;
  private int h; // steps taken in this epoch

  LazyKatyushaSteps(int d) {
    st = new double[4 * d];
    current = new int[d];
    step = new SparseStep(d);
  }

  /** After the dense anchor refresh: loads y, z and μ̃, and this epoch's tables. */
  void startEpoch(Katyusha.State s, double tau1, double tau2, double eta, double theta, int steps, ProblemContext ctx) {
    int d = current.length;
    for (int j = 0; j < d; j++) {
      st[4 * j] = s.y[j];
      st[4 * j + 1] = s.z[j];
      st[4 * j + 2] = s.weightedY[j];
      st[4 * j + 3] = s.anchorGradient[j];
    }
    java.util.Arrays.fill(current, 0);
    h = 0;
    skipped = new KatyushaSkippedSteps(tau1, tau2, eta, ctx.regularizer().l1Weight(), ctx.regularizer().l2Weight(),
        theta, steps);
  }

  /** One step: coupling on the support, the minibatch difference, descent on the support. */
  void step(Katyusha.State s, ProblemContext ctx, int batch) {
    step.draw(ctx, s.t, batch);
    for (int q = 0; q < step.size(); q++) {
      int j = step.feature(q);
      skipped.advance(st, s.anchor, j, current[j], h);
      s.x[j] = skipped.couple(st, s.anchor, j);
    }
    step.rows().difference(s.x, s.anchor, step.sum());
    double inv = 1.0 / batch;
    for (int q = 0; q < step.size(); q++) {
      int j = step.feature(q);
      double gj = step.takeMean(j, inv) / 1.0 + st[4 * j + 3]; // Katyusha.descend's g with divisor 1
      skipped.descend(st, j, s.x[j], gj, h);
      current[j] = h + 1;
    }
    h++;
  }

  /** Brings every coordinate up to the current step and writes y, z and the weighted sum of y back to the state. */
  void sync(Katyusha.State s) {
    if (skipped == null) return;
    for (int j = 0; j < current.length; j++) {
      skipped.advance(st, s.anchor, j, current[j], h);
      current[j] = h;
      s.y[j] = st[4 * j];
      s.z[j] = st[4 * j + 1];
      s.weightedY[j] = st[4 * j + 2];
    }
  }
}
