package org.stochopt.core.oracle;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.oracle.FeatureShard.ShardResult;
import org.stochopt.core.oracle.FeatureShard.SummaryChain;
import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.RowSelection;

/**
 * The gradient oracle of a linear model on M random features split into K feature blocks
 * [j_k, j_{k+1}), j_k = ⌊kM/K⌋, one per {@link FeatureShard}; every shard covers all n rows. For
 * the rows B of a call (a minibatch, or all rows) with weights c_i (importance weights, else 1):
 *
 * <pre>
 *   round 1 (shard k):  m_i^(k) = Σ_{j ∈ [j_k, j_{k+1})} w_j z_j(x_i),  i ∈ B           (|B| doubles back)
 *   driver:             z_i = Σ_k m_i^(k)  (k in order),  f = (1/b) Σ_i c_i φ(z_i; y_i),
 *                       a_i = c_i φ'(z_i; y_i)
 *   round 2 (shard k):  g_[j_k, j_{k+1}) = (1/b) Σ_{i∈B} a_i z_[j_k, j_{k+1})(x_i)     (a sent, block back)
 *   driver:             ∇f = (g_block_0, …, g_block_{K−1})
 * </pre>
 *
 * The difference ∇f_B(w) − ∇f_B(w̃) takes the margins at w and at the anchor w̃ in the same round 1
 * and a_i = c_i (φ'(z_i; y_i) − φ'(z̃_i; y_i)); the curvature product uses a_i = c·⟨v, z(x_i)⟩.
 * Each shard receives only its slice of w (M doubles per step in all) plus the row selection
 * (b ints), and the coefficients (b doubles); it returns b margins and its gradient block.
 *
 * <p><b>Same rows as the row-partitioned backends.</b> The oracle keeps the row layout of the
 * run it replaces ({@link #partitionSizes()}), and draws each partition's rows on the driver with
 * the same {@link Minibatch#select}, against driver-side blocks that know each row's label and
 * ‖z(x_i)‖² (importance sampling included). Row norms and the {@link DataSummary} come from one
 * chain over the shards in order at construction (K small jobs), which performs the same
 * additions as a pass over full rows, so constants, fingerprint and sampling are bit-identical
 * to {@link InMemoryOracle} on the same features. Margins are sums of K partial sums, so they
 * (and everything after them) agree with the row-partitioned oracle to rounding, not bit for bit;
 * with K = 1 they are bit-identical.
 *
 * <p><b>Counting.</b> One call counts as <em>one</em> oracle round with the same gradient counts as
 * the other oracles (n, b, 2b), so traces are comparable; it costs two jobs (two synchronizations),
 * which is visible in the round time. Compute is the slowest shard of each job plus the driver's
 * loss pass; the rest of the wall time is overhead. In-process the whole call counts as compute.
 */
public final class FeatureShardedOracle implements GradientOracle {
  private final Loss loss;
  private final int m;
  private final int[] sizes;
  private final int[] offsets;
  private final long n;
  private final int[] starts;
  private final PartitionRunner<FeatureShard> runner;
  private final double[] labels;
  private final RowNorms[] rowNorms;
  private final DataSummary summary;
  private OracleStats stats = OracleStats.ZERO;

  /**
   * @param features M
   * @param partitionSizes the row layout of the shards (the run's row partitions)
   * @param runner the K shards, shard k holding features [⌊kM/K⌋, ⌊(k+1)M/K⌋) of every row
   */
  public FeatureShardedOracle(Loss loss, int features, int[] partitionSizes, PartitionRunner<FeatureShard> runner) {
    this.loss = loss;
    this.m = features;
    this.sizes = partitionSizes.clone();
    this.runner = runner;
    int k = runner.partitions();
    FeatureShard.checkShards(k, features);
    starts = new int[k + 1];
    for (int s = 0; s <= k; s++) starts[s] = FeatureShard.featureStart(features, k, s);
    offsets = new int[sizes.length + 1];
    for (int p = 0; p < sizes.length; p++) offsets[p + 1] = Math.addExact(offsets[p], sizes[p]);
    n = offsets[sizes.length];
    if (n == 0) throw new IllegalArgumentException("the data set has no rows");

    labels = runner.mapWithArgs(indices(k), (s, shard, idx) -> idx == 0 ? shard.labels() : null).results().get(0);
    if (labels.length != n) throw new IllegalArgumentException("the shards hold " + labels.length + " rows, the layout " + n);
    SummaryChain chain = new SummaryChain(labels);
    for (int s = 0; s < k; s++) { // sequential on purpose: the same additions, in the same order, as a full row
      final int target = s;
      List<SummaryChain> args = new ArrayList<>();
      for (int t = 0; t < k; t++) args.add(t == target ? chain : null);
      chain = runner.mapWithArgs(args, (s1, shard, c) -> c == null ? null : shard.continueSummary(c)).results().get(target);
    }
    rowNorms = new RowNorms[sizes.length];
    DataSummary total = new DataSummary();
    for (int p = 0; p < sizes.length; p++) {
      double[] y = java.util.Arrays.copyOfRange(labels, offsets[p], offsets[p + 1]);
      double[] norms = java.util.Arrays.copyOfRange(chain.squaredNorm, offsets[p], offsets[p + 1]);
      rowNorms[p] = new RowNorms(features, y, offsets[p], norms);
      DataSummary part = new DataSummary();
      for (int r = 0; r < sizes[p]; r++) {
        int i = offsets[p] + r;
        part.addRow(i, y[r], norms[r], chain.entries[i], chain.hash[i]);
      }
      total.merge(part);
    }
    summary = total;
  }

