package org.stochopt.core.ntk;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.stochopt.core.rng.Seeds;

/**
 * Which example step t uses: sample s = t·b + k of the run is row perm_q(s mod n) with q = ⌊s/n⌋,
 * perm_q a seeded permutation of 0..n−1. Within the first pass every example is used once, as
 * Algorithm 1 requires (fresh samples); later passes reuse the data in a new order, which the
 * theory does not cover (the run's summary reports the number of passes).
 */
public final class SampleOrder implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long ORDER_STREAM = 0x4F524452L;
  private final int n;
  private final int batch;
  private final long seed;
  private int cachedPass = -1;
  private int[] perm;

  public SampleOrder(int n, int batch, long seed) {
    if (n < 1) throw new IllegalArgumentException("no examples");
    if (batch < 1) throw new IllegalArgumentException("--batch-size must be at least 1, got " + batch);
    this.n = n;
    this.batch = batch;
    this.seed = seed;
  }

  public int batch() {
    return batch;
  }

  /** The b rows of step t. */
  public int[] rows(long step) {
    int[] out = new int[batch];
    for (int k = 0; k < batch; k++) {
      long s = step * batch + k;
      out[k] = permutation((int) (s / n))[(int) (s % n)];
    }
    return out;
  }

  /** Passes over the examples after t steps. */
  public double passes(long steps) {
    return (double) steps * batch / n;
  }

  private int[] permutation(int pass) {
    if (pass != cachedPass) {
      int[] p = new int[n];
      for (int i = 0; i < n; i++) p[i] = i;
      SplittableRandom rng = new SplittableRandom(Seeds.child(seed, ORDER_STREAM, pass));
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int tmp = p[i];
        p[i] = p[j];
        p[j] = tmp;
      }
      perm = p;
      cachedPass = pass;
    }
    return perm;
  }
}
