package org.stochopt.core.oracle;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.objective.FiniteSumObjective;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.reg.ElasticNet;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.rng.Seeds;

/**
 * The work one partition does in a {@code LocalSvrg} round, on its own rows only: starting from
 * the driver's w, {@code steps} prox-SVRG steps
 *
 * <pre>
 *   u ← prox_{ηR}(u − η (∇f_B(u) − ∇f_B(x̃) + μ̃)),   B = b rows of this partition, drawn with replacement
 * </pre>
 *
 * where x̃ and μ̃ = ∇f(x̃) are the global anchor and its full gradient (so the correction is global
 * even though the rows are local). The rows of step h come from the stream (seed, round, partition,
 * h): both backends run this same code on the same block and draw the same rows. On sparse rows
 * with an L2, L1 or elastic-net regularizer the steps run just-in-time, O(nnz) each ({@link #runLazy}).
 */
public final class LocalSvrgSteps implements LocalWork {
  private static final long serialVersionUID = 2L;
  private static final long STREAM = 0x4C4F43414CL; // "LOCAL"

  private final Regularizer regularizer;
  private final double eta;
  private final int steps;
  private final int batch;
  private final double[] w;
  private final double[] anchor;
  private final double[] anchorGradient;
  private final long seed;
  private final long round;
  private boolean lazy = true;

  public LocalSvrgSteps(Regularizer regularizer, double eta, int steps, int batch,
      double[] w, double[] anchor, double[] anchorGradient, long seed, long round) {
    this.regularizer = regularizer;
    this.eta = eta;
    this.steps = steps;
    this.batch = batch;
    this.w = w.clone();
    this.anchor = anchor.clone();
    this.anchorGradient = anchorGradient.clone();
    this.seed = seed;
    this.round = round;
  }

  @Override
  public int outputLength() {
    return w.length + 1;
  }

  /**
   * [u_p | f_p(w)]: the partition's final local iterate (w itself for an empty partition) and its mean
   * loss at the start point w, which the (n_p/n)-weighted average turns into f(w) for the safeguard.
   */
  @Override
  public double[] run(FiniteSumObjective objective, RowBlock block, int partition) {
    double[] result = java.util.Arrays.copyOf(w, w.length + 1);
    int rows = block.rows();
    if (rows == 0) return result;
    result[w.length] = objective.lossSum(w, block) / rows;
    if (lazyApplies(block)) {
      double[] u = runLazy(objective, (CsrRowBlock) block, partition);
      System.arraycopy(u, 0, result, 0, u.length);
      return result;
    }
    double[] u = w.clone();
    int d = u.length;
    int[] picked = new int[batch];
    GradientSum acc = new GradientSum(d);
    double[] diff = acc.gradient();
    for (int h = 0; h < steps; h++) {
      SplittableRandom rng = new SplittableRandom(Seeds.child(seed, STREAM, round, partition, h));
      for (int i = 0; i < batch; i++) picked[i] = rng.nextInt(rows);
      Arrays.sort(picked);
      Arrays.fill(diff, 0.0);
      objective.accumulateDifference(u, anchor, block, picked, null, acc);
      for (int j = 0; j < d; j++) u[j] -= eta * (diff[j] / batch + anchorGradient[j]);
      regularizer.prox(u, eta, u);
    }
    System.arraycopy(u, 0, result, 0, d);
    return result;
  }

  /**
   * Whether the round runs just-in-time ({@link #runLazy}): sparse rows, a separable regularizer
   * (L2, L1 or the elastic net: the closed forms of {@link DriftProxSteps}), and minibatches whose
   * support is small next to d (otherwise the dense step is as cheap and simpler).
   */
  boolean lazyApplies(RowBlock block) {
    return lazy && !SparseBatchRows.denseForced() && block instanceof CsrRowBlock && regularizer instanceof ElasticNet
        && 4.0 * batch * block.storedEntries() / Math.max(1, block.rows()) < w.length;
  }

  /**
   * The same steps as the dense loop of {@link #run}, at O(nnz of the minibatch) each: a coordinate no
   * row of a step touches moves by the (piecewise) affine map of {@link DriftProxSteps}, applied in closed form when
   * a row next reads it, and to every coordinate once at the end. Same rows, same margins (the rows'
   * coordinates are current when read), same per-coordinate updates on the support.
   */
  double[] runLazy(FiniteSumObjective objective, CsrRowBlock block, int partition) {
    int d = w.length;
    int rows = block.rows();
    double[] u = w.clone();
    int[] current = new int[d]; // step up to which u[j] is up to date
    int[] seenAt = new int[d];
    Arrays.fill(seenAt, -1);
    int[] support = new int[(int) Math.min(d, (long) batch * maxRowEntries(block))];
    int[] indices = block.indicesView();
    DriftProxSteps skipped = new DriftProxSteps(eta, regularizer.l1Weight(), regularizer.l2Weight(), steps);
    int[] picked = new int[batch];
    GradientSum acc = new GradientSum(d);
    double[] diff = acc.gradient();
    for (int h = 0; h < steps; h++) {
      SplittableRandom rng = new SplittableRandom(Seeds.child(seed, STREAM, round, partition, h));
      for (int i = 0; i < batch; i++) picked[i] = rng.nextInt(rows);
      Arrays.sort(picked);
      int size = 0;
      for (int r : picked) {
        for (int k = block.rowStart(r), end = block.rowEnd(r); k < end; k++) {
          int j = indices[k];
          if (seenAt[j] != h) {
            seenAt[j] = h;
            support[size++] = j;
            u[j] = skipped.advance(u[j], anchorGradient[j], h - current[j], null);
          }
        }
      }
      objective.accumulateDifference(u, anchor, block, picked, null, acc);
      for (int q = 0; q < size; q++) {
        int j = support[q];
        u[j] = skipped.step(u[j], diff[j] / batch + anchorGradient[j]);
        diff[j] = 0.0;
        current[j] = h + 1;
      }
    }
    for (int j = 0; j < d; j++) u[j] = skipped.advance(u[j], anchorGradient[j], steps - current[j], null);
    return u;
  }

  private static int maxRowEntries(CsrRowBlock block) {
    int max = 0;
    for (int r = 0; r < block.rows(); r++) max = Math.max(max, block.rowEnd(r) - block.rowStart(r));
    return max;
  }

  /** The same work on the dense path always (tests compare the two). */
  public LocalSvrgSteps dense() {
    LocalSvrgSteps copy = new LocalSvrgSteps(regularizer, eta, steps, batch, w, anchor, anchorGradient, seed, round);
    copy.lazy = false;
    return copy;
  }

  /** Component gradients one partition evaluates in a round (2 per row per step). */
  @Override
  public long gradientsPerPartition() {
    return 2L * steps * batch;
  }
}