  private static List<Integer> indices(int k) {
    List<Integer> out = new ArrayList<>(k);
    for (int s = 0; s < k; s++) out.add(s);
    return out;
  }

  /** K, the number of feature blocks. */
  public int shards() {
    return runner.partitions();
  }

  @Override
  public int dimension() {
    return m;
  }

  @Override
  public long size() {
    return n;
  }

  @Override
  public int[] partitionSizes() {
    return sizes.clone();
  }

  @Override
  public double fullGradient(double[] w, double[] gOut) {
    long t0 = System.nanoTime();
    long[] compute = new long[1];
    double f = fullPass(w, gOut, compute);
    record(n, t0, compute[0]);
    return f;
  }

  @Override
  public double evaluate(double[] w, double[] gOut) {
    return fullPass(w, gOut, new long[1]);
  }

  private double fullPass(double[] w, double[] gOut, long[] compute) {
    double[] z = margins(w, null, null, compute);
    long t0 = System.nanoTime();
    double[] a = new double[z.length];
    double total = 0.0;
    for (int p = 0; p < sizes.length; p++) { // per partition, then merged in order: InMemoryOracle's sums
      double part = 0.0;
      for (int i = offsets[p]; i < offsets[p + 1]; i++) {
        part += loss.value(z[i], labels[i]);
        a[i] = loss.derivative(z[i], labels[i]);
      }
      total += part;
    }
    compute[0] += System.nanoTime() - t0;
    gradient(a, null, n, gOut, compute);
    return total * (1.0 / n);
  }

  @Override
  public double batchGradient(double[] w, Minibatch batch, double[] gOut) {
    long t0 = System.nanoTime();
    long[] compute = new long[1];
    Selection sel = select(batch);
    double[] z = margins(w, null, sel.rows, compute);
    long t1 = System.nanoTime();
    double[] a = new double[z.length];
    double total = 0.0;
    int i = 0;
    for (int p = 0; p < sizes.length; p++) {
      double part = 0.0;
      for (int k = 0; k < sel.rows[p].length; k++, i++) {
        double c = sel.weights[p] == null ? 1.0 : sel.weights[p][k];
        double y = labels[offsets[p] + sel.rows[p][k]];
        part += c * loss.value(z[i], y);
        a[i] = c * loss.derivative(z[i], y);
      }
      total += part;
    }
    compute[0] += System.nanoTime() - t1;
    gradient(a, sel.rows, batch.size(), gOut, compute);
    record(batch.size(), t0, compute[0]);
    return total * (1.0 / batch.size());
  }

  @Override
  public void batchGradientDifference(double[] w, double[] anchor, Minibatch batch, double[] dOut) {
    long t0 = System.nanoTime();
    long[] compute = new long[1];
    Selection sel = select(batch);
    double[] z = margins(w, anchor, sel.rows, compute); // [margins at w | margins at the anchor]
    long t1 = System.nanoTime();
    int len = z.length / 2;
    double[] a = new double[len];
    int i = 0;
    for (int p = 0; p < sizes.length; p++) {
      for (int k = 0; k < sel.rows[p].length; k++, i++) {
        double c = sel.weights[p] == null ? 1.0 : sel.weights[p][k];
        double y = labels[offsets[p] + sel.rows[p][k]];
        a[i] = c * (loss.derivative(z[i], y) - loss.derivative(z[len + i], y));
      }
    }
    compute[0] += System.nanoTime() - t1;
    gradient(a, sel.rows, batch.size(), dOut, compute);
    record(2L * batch.size(), t0, compute[0]);
  }

  @Override
  public void curvatureProduct(double[] v, double[] out) {
    long[] compute = new long[1];
    double[] z = margins(v, null, null, compute);
    double c = loss.curvatureBound();
    double[] a = new double[z.length];
    for (int i = 0; i < z.length; i++) a[i] = c * z[i];
    gradient(a, null, n, out, compute);
  }

