package org.stochopt.core.oracle;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.objective.FiniteSumObjective;
import org.stochopt.core.objective.GradientSum;
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
 * h): both backends run this same code on the same block and draw the same rows.
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

  /** Component gradients one partition evaluates in a round (2 per row per step). */
  @Override
  public long gradientsPerPartition() {
    return 2L * steps * batch;
  }
}
