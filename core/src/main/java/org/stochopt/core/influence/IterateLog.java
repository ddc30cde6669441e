package org.stochopt.core.influence;

import java.util.ArrayList;
import java.util.List;

/**
 * What the backward replay needs from training, under a memory bound: θ_t at every K-th step
 * (θ₀, θ_K, θ_{2K}, …) plus θ_T; the iterates between two checkpoints are recomputed forward from
 * the earlier one when the replay reaches that segment (the steps are pure functions of (θ_t, t),
 * so the recomputed iterates are bit-identical to training's). The step sizes are a function of t
 * ({@link SgdSettings#eta}) and the batches come back from the seed, so neither is stored.
 *
 * <p>Memory, in parameters: (⌈T/K⌉ + 1)·p for the checkpoints, plus K·p for one recomputed
 * segment when K &gt; 1. K = 1 keeps every iterate ((T + 1)·p) and recomputes nothing; larger K
 * costs one more forward pass of training in total. {@link #intervalFor} picks the smallest K
 * that fits a budget (the minimum, near K = √T, is about 2√T·p).
 */
public final class IterateLog {
  private final int every;
  private final long steps;
  private final List<double[]> checkpoints = new ArrayList<>();
  private double[] last;

  public IterateLog(int every, long steps) {
    if (every < 1) throw new IllegalArgumentException("checkpoint interval must be ≥ 1");
    this.every = every;
    this.steps = steps;
  }

  /** Bytes kept for T steps of p parameters with interval K. */
  public static long bytes(long steps, int p, int every) {
    long kept = (steps + every - 1) / every + 1 + (every > 1 ? every : 0);
    return 8L * p * kept;
  }

  /**
   * The smallest K whose {@link #bytes} fit {@code budgetBytes}; a one-line error when even the best
   * K does not fit.
   */
  public static int intervalFor(long steps, int p, long budgetBytes) {
    if (bytes(steps, p, 1) <= budgetBytes) return 1;
    int best = (int) Math.max(2, Math.min(Integer.MAX_VALUE, Math.round(Math.sqrt(steps))));
    if (bytes(steps, p, best) > budgetBytes) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "the replay of %d steps of %d parameters needs at least %.1f MB (checkpoints every %d steps); raise --replay-memory-mb",
          steps, p, bytes(steps, p, best) / 1e6, best));
    }
    // bytes(K) decreases on [2, √T]: binary search for the smallest fitting K
    int lo = 2;
    int hi = best;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (bytes(steps, p, mid) <= budgetBytes) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  public int every() {
    return every;
  }

  /** Trains the whole run, keeping the checkpoints; returns θ_T. */
  public double[] record(ReplayableSgd sgd) {
    double[] theta = sgd.initial();
    checkpoints.clear();
    checkpoints.add(theta.clone());
    for (long t = 0; t < steps; t++) {
      sgd.step(theta, t);
      if ((t + 1) % every == 0 && t + 1 < steps) checkpoints.add(theta.clone());
    }
    last = theta.clone();
    return theta;
  }

  /** Records a step during an external loop: {@code theta} is θ_{t+1} just after step t. */
  public void start(double[] theta0) {
    checkpoints.clear();
    checkpoints.add(theta0.clone());
  }

  /** See {@link #start}. */
  public void afterStep(long t, double[] theta) {
    if ((t + 1) % every == 0 && t + 1 < steps) checkpoints.add(theta.clone());
    if (t + 1 == steps) last = theta.clone();
  }

  public double[] last() {
    if (last == null) throw new IllegalStateException("the run has not finished");
    return last.clone();
  }

  public long steps() {
    return steps;
  }

  /**
   * θ_s for s in segment [cK, min((c+1)K, T)) of step {@code t}: the checkpoint itself and the
   * iterates recomputed forward from it, index s − cK.
   */
  public double[][] segmentOf(long t, ReplayableSgd sgd) {
    int c = (int) (t / every);
    long from = (long) c * every;
    long to = Math.min(from + every, steps);
    double[][] out = new double[(int) (to - from)][];
    double[] theta = checkpoints.get(c).clone();
    for (long s = from; s < to; s++) {
      out[(int) (s - from)] = theta.clone();
      if (s + 1 < to) sgd.step(theta, s);
    }
    return out;
  }

  /** Bytes currently held (checkpoints and θ_T). */
  public long heldBytes() {
    long b = 0;
    for (double[] c : checkpoints) b += 8L * c.length;
    return b + (last == null ? 0 : 8L * last.length);
  }
}
