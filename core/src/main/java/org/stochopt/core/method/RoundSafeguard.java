package org.stochopt.core.method;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The monotonicity guard of the local (communication-efficient) methods: every round learns F at
 * the point the driver sent (each partition returns its mean loss there, one more number in the
 * round's reduce), and a round whose start point is above the best F seen so far, by more than a
 * relative {@code tolerance}, proves that the previous round went wrong. Then the method goes back
 * to the best point (the guard keeps a copy of the state it started from), multiplies its local
 * step by {@code damping}, and runs that round again. An accelerated method also drops its momentum
 * there (restart, as in O'Donoghue and Candès 2015): Katyusha's y is coupled to z and x̃, so a smaller
 * step alone would not make its round a descent step.
 *
 * <p>Why it is needed: a local method's step is tuned for the global problem, while its partitions
 * take many steps on their own rows — when d ≫ n the rows of different partitions span nearly
 * disjoint subspaces, a partition's f_p is up to P times more curved than f on its own directions
 * and the averaged local trajectories can lose stability (docs/performance.md, "sparse, d ≫ n").
 * The guard turns that into a logged, bounded cost (one wasted round per rejection) instead of a
 * silently rising objective. After {@code maxRejections} consecutive rejections it gives up, and the
 * method reports divergence.
 *
 * <p>Comparing with the best, not the previous, value catches slow climbs too: an accepted point
 * is never more than {@code tolerance·max(1, |F_best|)} above the best.
 */
public final class RoundSafeguard implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One rejected round: its number, the F it led to, the best F, and the local step from then on. */
  public record Rejection(long round, double objective, double best, double newStep) implements Serializable {}

  private final double tolerance;
  private final double damping;
  private final int maxRejections;
  private double best = Double.POSITIVE_INFINITY;
  private double[][] saved;
  private long savedCounter;
  private int consecutive;
  private int accepted;
  private final List<Rejection> rejections = new ArrayList<>();

  public RoundSafeguard(double tolerance, double damping, int maxRejections) {
    if (!(tolerance >= 0) || !(damping > 0 && damping < 1) || maxRejections <= 0) {
      throw new IllegalArgumentException("safeguard needs tolerance >= 0, damping in (0, 1) and maxRejections > 0");
    }
    this.tolerance = tolerance;
    this.damping = damping;
    this.maxRejections = maxRejections;
  }

  /** Defaults: tolerance 1e-10 relative (far below any target), halving, at most 40 rejections in a row. */
  public static RoundSafeguard defaults() {
    return new RoundSafeguard(1e-10, 0.5, 40);
  }

  /**
   * Judges F at the start of a round. Accepted: remembers F and copies {@code state} (the vectors the
   * round starts from) and {@code counter} (a method counter to restore with them), returns true.
   * Rejected: returns false; the caller then calls {@link #restoreInto} and damps its step.
   */
  public boolean accept(double objective, long counter, double[]... state) {
    if (Double.isFinite(objective) && objective <= best + tolerance * Math.max(1.0, Math.abs(best))) {
      best = Math.min(best, objective);
      if (saved == null) {
        saved = new double[state.length][];
        for (int i = 0; i < state.length; i++) saved[i] = state[i].clone();
      } else {
        for (int i = 0; i < state.length; i++) System.arraycopy(state[i], 0, saved[i], 0, state[i].length);
      }
      savedCounter = counter;
      consecutive = 0;
      accepted++;
      return true;
    }
    return false;
  }

  /**
   * Records a rejection of round {@code round} (whose start F was {@code objective}), copies the saved
   * state back into {@code state} and returns the damped step {@code step·damping}.
   *
   * @throws org.stochopt.core.optim.DivergenceException after maxRejections rejections in a row
   */
  public double reject(long round, double objective, double step, String method, double[]... state) {
    if (saved == null) throw new IllegalStateException("nothing to go back to: no round was accepted");
    consecutive++;
    accepted = 0;
    double newStep = step * damping;
    rejections.add(new Rejection(round, objective, best, newStep));
    if (consecutive > maxRejections) {
      throw new org.stochopt.core.optim.DivergenceException(method + " diverged: " + consecutive
          + " rounds in a row increased the objective (best " + best + ", last " + objective
          + ") although the local step was damped to " + newStep + "; reduce --step or use fewer --local-steps");
    }
    for (int i = 0; i < state.length; i++) System.arraycopy(saved[i], 0, state[i], 0, state[i].length);
    return newStep;
  }

  /**
   * The step for the next round after an accepted one: back up by 1/damping (at most to
   * {@code configured}) after {@value #REGROW_AFTER} accepted rounds in a row, so that one unlucky
   * round early on does not slow the whole run; an unstable configured step then costs one rejected
   * round in every {@value #REGROW_AFTER} + 1.
   */
  public double stepAfterAccept(double step, double configured) {
    if (step < configured && accepted >= REGROW_AFTER) {
      accepted = 0;
      return Math.min(configured, step / damping);
    }
    return step;
  }

  /** Accepted rounds in a row after which a damped step is allowed to grow again. */
  public static final int REGROW_AFTER = 10;

  /** The method counter saved with the accepted state. */
  public long savedCounter() {
    return savedCounter;
  }

  public double best() {
    return best;
  }

  public List<Rejection> rejections() {
    return List.copyOf(rejections);
  }
}
