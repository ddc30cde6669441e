package org.stochopt.core.method;

import java.io.Serializable;
import org.stochopt.core.optim.ProblemContext;

/**
 * {@link Dasvrda}'s inner step at O(nnz of the minibatch) on sparse rows ({@link SparseStep} says
 * when). Where no row of the minibatch has feature j the variance-reduced gradient is μ̃_j, so the
 * skipped steps of coordinate j (x_j, z_j and the dual average ḡ_j) are {@link
 * DualAveragingSkippedSteps}; each coordinate remembers the inner step it is current to and is
 * brought up to date just before the coupling y = (1 − a)x + a z reads it, so y is formed on the
 * support only. The outer step (ỹ, the full gradient) stays dense: it is once per m steps. Every
 * coordinate is brought up to date at the end of an outer iteration and whenever the iterate is
 * read ({@link Dasvrda.State#output()}).
 */
final class LazyDasvrdaSteps implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] current; // inner step each coordinate is current to
  private final SparseStep step;
  private final DualAveragingSkippedSteps skipped;

  LazyDasvrdaSteps(int d, DasvrdaConfig config, ProblemContext ctx) {
    current = new int[d];
    step = new SparseStep(d);
    skipped = new DualAveragingSkippedSteps(config.eta(), ctx.regularizer().l1Weight(), ctx.regularizer().l2Weight(),
        (int) config.epochLength());
  }

  /** Inner step {@code s.inner} (already counted) of the current outer iteration. */
  void step(Dasvrda.State s, ProblemContext ctx, int batch) {
    int k = (int) s.inner;
    double a = 1.0 / ((k + 1) / 2.0);
    step.draw(ctx, s.t, batch);
    for (int q = 0; q < step.size(); q++) {
      int j = step.feature(q);
      catchUp(s, j, k - 1);
      s.y[j] = (1.0 - a) * s.x[j] + a * s.z[j];
    }
    step.rows().difference(s.y, s.anchor, step.sum());
    double inv = 1.0 / batch;
    for (int q = 0; q < step.size(); q++) {
      int j = step.feature(q);
      skipped.descend(s.x, s.z, s.gBar, s.outerStart[j], s.anchorGradient[j], step.takeMean(j, inv), j, k);
      current[j] = k;
    }
  }

  /** Brings every coordinate up to the current inner step. */
  void sync(Dasvrda.State s) {
    for (int j = 0; j < current.length; j++) catchUp(s, j, (int) s.inner);
  }

  /** After the dense outer step (x = z = ỹ, ḡ = 0): every coordinate is current to inner step 0. */
  void restart() {
    java.util.Arrays.fill(current, 0);
  }

  private void catchUp(Dasvrda.State s, int j, int k) {
    if (current[j] >= k) return;
    skipped.advance(s.x, s.z, s.gBar, s.outerStart[j], s.anchorGradient[j], j, current[j], k);
    current[j] = k;
  }
}
