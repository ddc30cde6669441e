package org.stochopt.spark.ntk;

import java.nio.file.Path;
import org.stochopt.core.meanfield.InputScaling;
import org.stochopt.core.ntk.Activation;
import org.stochopt.core.ntk.NtkShape;
import org.stochopt.core.ntk.RateTheory;
import org.stochopt.core.ntk.StepCondition;
import org.stochopt.core.ntk.TrainedLayers;
import org.stochopt.spark.runtime.ShardedCheckpoint;

/**
 * A validated {@code train --model ntk} run; every check names its flag.
 *
 * @param loss squared or logistic; null picks the data's natural loss
 * @param step η; NaN = the largest step of the condition 4(6 + λ)η ≤ 1
 * @param lambda the L2 pull; NaN = T^{−β/(2rβ+1)} from --source-r and --beta, or 1e-3 without them
 * @param sourceR r of the source condition, NaN when not given
 * @param beta eigenvalue decay β, NaN when not given
 * @param blocks neuron blocks (= partitions); 0 picks 4, or Spark's parallelism if larger
 * @param inputScaling how data rows are scaled; null = the data's default ({@link NtkData#defaultScaling})
 * @param checkpoint when to save the blocks and the driver's state, and whether to resume
 */
public record NtkConfig(String data, String loss, String activation, int width, double outputScale, double biasScale,
    String layers, double step, double lambda, double sourceR, double beta, int batchSize, long steps, long evalEvery,
    boolean logSpacedEval, boolean lastIterate, long seed, String master, int blocks, Path out, double maxSeconds,
    int checkpointEvery, InputScaling inputScaling, ShardedCheckpoint.Settings checkpoint) {
  public static final String IN_PROCESS = "in-process";
  public static final double DEFAULT_LAMBDA = 1e-3;

  public NtkConfig {
    if (data == null || data.isBlank()) throw new IllegalArgumentException("--data is required");
    shape(width, 1, outputScale, biasScale, activation, layers);
    if (Double.isNaN(sourceR) != Double.isNaN(beta)) {
      throw new IllegalArgumentException(Double.isNaN(beta) ? "--source-r needs --beta (λ = T^−β/(2rβ+1))" : "--beta needs --source-r (λ = T^−β/(2rβ+1))");
    }
    if (!Double.isNaN(sourceR)) {
      RateTheory.check(sourceR, beta);
      if (!Double.isNaN(lambda)) throw new IllegalArgumentException("--lambda conflicts with --source-r/--beta, which set λ = T^−β/(2rβ+1)");
    }
    if (!Double.isNaN(lambda) && !(lambda >= 0 && Double.isFinite(lambda))) throw new IllegalArgumentException("--lambda must be ≥ 0 and finite, got " + lambda);
    if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    if (steps < 1) throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
    if (evalEvery < 1) throw new IllegalArgumentException("--eval-every-steps must be at least 1, got " + evalEvery);
    if (blocks < 0 || blocks > width) throw new IllegalArgumentException("--partitions must be in 0.." + width + " (one neuron block each), got " + blocks);
    if (!(maxSeconds >= 0)) throw new IllegalArgumentException("--max-seconds must be ≥ 0, got " + maxSeconds);
    if (checkpointEvery < 1) throw new IllegalArgumentException("--lineage-every must be at least 1, got " + checkpointEvery);
    if (checkpoint == null) checkpoint = ShardedCheckpoint.Settings.none();
    double lam = effectiveLambda(lambda, sourceR, beta, steps);
    if (!Double.isNaN(step)) {
      if (!(step > 0 && Double.isFinite(step))) throw new IllegalArgumentException("--step must be positive and finite, got " + step);
      String v = StepCondition.violation(step, lam);
      if (v != null) throw new IllegalArgumentException(v);
    }
  }

  static NtkShape shape(int width, int d, double outputScale, double biasScale, String activation, String layers) {
    return new NtkShape(width, d, outputScale, biasScale, Activation.parse(activation), TrainedLayers.parse(layers));
  }

  private static double effectiveLambda(double lambda, double r, double beta, long steps) {
    if (!Double.isNaN(lambda)) return lambda;
    if (!Double.isNaN(r)) return RateTheory.lambda(steps, r, beta);
    return DEFAULT_LAMBDA;
  }

  /** λ of the run. */
  public double effectiveLambda() {
    return effectiveLambda(lambda, sourceR, beta, steps);
  }

  /** η of the run. */
  public double effectiveStep() {
    return Double.isNaN(step) ? StepCondition.maxStep(effectiveLambda()) : step;
  }

  public NtkShape shape(int inputDim) {
    return shape(width, inputDim, outputScale, biasScale, activation, layers);
  }

  public boolean inProcess() {
    return IN_PROCESS.equalsIgnoreCase(master);
  }
}
