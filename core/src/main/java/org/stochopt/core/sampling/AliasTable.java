package org.stochopt.core.sampling;

import java.util.SplittableRandom;

/**
 * Walker's alias method (Vose's stable construction): O(m) set-up, then O(1) per draw from a
 * fixed discrete distribution. Used for importance sampling within a partition, where the row
 * weights ‖x_i‖² never change during a run.
 */
public final class AliasTable {
  private final double[] probability;
  private final int[] alias;
  private final double total;

  /** A table over {@code weights} (non-negative, not all zero). */
  public AliasTable(double[] weights) {
    int m = weights.length;
    if (m == 0) throw new IllegalArgumentException("alias table over no weights");
    double sum = 0.0;
    for (double w : weights) {
      if (!(w >= 0) || !Double.isFinite(w)) throw new IllegalArgumentException("weights must be finite and non-negative, got " + w);
      sum += w;
    }
    if (!(sum > 0)) throw new IllegalArgumentException("all weights are zero");
    this.total = sum;
    probability = new double[m];
    alias = new int[m];
    double[] scaled = new double[m];
    int[] small = new int[m];
    int[] large = new int[m];
    int ns = 0;
    int nl = 0;
    for (int i = 0; i < m; i++) {
      scaled[i] = weights[i] * m / total;
      if (scaled[i] < 1.0) small[ns++] = i;
      else large[nl++] = i;
    }
    while (ns > 0 && nl > 0) {
      int s = small[--ns];
      int l = large[--nl];
      probability[s] = scaled[s];
      alias[s] = l;
      scaled[l] = (scaled[l] + scaled[s]) - 1.0;
      if (scaled[l] < 1.0) small[ns++] = l;
      else large[nl++] = l;
    }
    // Left-overs are 1 up to rounding.
    while (nl > 0) probability[large[--nl]] = 1.0;
    while (ns > 0) probability[small[--ns]] = 1.0;
  }

  /** Σ weights, summed in index order. */
  public double totalWeight() {
    return total;
  }

  public int size() {
    return probability.length;
  }

  public int draw(SplittableRandom rng) {
    int i = rng.nextInt(probability.length);
    return rng.nextDouble() < probability[i] ? i : alias[i];
  }
}
