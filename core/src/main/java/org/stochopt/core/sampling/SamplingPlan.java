package org.stochopt.core.sampling;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.stochopt.core.rng.Seeds;

/**
 * Plans minibatches over fixed partitions, on the driver. For step t:
 * <ol>
 *   <li>split b over the partitions — a multinomial split (with replacement) or a multivariate
 *       hypergeometric split (without replacement) of b draws over n rows, from the stream
 *       (runSeed, t);</li>
 *   <li>each partition p draws its share from the stream (runSeed, t, p) ({@link Minibatch#rowsOf}).</li>
 * </ol>
 * Together this is exactly b i.i.d. uniform draws over all n rows, or a uniform b-subset, as if
 * the data were not partitioned. Never Bernoulli sampling by fraction, whose batch size is random.
 */
public final class SamplingPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long seed;
  private final int[] partitionSizes;
  private final long[] cumulative;
  private final long n;
  private final SamplingScheme scheme;
  /** Σ_i ‖x_i‖² per partition (importance sampling only), and its cumulative sums. */
  private final double[] cumulativeMass;
  private final double meanMass;

  /** A plan for uniform sampling (with or without replacement). */
  public SamplingPlan(long seed, int[] partitionSizes, SamplingScheme scheme) {
    this(seed, partitionSizes, scheme, null);
  }

  /**
   * A plan for any scheme; {@code partitionMasses} (Σ_i ‖x_i‖² per partition, from
   * {@code GradientOracle.partitionMasses()}) is required for {@link SamplingScheme#IMPORTANCE}
   * and ignored otherwise.
   */
  public SamplingPlan(long seed, int[] partitionSizes, SamplingScheme scheme, double[] partitionMasses) {
    this.seed = seed;
    this.partitionSizes = partitionSizes.clone();
    this.scheme = scheme;
    this.cumulative = new long[partitionSizes.length + 1];
    for (int p = 0; p < partitionSizes.length; p++) {
      if (partitionSizes[p] < 0) throw new IllegalArgumentException("negative partition size");
      cumulative[p + 1] = cumulative[p] + partitionSizes[p];
    }
    this.n = cumulative[partitionSizes.length];
    if (n == 0) throw new IllegalArgumentException("cannot sample from an empty data set");
    if (scheme == SamplingScheme.IMPORTANCE) {
      if (partitionMasses == null || partitionMasses.length != partitionSizes.length) {
        throw new IllegalArgumentException("importance sampling needs the squared-norm mass of every partition");
      }
      cumulativeMass = new double[partitionMasses.length + 1];
      for (int p = 0; p < partitionMasses.length; p++) {
        double m = partitionMasses[p];
        if (!(m >= 0) || !Double.isFinite(m)) throw new IllegalArgumentException("partition mass must be finite and >= 0, got " + m);
        cumulativeMass[p + 1] = cumulativeMass[p] + m;
      }
      double total = cumulativeMass[partitionMasses.length];
      if (!(total > 0)) throw new IllegalArgumentException("importance sampling needs rows with nonzero features (all rows are zero)");
      meanMass = total / n;
    } else {
      cumulativeMass = null;
      meanMass = Double.NaN;
    }
  }

  public long seed() {
    return seed;
  }

  public SamplingScheme scheme() {
    return scheme;
  }

  public long size() {
    return n;
  }

  /** The minibatch of step {@code step} with exactly {@code b} rows. */
  public Minibatch draw(long step, int b) {
    if (b <= 0) throw new IllegalArgumentException("batch size must be positive, got " + b);
    if (scheme == SamplingScheme.WITHOUT_REPLACEMENT && b > n) {
      throw new IllegalArgumentException(
          "batch size " + b + " exceeds the " + n + " rows available for sampling without replacement");
    }
    SplittableRandom rng = new SplittableRandom(Seeds.child(seed, step));
    int[] counts = new int[partitionSizes.length];
    if (scheme == SamplingScheme.WITH_REPLACEMENT) {
      for (int i = 0; i < b; i++) counts[partitionOf(rng.nextLong(n))]++;
    } else if (scheme == SamplingScheme.IMPORTANCE) {
      // Multinomial split with P(partition p) = mass_p / total mass; rows within p are then drawn ∝ ‖x_i‖².
      double total = cumulativeMass[cumulativeMass.length - 1];
      for (int i = 0; i < b; i++) counts[partitionOfMass(rng.nextDouble() * total)]++;
    } else if (b == n) {
      System.arraycopy(partitionSizes, 0, counts, 0, counts.length);
    } else {
      // Sequential draws without replacement: a row of partition p is taken with probability
      // (rows of p still untaken) / (rows still untaken), which is the hypergeometric split.
      long[] left = new long[partitionSizes.length];
      for (int p = 0; p < left.length; p++) left[p] = partitionSizes[p];
      long remaining = n;
      for (int i = 0; i < b; i++) {
        long u = rng.nextLong(remaining);
        int p = 0;
        while (u >= left[p]) u -= left[p++];
        counts[p]++;
        left[p]--;
        remaining--;
      }
    }
    return new Minibatch(step, b, counts, seed, scheme, meanMass);
  }

  private int partitionOfMass(double u) {
    int lo = 0;
    int hi = cumulativeMass.length - 2;
    // first p with cumulativeMass[p+1] > u, skipping empty partitions
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulativeMass[mid + 1] > u) hi = mid;
      else lo = mid + 1;
    }
    while (cumulativeMass[lo + 1] == cumulativeMass[lo]) lo--; // u rounded onto the top edge
    return lo;
  }

  private int partitionOf(long globalRow) {
    int p = Arrays.binarySearch(cumulative, globalRow);
    if (p >= 0) {
      while (p + 1 < cumulative.length && cumulative[p + 1] == globalRow) p++;
      return Math.min(p, partitionSizes.length - 1);
    }
    return -p - 2;
  }
}
