package org.stochopt.core.method;

import java.io.Serializable;

/**
 * The weighted running average x̄ = Σ_t c_t x_t / Σ_t c_t that SGD reports (uniform or linear
 * weights, chosen by the caller); with no weight added yet the answer is the iterate itself.
 */
final class IterateAverage implements Serializable {
  private static final long serialVersionUID = 1L;
  private final double[] weightedSum;
  private double weightSum;

  IterateAverage(int dim) {
    this.weightedSum = new double[dim];
  }

  /** Adds c·x to the sum. */
  void add(double[] x, double c) {
    for (int j = 0; j < x.length; j++) weightedSum[j] += c * x[j];
    weightSum += c;
  }

  /** Adds v to coordinate j of the sum (lazy steps add each coordinate's share when they bring it up to date). */
  void addAt(int j, double v) {
    weightedSum[j] += v;
  }

  /** Adds c to the weight sum alone. */
  void addWeight(double c) {
    weightSum += c;
  }

  /** x̄, or a copy of {@code x} while nothing has been averaged. */
  double[] value(double[] x) {
    if (weightSum == 0.0) return x.clone();
    double[] avg = new double[x.length];
    for (int j = 0; j < x.length; j++) avg[j] = weightedSum[j] / weightSum;
    return avg;
  }
}
