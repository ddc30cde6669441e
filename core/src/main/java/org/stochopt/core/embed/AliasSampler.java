package org.stochopt.core.embed;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Draws i ∈ {0..n−1} with probability p_i = w_i / Σw in O(1) per draw (Walker's alias method).
 *
 * <p>Table: scaled weights s_i = n·p_i; repeatedly pair a "small" i (s_i &lt; 1) with a "large" j
 * (s_j ≥ 1): keep prob_i = s_i, alias_i = j, and move the rest of i's column to j:
 * s_j ← s_j − (1 − s_i). A draw takes a uniform column c and a uniform r ∈ [0, 1): c if
 * r &lt; prob_c, else alias_c. Column c then contributes prob_c/n to c and (1 − prob_c)/n to alias_c,
 * which sums to p_i for every i. A zero weight gets prob 0 and is never drawn.
 */
public final class AliasSampler implements Serializable {
  private static final long serialVersionUID = 1L;
  private final double[] prob;
  private final int[] alias;

  /** @param weights non-negative, finite, not all zero */
  public AliasSampler(double[] weights) {
    int n = weights.length;
    double total = 0;
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("sampling weights must be finite and ≥ 0, got " + w);
      total += w;
    }
    if (!(total > 0)) throw new IllegalArgumentException("sampling weights must not all be zero");
    prob = new double[n];
    alias = new int[n];
    double[] s = new double[n];
    int[] small = new int[n], large = new int[n];
    int ns = 0, nl = 0;
    for (int i = 0; i < n; i++) {
      s[i] = weights[i] * n / total;
      alias[i] = i;
      if (s[i] < 1) small[ns++] = i;
      else large[nl++] = i;
    }
    while (ns > 0 && nl > 0) {
      int i = small[--ns], j = large[--nl];
      prob[i] = s[i];
      alias[i] = j;
      s[j] -= 1 - s[i];
      if (s[j] < 1) small[ns++] = j;
      else large[nl++] = j;
    }
    // what is left is 1 up to rounding: those columns keep themselves
    while (nl > 0) prob[large[--nl]] = 1;
    while (ns > 0) {
      int i = small[--ns];
      prob[i] = weights[i] > 0 ? 1 : 0;
      if (weights[i] == 0) alias[i] = firstPositive(weights);
    }
  }

  private static int firstPositive(double[] w) {
    for (int i = 0; i < w.length; i++) if (w[i] > 0) return i;
    throw new IllegalStateException("no positive weight");
  }

  public int size() {
    return prob.length;
  }

  public int draw(SplittableRandom rng) {
    int c = rng.nextInt(prob.length);
    return rng.nextDouble() < prob[c] ? c : alias[c];
  }
}
