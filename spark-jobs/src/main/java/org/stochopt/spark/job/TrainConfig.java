package org.stochopt.spark.job;

import java.nio.file.Path;
import org.stochopt.core.method.MethodKind;
import org.stochopt.core.method.MethodSettings;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.reg.Regularizer;

/**
 * A validated training request (what {@code stochopt train} parses its flags into), typed: the loss,
 * the regularizer and the method are parsed objects, and absent settings are absent (null or
 * empty), never a magic number.
 *
 * @param testData held-out data, or null (then the test split of {@code fmnist:}, if any)
 * @param method the method and the settings given to it ({@link MethodKind#AUTO} until resolved)
 * @param stop budgets and accuracy targets (0 = that rule is off); the target applies only with a reference
 * @param partitions row partitions, or null for the backend's default
 * @param evalEveryRounds also evaluate every this many rounds; 0 = by passes only
 */
public record TrainConfig(
    String data,
    String testData,
    ModelLoss loss,
    Regularizer regularizer,
    MethodSettings method,
    StoppingRules stop,
    long seed,
    String master,
    Integer partitions,
    Path out,
    Path cacheDir,
    boolean reference,
    double evalEveryPasses,
    long evalEveryRounds) {

  public static final String IN_PROCESS = "in-process";

  public TrainConfig {
    if (data == null || data.isBlank()) throw new IllegalArgumentException("--data is required");
    if (loss == null || regularizer == null || method == null || stop == null) {
      throw new IllegalArgumentException("loss, regularizer, method and stopping rules are required");
    }
    if (partitions != null && partitions < 1) throw new IllegalArgumentException("--partitions must be positive, got " + partitions);
    if (!(evalEveryPasses > 0) || !Double.isFinite(evalEveryPasses)) {
      throw new IllegalArgumentException("--eval-every must be a positive number, got " + evalEveryPasses);
    }
    if (evalEveryRounds < 0) throw new IllegalArgumentException("--eval-every-rounds must be non-negative");
    // The stopping rules as the run will apply them (no target without a reference), checked now,
    // before the data load and the reference solve, not minutes later.
    new StoppingRules(stop.maxRounds(), stop.maxPasses(), reference ? stop.targetRelativeSuboptimality() : 0,
        stop.gradientMappingTolerance(), stop.maxSeconds());
  }

  public boolean inProcess() {
    return IN_PROCESS.equals(master);
  }

  /** The row partitions of the backend: the given count, else 4 in-process and max(4, Spark's parallelism) on Spark. */
  public int partitionsOr(int backendDefault) {
    return partitions != null ? partitions : backendDefault;
  }

  /** The same request with another method (what {@code --method auto} resolves to). */
  public TrainConfig withMethod(MethodSettings m) {
    return new TrainConfig(data, testData, loss, regularizer, m, stop, seed, master, partitions, out, cacheDir, reference,
        evalEveryPasses, evalEveryRounds);
  }
}
