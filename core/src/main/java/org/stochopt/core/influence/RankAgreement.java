package org.stochopt.core.influence;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * How well an estimated influence ranks rows like the true one, as in the paper's Sec. 7.1:
 * Kendall's τ over all rows (τ-b, which equals τ-a without ties) and the Jaccard index of the
 * sets {k most negative ∪ k most positive}.
 */
public final class RankAgreement {
  private RankAgreement() {}

  /** Kendall's τ-b by the O(n²) pair count (n is a few hundred in the accuracy experiment). */
  public static double kendallTau(double[] a, double[] b) {
    if (a.length != b.length || a.length < 2) throw new IllegalArgumentException("need two equally long vectors of ≥ 2 values");
    long concordant = 0;
    long discordant = 0;
    long tiesA = 0;
    long tiesB = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = i + 1; j < a.length; j++) {
        int sa = Double.compare(a[i], a[j]);
        int sb = Double.compare(b[i], b[j]);
        if (sa == 0 && sb == 0) continue;
        if (sa == 0) tiesA++;
        else if (sb == 0) tiesB++;
        else if (sa == sb) concordant++;
        else discordant++;
      }
    }
    double denom = Math.sqrt((double) (concordant + discordant + tiesA) * (concordant + discordant + tiesB));
    return denom == 0 ? 0.0 : (concordant - discordant) / denom;
  }

  /** Jaccard index of {k smallest ∪ k largest} of a and of b. */
  public static double extremesJaccard(double[] a, double[] b, int k) {
    Set<Integer> sa = extremes(a, k);
    Set<Integer> sb = extremes(b, k);
    Set<Integer> inter = new HashSet<>(sa);
    inter.retainAll(sb);
    Set<Integer> union = new HashSet<>(sa);
    union.addAll(sb);
    return union.isEmpty() ? 1.0 : (double) inter.size() / union.size();
  }

  static Set<Integer> extremes(double[] x, int k) {
    Integer[] order = order(x);
    Set<Integer> s = new HashSet<>();
    for (int i = 0; i < Math.min(k, x.length); i++) {
      s.add(order[i]);
      s.add(order[x.length - 1 - i]);
    }
    return s;
  }

  /** Row indices by ascending value (most harmful first), ties by index. */
  public static Integer[] order(double[] x) {
    Integer[] idx = new Integer[x.length];
    for (int i = 0; i < x.length; i++) idx[i] = i;
    Arrays.sort(idx, (i, j) -> {
      int c = Double.compare(x[i], x[j]);
      return c != 0 ? c : Integer.compare(i, j);
    });
    return idx;
  }
}
