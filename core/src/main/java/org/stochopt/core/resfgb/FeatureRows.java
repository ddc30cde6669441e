package org.stochopt.core.resfgb;

import dev.ludovic.netlib.blas.BLAS;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.core.runtime.Round;
import org.stochopt.core.runtime.Shipped;

/**
 * A row-partitioned set (training, validation or test rows) whose partitions hold their rows'
 * <em>current</em> features z = φ_t(x) as dense blocks of width d+1 (the last column a constant 1
 * for the head's bias). Adding a layer replaces every partition's block by the transformed one
 * ({@link PartitionRunner#update}); nothing but the model and per-partition sums ever reaches the
 * driver. Every operation is one task over the runner, so in-process and Spark give the same bits.
 */
public final class FeatureRows implements AutoCloseable {
  private final PartitionRunner<RowBlock> runner;
  private final int[] sizes;
  private final long n;
  private final int features;

  /** @param runner blocks already in the d+1 layout ({@link #withBias}) */
  public FeatureRows(PartitionRunner<RowBlock> runner, int[] sizes, int features) {
    if (sizes.length != runner.partitions()) throw new IllegalArgumentException(sizes.length + " sizes for " + runner.partitions() + " partitions");
    long total = 0;
    for (int s : sizes) total += s;
    if (total == 0) throw new IllegalArgumentException("no rows");
    this.runner = runner;
    this.sizes = sizes.clone();
    this.n = total;
    this.features = features;
  }

  /** A raw block (dense or sparse) as a dense block of width d+1 whose last column is 1. */
  public static DenseRowBlock withBias(RowBlock raw) {
    int d = raw.dim();
    int rows = raw.rows();
    double[] v = new double[rows * (d + 1)];
    for (int r = 0; r < rows; r++) {
      int base = r * (d + 1);
      raw.forEachEntry(r, (j, x) -> v[base + j] = x);
      v[base + d] = 1.0;
    }
    return new DenseRowBlock(d + 1, v, raw.labelsView(), raw.firstRow());
  }

  public PartitionRunner<RowBlock> runner() {
    return runner;
  }

  public int[] sizes() {
    return sizes.clone();
  }

  public long size() {
    return n;
  }

  /** d (the blocks have d+1 columns). */
  public int features() {
    return features;
  }

  /**
   * Replaces every partition's features z by the block's c·z − Wᵀι(z). The block is shared for
   * as long as these rows live, not for the one call: on Spark the new blocks' lineage holds the
   * task, and every later job on them serializes that lineage (until a local checkpoint cuts it),
   * so a broadcast released after the update would break the next job.
   */
  public void apply(ResidualBlock block) {
    Shipped<ResidualBlock> sb = block.shape().parameterCount() + (long) block.w().length <= runner.inlineLimitBytes() / 8
        ? Shipped.inline(block) : runner.share(block);
    shared.add(sb);
    runner.update((p, b) -> sb.value().apply((DenseRowBlock) b), null);
  }

  private final java.util.List<Shipped<ResidualBlock>> shared = new java.util.ArrayList<>();

