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
    Shipped<ResidualBlock> sb = block.shape().parameterCount() + block.wParameterCount() <= runner.inlineLimitBytes() / 8
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
   * R = Σ_i ι(z_i)·(∂ℓ_i/∂a_i)ᵀ (d′ × K, column-major; ∂ℓ_i/∂a_i = p_i − e_{y_i}), one {@code dgemm}
   * per chunk of rows. Since ∂ℓ_i/∂z_i = H·∂ℓ_i/∂a_i (H the head's d × K weights), the matrix
   * M = Σ_i ι(z_i)·g_iᵀ from which both boosting rules build W is R·Hᵀ: the partitions send d′·K
   * numbers, not d′·d, and spend d′·K multiply-adds per row on it, not d′·d.
   */
  public double[] embeddingMarginProduct(MlpBlock shape, double[] theta, SoftmaxHead head, double[] w) {
    int dOut = shape.outputDim();
    int classes = head.classes();
    Shipped<double[]> st = runner.ship(theta, 8L * theta.length);
    Shipped<double[]> sw = runner.ship(w, 8L * w.length);
    try {
      return runner.aggregate((p, b) -> {
        DenseRowBlock block = (DenseRowBlock) b;
        int ld = block.dim();
        double[] m = new double[dOut * classes];
        double[][] scratch = head.scratch();
        BLAS blas = BLAS.getInstance();
        for (int r0 = 0; r0 < block.rows(); r0 += ResidualBlock.CHUNK) {
          int cnt = Math.min(ResidualBlock.CHUNK, block.rows() - r0);
          double[][] acts = shape.forward(st.value(), block.values(), r0 * ld, ld, cnt);
          double[] e = acts[acts.length - 1];
          double[] da = new double[classes * cnt];
          for (int c = 0; c < cnt; c++) {
            int r = r0 + c;
            head.lossAndFeatureGradient(sw.value(), block.values(), r * ld, head.label(block.label(r), block.firstRow() + r), null, 0, scratch);
            System.arraycopy(scratch[1], 0, da, c * classes, classes);
          }
          blas.dgemm("N", "T", dOut, classes, cnt, 1.0, e, 0, dOut, da, 0, classes, 1.0, m, 0, dOut);
        }
        return m;
      }, () -> new double[dOut * classes], (a, b) -> {
        for (int k = 0; k < a.length; k++) a[k] += b[k];
        return a;
      }, true);
    } finally {
      st.release();
      sw.release();
    }
  }

  /**
   * The training loss along the additive step, for a grid of step sizes, in one pass: with the
   * head fixed, z ← z − η·W₀ᵀι(z) moves the margins linearly, a_i(η) = a_i − η·u_i with
   * u_i = Pᵀι(z_i), P = W₀·H (d′ × K, H the head's d × K weights without the biases), so
   * Σ_i ℓ(a_i − η·u_i) is evaluated for every η without transforming any row.
   *
   * @param p P, column-major d′ × K
   * @return Σ_i ℓ_i(η_k) for each {@code etas[k]} (sums, not means)
   */
  public double[] stepLosses(MlpBlock shape, double[] theta, double[] p, SoftmaxHead head, double[] w, double[] etas) {
    int dOut = shape.outputDim();
    int classes = head.classes();
    Shipped<double[]> st = runner.ship(theta, 8L * theta.length);
    Shipped<double[]> sw = runner.ship(w, 8L * w.length);
    Shipped<double[]> sp = runner.ship(p, 8L * p.length);
    try {
      return runner.aggregate((q, b) -> {
        DenseRowBlock block = (DenseRowBlock) b;
        int ld = block.dim();
        double[] sums = new double[etas.length];
        double[] a = new double[classes];
        BLAS blas = BLAS.getInstance();
        for (int r0 = 0; r0 < block.rows(); r0 += ResidualBlock.CHUNK) {
          int cnt = Math.min(ResidualBlock.CHUNK, block.rows() - r0);
          double[][] acts = shape.forward(st.value(), block.values(), r0 * ld, ld, cnt);
          double[] u = new double[classes * cnt];
          blas.dgemm("T", "N", classes, cnt, dOut, 1.0, sp.value(), 0, dOut, acts[acts.length - 1], 0, dOut, 0.0, u, 0, classes);
          for (int c = 0; c < cnt; c++) {
            int r = r0 + c;
            int y = head.label(block.label(r), block.firstRow() + r);
            head.margins(sw.value(), block.values(), r * ld, a);
            for (int k = 0; k < etas.length; k++) sums[k] += softmaxLoss(a, u, c * classes, etas[k], y);
          }
        }
        return sums;
      }, () -> new double[etas.length], (x, y) -> {
        for (int k = 0; k < x.length; k++) x[k] += y[k];
        return x;
      }, true);
    } finally {
      st.release();
      sw.release();
      sp.release();
    }
  }

  /** log Σ_k e^{a_k − η·u_k} − (a_y − η·u_y), shifted by the largest margin. */
  private static double softmaxLoss(double[] a, double[] u, int uOff, double eta, int y) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < a.length; k++) max = Math.max(max, a[k] - eta * u[uOff + k]);
    double s = 0;
    for (int k = 0; k < a.length; k++) s += Math.exp(a[k] - eta * u[uOff + k] - max);
    return Math.log(s) + max - (a[y] - eta * u[uOff + y]);
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
