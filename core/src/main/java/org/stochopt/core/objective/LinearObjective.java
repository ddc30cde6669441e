package org.stochopt.core.objective;

import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.Loss;

/**
 * Linear models on margins: f_i(w) = φ(⟨w, x_i⟩; y_i), ∇f_i(w) = φ'(⟨w, x_i⟩; y_i) · x_i, and
 * L_i = sup φ'' · ‖x_i‖². No intercept: add a constant feature to the data if one is wanted.
 */
public final class LinearObjective implements FiniteSumObjective {
  private static final long serialVersionUID = 1L;

  /** Longest average row (stored entries) that {@link #pipelined} still pipelines. */
  static final int PIPELINE_MAX_ENTRIES_PER_ROW = 64;

  private final Loss loss;
  private final int dim;

  public LinearObjective(Loss loss, int dim) {
    if (dim <= 0) throw new IllegalArgumentException("dimension must be positive, got " + dim);
    this.loss = loss;
    this.dim = dim;
  }

  public Loss loss() {
    return loss;
  }

  @Override
  public int dimension() {
    return dim;
  }

  /**
   * Per row: z = ⟨x_r, w⟩, (φ'(z; y_r), φ(z; y_r)) from one loss call, g += φ'·x_r.
   *
   * <p>On short stored rows the next row's margin is computed before this row's axpy (software
   * pipelining, see {@link #pipelined}): the axpy must wait for the loss (an exponential and a
   * log1p, tens of ns of latency), and with the next row's dot — and its cache misses — issued in
   * between, that latency overlaps useful work. g still receives the same axpys in the same order,
   * so the result is bit-identical to the plain loop.
   */
  @Override
  public void accumulate(double[] w, RowBlock block, GradientSum acc) {
    accumulate(w, block, acc, null);
  }

  /**
   * As {@link #accumulate(double[], RowBlock, GradientSum)}, and writes each row's margin ⟨x_r, w⟩
   * into {@code margins[r]} when it is not null: a caller that needs the margins too (CoCoA+'s
   * certificate, {@link org.stochopt.core.cocoa.SdcaLocalSolver}) reads the rows once, and the sum
   * is bit-identical to the one without margins (the same loop).
   */
  public void accumulate(double[] w, RowBlock block, GradientSum acc, double[] margins) {
    checkBlock(block);
    long t0 = System.nanoTime();
    double[] g = acc.gradient();
    double lossSum = 0.0;
    double[] value = new double[1];
    int rows = block.rows();
    if (pipelined(block)) {
      double z = rows > 0 ? block.dot(0, w) : 0.0;
      for (int r = 0; r < rows; r++) {
        if (margins != null) margins[r] = z;
        double d = loss.derivativeWithValue(z, block.label(r), value);
        lossSum += value[0];
        if (r + 1 < rows) z = block.dot(r + 1, w);
        block.axpy(r, d, g);
      }
    } else {
      for (int r = 0; r < rows; r++) {
        double z = block.dot(r, w);
        if (margins != null) margins[r] = z;
        double d = loss.derivativeWithValue(z, block.label(r), value);
        lossSum += value[0];
        block.axpy(r, d, g);
      }
    }
    acc.addLoss(lossSum);
    acc.addCount(rows);
    acc.addComputeNanos(System.nanoTime() - t0);
  }

  /** Σ f_i(w) over the block from its margins only: no gradient, O(stored entries). */
  @Override
  public double lossSum(double[] w, RowBlock block) {
    checkBlock(block);
    double s = 0.0;
    for (int r = 0; r < block.rows(); r++) s += loss.value(block.dot(r, w), block.label(r));
    return s;
  }