  @Override
  public double[] partitionMasses() {
    double[] masses = new double[sizes.length];
    for (int p = 0; p < masses.length; p++) {
      for (int r = 0; r < sizes[p]; r++) masses[p] += rowNorms[p].squaredNorm(r);
    }
    return masses;
  }

  @Override
  public DataSummary summary() {
    return summary;
  }

  @Override
  public OracleStats stats() {
    return stats;
  }

  @Override
  public void close() {
    runner.close();
  }

  /** Round 1: every shard's partial margins, summed in shard order. */
  private double[] margins(double[] w, double[] anchor, int[][] rows, long[] compute) {
    int k = runner.partitions();
    List<MarginRequest> args = new ArrayList<>(k);
    for (int s = 0; s < k; s++) {
      args.add(new MarginRequest(slice(w, s), anchor == null ? null : slice(anchor, s), rows));
    }
    List<ShardResult> parts = runner.mapWithArgs(args, (s, shard, r) -> shard.margins(r.w, r.anchor, r.rows)).results();
    double[] z = new double[parts.get(0).values().length];
    long slowest = 0;
    for (ShardResult part : parts) {
      double[] v = part.values();
      for (int i = 0; i < z.length; i++) z[i] += v[i];
      slowest = Math.max(slowest, part.computeNanos());
    }
    compute[0] += slowest;
    return z;
  }

  /** Round 2: every shard's block of Σ a_i z(x_i), scaled by 1/divisor into out. */
  private void gradient(double[] a, int[][] rows, long divisor, double[] out, long[] compute) {
    int k = runner.partitions();
    List<GradientRequest> args = new ArrayList<>(k);
    for (int s = 0; s < k; s++) args.add(new GradientRequest(a, rows));
    List<ShardResult> parts = runner.mapWithArgs(args, (s, shard, r) -> shard.gradient(r.coefficients, r.rows)).results();
    double inv = 1.0 / divisor; // GradientSum.meanInto's arithmetic
    long slowest = 0;
    for (int s = 0; s < k; s++) {
      double[] block = parts.get(s).values();
      for (int j = 0; j < block.length; j++) out[starts[s] + j] = block[j] * inv;
      slowest = Math.max(slowest, parts.get(s).computeNanos());
    }
    compute[0] += slowest;
  }

  private double[] slice(double[] w, int s) {
    if (w.length != m) throw new IllegalArgumentException("expected a vector of dimension " + m + ", got " + w.length);
    return java.util.Arrays.copyOfRange(w, starts[s], starts[s + 1]);
  }

  private Selection select(Minibatch batch) {
    if (batch.partitions() != sizes.length) {
      throw new IllegalArgumentException("the minibatch was planned over " + batch.partitions() + " partitions, the oracle has " + sizes.length);
    }
    int[][] rows = new int[sizes.length][];
    double[][] weights = new double[sizes.length][];
    for (int p = 0; p < sizes.length; p++) {
      RowSelection sel = batch.select(p, rowNorms[p]);
      rows[p] = sel.rows();
      weights[p] = sel.weights();
    }
    return new Selection(rows, weights);
  }

  private void record(long gradients, long t0, long computeNanos) {
    long elapsed = System.nanoTime() - t0;
    stats = stats.plusRound(gradients, elapsed, runner.inProcess() ? elapsed : Math.min(elapsed, computeNanos));
  }

  private record Selection(int[][] rows, double[][] weights) {}

  private record MarginRequest(double[] w, double[] anchor, int[][] rows) implements Serializable {}

  private record GradientRequest(double[] coefficients, int[][] rows) implements Serializable {}

  /**
   * A driver-side stand-in for one row partition: labels and ‖z(x_i)‖² only, which is all
   * {@link Minibatch#select} reads (row count; norms for importance sampling). The features
   * themselves live on the shards.
   */
  private static final class RowNorms extends RowBlock {
    private static final long serialVersionUID = 1L;
    private final double[] norms;

    RowNorms(int dim, double[] labels, long firstRow, double[] norms) {
      super(dim, labels, firstRow);
      this.norms = norms;
    }

    @Override
    public double squaredNorm(int row) {
      return norms[row];
    }

    @Override
    public double dot(int row, double[] w) {
      throw rowsLiveOnShards();
    }

    @Override
    public void axpy(int row, double a, double[] out) {
      throw rowsLiveOnShards();
    }

    @Override
    public long storedEntries() {
      return 0;
    }

    @Override
    public void forEachEntry(int row, EntryVisitor visitor) {
      throw rowsLiveOnShards();
    }

    @Override
    public RowBlock withFirstRow(long newFirstRow) {
      throw rowsLiveOnShards();
    }

    @Override
    public RowBlock slice(int from, int to) {
      throw rowsLiveOnShards();
    }

    private static UnsupportedOperationException rowsLiveOnShards() {
      return new UnsupportedOperationException("a feature-sharded oracle keeps only row norms on the driver; features live on the shards");
    }
  }
}
