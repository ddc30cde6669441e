package org.stochopt.core.resfgb;

import java.util.SplittableRandom;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.optim.DivergenceException;
import org.stochopt.core.rng.Seeds;
import org.stochopt.core.runtime.Shipped;

/**
 * Fits the block embedding ι by distributed minibatch Nesterov accelerated gradient (the ICML
 * code's optimiser, {@code agd.py}): with momentum μ and step η, per step t
 *
 * <pre>
 *   θ̃ = θ + μv,   ĝ = (1/b)Σ_{i∈B_t} ∇loss_i(θ̃) + wr·W(θ̃),   v ← μv − ηĝ,   θ ← θ + v,
 * </pre>
 *
 * where B_t holds b rows, b·n_p/n of them drawn uniformly (with replacement) inside partition p
 * from a generator seeded by (seed, layer, t, p), so every backend draws the same rows. One step is
 * one runner call: the look-ahead θ̃ and the head go out, P gradient sums come back and are merged
 * in partition order.
 */
public final class BlockFitter {
  /**
   * Settings.
   *
   * @param step η; NaN = tuned on the first block ({@link #tuneStep})
   */
  public record Settings(int batchSize, double epochs, double step, double momentum, double weightDecay, long seed) {
    public boolean autoStep() {
      return Double.isNaN(step);
    }

    public Settings withStep(double newStep) {
      return new Settings(batchSize, epochs, newStep, momentum, weightDecay, seed);
    }

    public Settings {
      if (batchSize < 1) throw new IllegalArgumentException("block batch size must be positive, got " + batchSize);
      if (!(epochs > 0)) throw new IllegalArgumentException("block epochs must be positive, got " + epochs);
      if (!Double.isNaN(step) && !(step > 0 && Double.isFinite(step))) {
        throw new IllegalArgumentException("--block-step must be positive (or auto), got " + step);
      }
      if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("block momentum must be in [0, 1), got " + momentum);
      if (!(weightDecay >= 0)) throw new IllegalArgumentException("block weight decay must be ≥ 0, got " + weightDecay);
    }
  }

  /** The fitted θ and the mean minibatch loss of the last epoch (penalty excluded). */
  public record Result(double[] theta, double lastEpochLoss, long steps) {}

  private BlockFitter() {}

  /**
   * @param theta0 the starting point (the previous block's θ, or a fresh initialisation)
   * @param s the INNER_PRODUCT scale (ignored by REGRESSION)
   */
  public static Result fit(FeatureRows rows, MlpBlock shape, BlockObjective objective, SoftmaxHead head, double[] w,
      double s, double[] theta0, Settings cfg, int layer) {
    return fit(rows, shape, objective, head, w, s, null, theta0, cfg, layer);
  }

  /** The same with the targets in the coordinates of {@code basis} ({@link HeadSpan}; null = in ℝ^d). */
  public static Result fit(FeatureRows rows, MlpBlock shape, BlockObjective objective, SoftmaxHead head, double[] w,
      double s, double[] basis, double[] theta0, Settings cfg, int layer) {
    int b = (int) Math.min(cfg.batchSize(), rows.size());
    long steps = Math.max(1, (long) Math.ceil(cfg.epochs() * rows.size() / b));
    long lastEpoch = Math.max(1, (long) Math.ceil((double) rows.size() / b));
    return run(rows, shape, objective, head, w, s, basis, theta0, cfg, layer, steps, Math.min(steps, lastEpoch));
  }

  /**
   * The ICML code's {@code determine_eta}: from η₀, double (or halve) η while the mean minibatch
   * loss over the last half of a short probe run from θ₀ keeps falling, and return the best η
   * found, halved once for safety over the longer real run. A probe that diverges counts as +∞.
   * Probes draw the same rows (layer id −1), so the search is itself reproducible.
   */
  public static double tuneStep(FeatureRows rows, MlpBlock shape, BlockObjective objective, SoftmaxHead head, double[] w,
      double s, double[] basis, double[] theta0, Settings cfg, double eta0) {
    int b = (int) Math.min(cfg.batchSize(), rows.size());
    long probe = Math.max(10, Math.min(200, rows.size() / b));
    java.util.function.DoubleUnaryOperator loss = eta -> {
      try {
        double f = run(rows, shape, objective, head, w, s, basis, theta0, cfg.withStep(eta), -1, probe, Math.max(1, probe / 2)).lastEpochLoss();
        return Double.isFinite(f) ? f : Double.POSITIVE_INFINITY;
      } catch (DivergenceException e) {
        return Double.POSITIVE_INFINITY;
      }
    };
    double best = eta0;
    double fBest = loss.applyAsDouble(eta0);
    double factor = loss.applyAsDouble(2 * eta0) < fBest ? 2.0 : 0.5;
    for (int k = 0; k < 12; k++) {
      double next = best * factor;
      double f = loss.applyAsDouble(next);
      if (!(f < fBest)) break;
      best = next;
      fBest = f;
    }
    return best / 2;
  }

  private static Result run(FeatureRows rows, MlpBlock shape, BlockObjective objective, SoftmaxHead head, double[] w,
      double s, double[] basis, double[] theta0, Settings cfg, int layer, long steps, long lastEpoch) {
    int b = (int) Math.min(cfg.batchSize(), rows.size());
    int[] counts = rows.batchCounts(b);
    double[] theta = theta0.clone();
    double[] v = new double[theta.length];
    double[] ahead = new double[theta.length];
    double[] g = new double[theta.length];
    Shipped<double[]> sw = rows.runner().ship(w, 8L * w.length);
    // the basis (d·K doubles) goes out like θ: inline when small, broadcast when not
    Shipped<double[]> sq = basis == null ? null : rows.runner().ship(basis, 8L * basis.length);
    double lossSum = 0;
    long lossSteps = 0;
    try {
      for (long t = 0; t < steps; t++) {
        for (int j = 0; j < theta.length; j++) ahead[j] = theta[j] + cfg.momentum() * v[j];
        Shipped<double[]> st = rows.runner().ship(ahead, 8L * ahead.length);
        long step = t;
        long seed = cfg.seed();
        GradientSum sum;
        try {
          sum = rows.runner().aggregate((p, blk) -> {
            int m = counts[p];
            if (m == 0) return null;
            DenseRowBlock block = (DenseRowBlock) blk;
            SplittableRandom rng = new SplittableRandom(Seeds.child(seed, 0x424C4F434BL, layer, step, p));
            int[] picked = new int[m];
            for (int k = 0; k < m; k++) picked[k] = rng.nextInt(block.rows());
            return objective.accumulate(shape, st.value(), head, sw.value(), s, sq == null ? null : sq.value(), block, picked);
          }, () -> new GradientSum(shape.parameterCount()), (x, y) -> x.merge(y), b >= 256);
        } finally {
          st.release();
        }
        double loss = sum.meanInto(sum.count(), g);
        if (!Double.isFinite(loss)) {
          throw new DivergenceException("the block fit of layer " + layer + " diverged (loss " + loss + " at step " + t
              + "); lower --block-step");
        }
        shape.addWeightDecay(ahead, cfg.weightDecay(), g);
        for (int j = 0; j < theta.length; j++) {
          v[j] = cfg.momentum() * v[j] - cfg.step() * g[j];
          theta[j] += v[j];
        }
        if (t >= steps - lastEpoch) {
          lossSum += loss;
          lossSteps++;
        }
      }
    } finally {
      sw.release();
      if (sq != null) sq.release();
    }
    return new Result(theta, lossSum / lossSteps, steps);
  }
}