  /** As {@link #accumulate} on the listed rows, with the same software pipelining on short stored rows. */
  @Override
  public void accumulateRows(double[] w, RowBlock block, int[] rows, double[] weights, GradientSum acc) {
    checkBlock(block);
    long t0 = System.nanoTime();
    double[] g = acc.gradient();
    double lossSum = 0.0;
    double count = 0.0;
    double[] value = new double[1];
    boolean pipelined = pipelined(block);
    int n = rows.length;
    double z = pipelined && n > 0 ? block.dot(rows[0], w) : 0.0;
    for (int k = 0; k < n; k++) {
      int r = rows[k];
      double c = weights == null ? 1.0 : weights[k];
      if (!pipelined) z = block.dot(r, w);
      double d = loss.derivativeWithValue(z, block.label(r), value);
      lossSum += c * value[0];
      if (pipelined && k + 1 < n) z = block.dot(rows[k + 1], w);
      block.axpy(r, c * d, g);
      count += c;
    }
    acc.addLoss(lossSum);
    acc.addCount(count);
    acc.addComputeNanos(System.nanoTime() - t0);
  }

  /**
   * Per listed row: both margins from one read of the row ({@link RowBlock#dot2}), then
   * g += c·(φ'(⟨x_r, w⟩) − φ'(⟨x_r, w̃⟩))·x_r. On short stored rows the next row's margins are read
   * before this row's axpy, as in {@link #accumulate}: here that overlaps the next
   * random row's cache misses with this row's two loss derivatives. Bit-identical to the plain loop.
   */
  @Override
  public void accumulateDifference(
      double[] w, double[] anchor, RowBlock block, int[] rows, double[] weights, GradientSum acc) {
    checkBlock(block);
    long t0 = System.nanoTime();
    double[] g = acc.gradient();
    double count = 0.0;
    double[] margins = new double[2];
    boolean pipelined = pipelined(block);
    int n = rows.length;
    if (pipelined && n > 0) block.dot2(rows[0], w, anchor, margins);
    for (int k = 0; k < n; k++) {
      int r = rows[k];
      double c = weights == null ? 1.0 : weights[k];
      double y = block.label(r);
      if (!pipelined) block.dot2(r, w, anchor, margins);
      double delta = loss.derivative(margins[0], y) - loss.derivative(margins[1], y);
      if (pipelined && k + 1 < n) block.dot2(rows[k + 1], w, anchor, margins);
      block.axpy(r, c * delta, g);
      count += c;
    }
    acc.addCount(count);
    acc.addComputeNanos(System.nanoTime() - t0);
  }

  /**
   * Whether a pass computes the next row's margin before this row's axpy: on stored rows (dense or
   * CSR; on-the-fly feature blocks would map each row twice) that are short, at most
   * {@link #PIPELINE_MAX_ENTRIES_PER_ROW} stored entries on average. Measured (bench/
   * CpuTimeKernels, docs/performance.md): on rows of 20 nonzeros over 10⁵ columns the full pass
   * gains 12% and the b = 1024 variance-reduced step 17% (each row starts with cache misses the
   * previous row's loss can overlap); on rows of 100, 322 and 784 entries the plain order was
   * faster (pipelined −4%, −21%, −29%), so long rows keep it.
   */
  private static boolean pipelined(RowBlock block) {
    return (block instanceof DenseRowBlock || block instanceof CsrRowBlock)
        && block.storedEntries() <= (long) PIPELINE_MAX_ENTRIES_PER_ROW * block.rows();
  }

  @Override
  public double componentSmoothness(RowBlock block, int row) {
    return loss.curvatureBound() * block.squaredNorm(row);
  }

  @Override
  public void accumulateCurvatureProduct(double[] v, RowBlock block, GradientSum acc) {
    checkBlock(block);
    double c = loss.curvatureBound();
    double[] g = acc.gradient();
    for (int r = 0; r < block.rows(); r++) block.axpy(r, c * block.dot(r, v), g);
    acc.addCount(block.rows());
  }

  private void checkBlock(RowBlock block) {
    if (block.dim() != dim) {
      throw new IllegalArgumentException(
          "data has dimension " + block.dim() + " but the model has dimension " + dim);
    }
  }
}