  /** Mean loss and accuracy of the head w on these rows. */
  public Fit evaluate(SoftmaxHead head, double[] w) {
    Shipped<double[]> sw = runner.ship(w, 8L * w.length);
    try {
      double[] sum = runner.aggregate((p, b) -> {
        DenseRowBlock block = (DenseRowBlock) b;
        double[][] scratch = head.scratch();
        double loss = 0;
        double correct = 0;
        for (int r = 0; r < block.rows(); r++) {
          int y = head.label(block.label(r), block.firstRow() + r);
          loss += head.lossAndFeatureGradient(sw.value(), block.values(), r * block.dim(), y, null, 0, scratch);
          int best = 0;
          double[] a = scratch[0];
          for (int k = 1; k < a.length; k++) if (a[k] > a[best]) best = k;
          if (best == y) correct++;
        }
        return new double[] {loss, correct};
      }, () -> new double[2], (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]}, true);
      return new Fit(sum[0] / n, sum[1] / n);
    } finally {
      sw.release();
    }
  }

  /** Mean loss and accuracy. */
  public record Fit(double loss, double accuracy) {}

  /** Σ_i ‖g_i‖ over the rows (g_i = ∂ℓ_i/∂z_i): the Frank–Wolfe block's target scale s = n / Σ‖g_i‖. */
  public double gradientNormSum(SoftmaxHead head, double[] w) {
    Shipped<double[]> sw = runner.ship(w, 8L * w.length);
    int d = features; // a local, so that the task does not capture this object
    try {
      return runner.aggregate((p, b) -> {
        DenseRowBlock block = (DenseRowBlock) b;
        double[][] scratch = head.scratch();
        double[] g = new double[d];
        double s = 0;
        for (int r = 0; r < block.rows(); r++) {
          int y = head.label(block.label(r), block.firstRow() + r);
          head.lossAndFeatureGradient(sw.value(), block.values(), r * block.dim(), y, g, 0, scratch);
          double ss = 0;
          for (double v : g) ss += v * v;
          s += Math.sqrt(ss);
        }
        return s;
      }, () -> 0.0, Double::sum, true);
    } finally {
      sw.release();
    }
  }

  /**
   * M = Σ_i ι(z_i)·g_iᵀ (d′ × d, column-major), one {@code dgemm} per chunk of rows: the matrix from
   * which both boosting rules build W.
   */
  public double[] embeddingGradientProduct(MlpBlock shape, double[] theta, SoftmaxHead head, double[] w) {
    int dOut = shape.outputDim();
    int d = features;
    Shipped<double[]> st = runner.ship(theta, 8L * theta.length);
    Shipped<double[]> sw = runner.ship(w, 8L * w.length);
    try {
      return runner.aggregate((p, b) -> {
        DenseRowBlock block = (DenseRowBlock) b;
        int ld = block.dim();
        double[] m = new double[dOut * d];
        double[][] scratch = head.scratch();
        BLAS blas = BLAS.getInstance();
        for (int r0 = 0; r0 < block.rows(); r0 += ResidualBlock.CHUNK) {
          int cnt = Math.min(ResidualBlock.CHUNK, block.rows() - r0);
          double[][] acts = shape.forward(st.value(), block.values(), r0 * ld, ld, cnt);
          double[] e = acts[acts.length - 1];
          double[] g = new double[d * cnt];
          for (int c = 0; c < cnt; c++) {
            int r = r0 + c;
            head.lossAndFeatureGradient(sw.value(), block.values(), r * ld, head.label(block.label(r), block.firstRow() + r), g, c * d, scratch);
          }
          blas.dgemm("N", "T", dOut, d, cnt, 1.0, e, 0, dOut, g, 0, d, 1.0, m, 0, dOut);
        }
        return m;
      }, () -> new double[dOut * d], (a, b) -> {
        for (int k = 0; k < a.length; k++) a[k] += b[k];
        return a;
      }, true);
    } finally {
      st.release();
      sw.release();
    }
  }

  /** Rows per partition drawn for a minibatch of b rows: b·n_p/n, remainders to the largest fractions (ties: lower p). */
  public int[] batchCounts(int b) {
    int[] counts = new int[sizes.length];
    double[] frac = new double[sizes.length];
    int given = 0;
    for (int p = 0; p < sizes.length; p++) {
      double exact = (double) b * sizes[p] / n;
      counts[p] = (int) Math.floor(exact);
      frac[p] = exact - counts[p];
      given += counts[p];
    }
    while (given < b) {
      int best = -1;
      for (int p = 0; p < sizes.length; p++) if (sizes[p] > 0 && (best < 0 || frac[p] > frac[best])) best = p;
      counts[best]++;
      frac[best] = -1;
      given++;
    }
    return counts;
  }

  /** Drops the cached blocks and the shared residual blocks their lineage read. */
  @Override
  public void close() {
    runner.close();
    for (Shipped<ResidualBlock> s : shared) s.release();
    shared.clear();
  }

  Round<Integer> rowsPerPartition() {
    return runner.map((p, b) -> b.rows(), false);
  }
}
