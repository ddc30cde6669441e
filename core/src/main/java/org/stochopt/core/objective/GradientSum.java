package org.stochopt.core.objective;

import java.io.Serializable;

/**
 * The one mergeable accumulator of both backends: Σ∇f_i, Σf_i and the number of terms. In-process
 * it is filled by a loop over blocks; on Spark it is the zero value, seqOp target and combOp of
 * {@code treeAggregate} (Spark allows both to mutate and return their first argument).
 *
 * <p>It also carries the compute nanoseconds spent filling it (the maximum over merged parts,
 * i.e. the critical path of a parallel reduce), so a backend can split round latency into
 * compute and overhead.
 */
public final class GradientSum implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] gradient;
  private double loss;
  private double count;
  private long computeNanos;

  public GradientSum(int dim) {
    this.gradient = new double[dim];
  }

  /**
   * A sum that adds into the caller's buffer {@code gradient} (zeros where it will be written),
   * with loss and count from zero: for a reused buffer that the caller clears again after reading it.
   */
  public GradientSum(double[] gradient) {
    this.gradient = gradient;
  }

  /** Σ ∇f_i (mutable view; the objective adds into it). */
  public double[] gradient() {
    return gradient;
  }

  public double loss() {
    return loss;
  }

  /** Number of terms (a sum of importance weights when rows are weighted). */
  public double count() {
    return count;
  }

  public long computeNanos() {
    return computeNanos;
  }

  public void addLoss(double value) {
    loss += value;
  }

  public void addCount(double c) {
    count += c;
  }

  public void addComputeNanos(long nanos) {
    computeNanos += nanos;
  }

  /** this += other; returns this (Spark combOp contract). */
  public GradientSum merge(GradientSum other) {
    if (other.gradient.length != gradient.length) {
      throw new IllegalArgumentException(
          "cannot merge gradient sums of dimension " + other.gradient.length + " into " + gradient.length);
    }
    double[] g = other.gradient;
    for (int j = 0; j < gradient.length; j++) gradient[j] += g[j];
    loss += other.loss;
    count += other.count;
    computeNanos = Math.max(computeNanos, other.computeNanos);
    return this;
  }

  /** Writes (Σ∇f_i)/divisor into out and returns (Σf_i)/divisor. */
  public double meanInto(double divisor, double[] out) {
    if (!(divisor > 0)) {
      throw new IllegalStateException("cannot take the mean of an empty gradient sum");
    }
    double inv = 1.0 / divisor;
    for (int j = 0; j < gradient.length; j++) out[j] = gradient[j] * inv;
    return loss * inv;
  }
}
