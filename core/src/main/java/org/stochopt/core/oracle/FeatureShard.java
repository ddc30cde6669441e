package org.stochopt.core.oracle;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.stochopt.core.features.FeatureMap;
import org.stochopt.core.features.OnTheFlyFeatureBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.objective.GradientSum;

/**
 * One feature block [j_k, j_{k+1}) of a random-feature model, for every training row: the unit a
 * {@link FeatureShardedOracle} places on one partition. It holds the rows' features z_j(x_i) for
 * j in its block only — precomputed (n·(j_{k+1}−j_k)·8 bytes) or computed on the fly from the
 * raw rows it keeps — in the same row partitions as the row-partitioned backends, so a minibatch
 * (partition p, local row r) means the same example on every shard.
 *
 * <p>Built where it lives (inside a Spark task, or in-process) from the raw rows and the map's
 * parameters: feature values depend on (seed, j) only, so the block equals columns
 * [j_k, j_{k+1}) of the full map bit for bit ({@code FeatureMap.mapRange}).
 */
public final class FeatureShard implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int index;
  private final int from;
  private final int to;
  /** Features [from, to) of each row partition, in partition order. */
  private final List<RowBlock> blocks;

  private FeatureShard(int index, int from, int to, List<RowBlock> blocks) {
    this.index = index;
    this.from = from;
    this.to = to;
    this.blocks = blocks;
  }

  /**
   * Shard {@code index} of {@code shards}: features [featureStart(M, K, k), featureStart(M, K, k+1))
   * of the raw row partitions (which must be the contiguous layout, first row 0).
   */
  public static FeatureShard build(int index, int shards, List<RowBlock> rawPartitions, FeatureMap map, boolean precompute) {
    int m = map.outputDim();
    checkShards(shards, m);
    if (index < 0 || index >= shards) throw new IllegalArgumentException("shard index " + index + " is not in [0, " + shards + ")");
    int from = featureStart(m, shards, index);
    int to = featureStart(m, shards, index + 1);
    List<RowBlock> out = new ArrayList<>(rawPartitions.size());
    long next = 0;
    for (RowBlock raw : rawPartitions) {
      if (raw.firstRow() != next) {
        throw new IllegalArgumentException("row partitions must be contiguous from row 0: expected first row " + next + ", got " + raw.firstRow());
      }
      next += raw.rows();
      out.add(precompute ? map.applyRange(raw, from, to) : new OnTheFlyFeatureBlock(raw, map, from, to));
    }
    return new FeatureShard(index, from, to, out);
  }

  /** Throws unless 1 ≤ K ≤ M, so that every feature block is nonempty. */
  public static void checkShards(int shards, int features) {
    if (shards < 1 || shards > features) {
      throw new IllegalArgumentException("shards must be between 1 and M = " + features
          + " (every shard needs at least one feature), got " + shards);
    }
  }

  /** j_k = ⌊k·M/K⌋: K blocks whose widths differ by at most one. */
  public static int featureStart(int features, int shards, int k) {
    return (int) ((long) features * k / shards);
  }

  public int index() {
    return index;
  }

  public int from() {
    return from;
  }

  public int to() {
    return to;
  }

  /** The labels of every row, partitions in order. */
  public double[] labels() {
    int n = 0;
    for (RowBlock b : blocks) n += b.rows();
    double[] y = new double[n];
    int i = 0;
    for (RowBlock b : blocks) {
      System.arraycopy(b.labelsView(), 0, y, i, b.rows());
      i += b.rows();
    }
    return y;
  }

  /**
   * Round 1: the partial margins Σ_{j∈block} w_j z_j(x_i) of the requested rows, in request order
   * (partitions in order, then {@code rows[p]} in order; {@code rows == null} means every row),
   * followed, when {@code anchor} is not null, by the partial margins at the anchor.
   */
  public ShardResult margins(double[] w, double[] anchor, int[][] rows) {
    long t0 = System.nanoTime();
    checkSlice(w);
    if (anchor != null) checkSlice(anchor);
    int len = requested(rows);
    double[] out = new double[anchor == null ? len : 2 * len];
    int i = 0;
    for (int p = 0; p < blocks.size(); p++) {
      RowBlock b = blocks.get(p);
      int count = rows == null ? b.rows() : rows[p].length;
      for (int k = 0; k < count; k++) {
        int r = rows == null ? k : rows[p][k];
        out[i] = b.dot(r, w);
        if (anchor != null) out[len + i] = b.dot(r, anchor); // same row: on-the-fly features are reused
        i++;
      }
    }
    return new ShardResult(out, System.nanoTime() - t0);
  }

  /**
   * Round 2: Σ_i a_i z_block(x_i) over the requested rows, with a_i = {@code coefficients[i]} in
   * request order. Summed per row partition and merged in partition order, skipping partitions
   * with no requested row — exactly the sequence of {@code InMemoryOracle}, so with equal
   * coefficients the block equals those coordinates of the row-partitioned gradient bit for bit.
   */
  public ShardResult gradient(double[] coefficients, int[][] rows) {
    long t0 = System.nanoTime();
    if (coefficients.length != requested(rows)) {
      throw new IllegalArgumentException("expected " + requested(rows) + " coefficients, got " + coefficients.length);
    }
    GradientSum total = new GradientSum(to - from);
    int i = 0;
    for (int p = 0; p < blocks.size(); p++) {
      RowBlock b = blocks.get(p);
      int count = rows == null ? b.rows() : rows[p].length;
      if (rows != null && count == 0) continue;
      GradientSum part = new GradientSum(to - from);
      for (int k = 0; k < count; k++) b.axpy(rows == null ? k : rows[p][k], coefficients[i++], part.gradient());
      total.merge(part);
    }
    return new ShardResult(total.gradient(), System.nanoTime() - t0);
  }

  /**
   * Continues, over this shard's features, the per-row quantities of {@link DataSummary#of} that
   * run sequentially over j = 0..M−1: the squared norm Σ_j z_j², the count of nonzero entries and
   * the entry hash. Applied to shards 0..K−1 in order, the result is bit-identical to a pass over
   * the full rows (the same additions in the same order).
   */
  public SummaryChain continueSummary(SummaryChain chain) {
    int i = 0;
    for (RowBlock b : blocks) {
      for (int r = 0; r < b.rows(); r++) {
        final int row = i++;
        b.forEachEntry(r, (j, v) -> {
          chain.hash[row] = org.stochopt.core.rng.Seeds.mix(chain.hash[row] * 31 + (from + j)) ^ Double.doubleToLongBits(v);
          chain.entries[row]++;
          chain.squaredNorm[row] += v * v; // zero entries would add +0.0: skipping them changes nothing
        });
      }
    }
    return chain;
  }

  private int requested(int[][] rows) {
    if (rows != null && rows.length != blocks.size()) {
      throw new IllegalArgumentException("selection has " + rows.length + " partitions, the shard " + blocks.size());
    }
    int n = 0;
    for (int p = 0; p < blocks.size(); p++) n += rows == null ? blocks.get(p).rows() : rows[p].length;
    return n;
  }

  private void checkSlice(double[] w) {
    if (w.length != to - from) {
      throw new IllegalArgumentException("shard " + index + " holds features [" + from + ", " + to + ") but got a slice of length " + w.length);
    }
  }

  /** What a shard sends back: a vector (margins or a gradient block) and its compute time. */
  public record ShardResult(double[] values, long computeNanos) implements Serializable {}

  /** Per-row running squared norm, nonzero count and entry hash, over all n rows in layout order. */
  public static final class SummaryChain implements Serializable {
    private static final long serialVersionUID = 1L;
    final long[] hash;
    final long[] entries;
    final double[] squaredNorm;

    /** Starts the chain as {@link DataSummary#of} does: hash = bits(label), count 0, norm 0. */
    SummaryChain(double[] labels) {
      hash = new long[labels.length];
      for (int i = 0; i < labels.length; i++) hash[i] = Double.doubleToLongBits(labels[i]);
      entries = new long[labels.length];
      squaredNorm = new double[labels.length];
    }
  }
}
