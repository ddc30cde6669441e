package org.stochopt.core.sampling;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.stochopt.core.rng.Seeds;

/**
 * Minibatch t of a run, as planned on the driver: how many rows each partition contributes
 * (summing to exactly b) and the seed from which each partition draws its own rows. Only these
 * few numbers travel to executors; every partition then calls {@link #rowsOf} with its index,
 * so the in-process and Spark backends touch exactly the same rows.
 */
public final class Minibatch implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long step;
  private final int size;
  private final int[] countsPerPartition;
  private final long seed;
  private final SamplingScheme scheme;
  /** L̄/c = (1/n)Σ‖x_i‖², for the importance weights 1/(n p_i) = meanMass/‖x_i‖². */
  private final double meanMass;

  Minibatch(long step, int size, int[] countsPerPartition, long seed, SamplingScheme scheme, double meanMass) {
    this.meanMass = meanMass;
    this.step = step;
    this.size = size;
    this.countsPerPartition = countsPerPartition;
    this.seed = seed;
    this.scheme = scheme;
  }

  public long step() {
    return step;
  }

  /** b, the number of rows drawn (with multiplicity). */
  public int size() {
    return size;
  }

  public int countFor(int partition) {
    return countsPerPartition[partition];
  }

  public int partitions() {
    return countsPerPartition.length;
  }

  public SamplingScheme scheme() {
    return scheme;
  }

  /**
   * Minibatches are values: equal when they draw the same rows (same step, size, split, seed,
   * scheme and importance scale). A sparse gradient round recognises by this the minibatch whose
   * support the previous round already reported ({@code oracle.SparseBatchRows}).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Minibatch m && m.step == step && m.size == size && m.seed == seed && m.scheme == scheme
        && Double.compare(m.meanMass, meanMass) == 0 && Arrays.equals(m.countsPerPartition, countsPerPartition);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(step) * 31 + Arrays.hashCode(countsPerPartition) + Long.hashCode(seed);
  }

  /**
   * The rows partition {@code p} contributes, with their importance weights for
   * {@link SamplingScheme#IMPORTANCE} (null weights otherwise). Pure in (seed, step, p) and the
   * block's contents, so both backends select the same rows.
   */
  public RowSelection select(int p, org.stochopt.core.linalg.RowBlock block) {
    int[] rows = selectRows(p, block);
    int k = rows.length;
    if (scheme != SamplingScheme.IMPORTANCE || k == 0) return new RowSelection(rows, null);
    double[] weights = new double[k];
    for (int i = 0; i < k; i++) weights[i] = meanMass / block.squaredNorm(rows[i]);
    return new RowSelection(rows, weights);
  }

  /**
   * The rows of {@link #select}, without the importance weights (which cost a pass over each
   * selected row): what a caller that only reads the rows' columns needs (the next minibatch's
   * support in {@code oracle.SparseGradientTask}).
   */
  public int[] selectRows(int p, org.stochopt.core.linalg.RowBlock block) {
    if (scheme != SamplingScheme.IMPORTANCE) return rowsOf(p, block.rows());
    int k = countsPerPartition[p];
    if (k == 0) return new int[0];
    AliasTable table = ImportanceTables.of(block);
    SplittableRandom rng = new SplittableRandom(Seeds.child(seed, step, p));
    int[] rows = new int[k];
    for (int i = 0; i < k; i++) rows[i] = table.draw(rng);
    Arrays.sort(rows);
    return rows;
  }

  /**
   * The local row indices partition {@code p} (holding {@code partitionRows} rows) contributes,
   * sorted ascending (duplicates kept under sampling with replacement). Pure in (seed, step, p).
   */
  public int[] rowsOf(int p, int partitionRows) {
    if (scheme == SamplingScheme.IMPORTANCE) {
      throw new IllegalStateException("importance sampling needs the block's row norms: use select(p, block)");
    }
    int k = countsPerPartition[p];
    if (k == 0) return new int[0];
    SplittableRandom rng = new SplittableRandom(Seeds.child(seed, step, p));
    int[] rows = new int[k];
    if (scheme == SamplingScheme.WITH_REPLACEMENT) {
      for (int i = 0; i < k; i++) rows[i] = rng.nextInt(partitionRows);
    } else {
      drawDistinct(rng, partitionRows, rows);
    }
    Arrays.sort(rows);
    return rows;
  }

  /** Fills {@code out} with distinct values of [0, m): Floyd's algorithm for small k, a partial shuffle otherwise. */
  static void drawDistinct(SplittableRandom rng, int m, int[] out) {
    int k = out.length;
    if (k > m) throw new IllegalArgumentException("cannot draw " + k + " distinct rows of " + m);
    if ((long) k * 4 < m) {
      Set<Integer> seen = new HashSet<>(k * 2);
      int c = 0;
      for (int j = m - k; j < m; j++) {
        int t = rng.nextInt(j + 1);
        int v = seen.add(t) ? t : j;
        if (v == j) seen.add(j);
        out[c++] = v;
      }
    } else {
      int[] perm = new int[m];
      for (int i = 0; i < m; i++) perm[i] = i;
      for (int i = 0; i < k; i++) {
        int j = i + rng.nextInt(m - i);
        int tmp = perm[i];
        perm[i] = perm[j];
        perm[j] = tmp;
        out[i] = perm[i];
      }
    }
  }
}
