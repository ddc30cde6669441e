package org.stochopt.spark.job;

import java.nio.file.Path;

/**
 * A validated training request (what {@code stochopt train} parses its flags into).
 *
 * @param step step size η (η₀ for SGD schedules); NaN means the theory default
 * @param epochLength SVRG inner steps per anchor; 0 means ⌈n/b⌉
 * @param sampling null means the method's default (without replacement for SGD and SVRG)
 * @param partitions 0 means the backend default
 * @param evalEveryRounds 0 means evaluate by passes only
 */
public record TrainConfig(
    String data,
    String testData,
    String loss,
    String regularizer,
    String method,
    int batchSize,
    double step,
    String schedule,
    String averaging,
    long epochLength,
    String anchor,
    String sampling,
    double targetSuboptimality,
    double maxPasses,
    long maxRounds,
    double maxSeconds,
    double gradientTolerance,
    long seed,
    String master,
    int partitions,
    Path out,
    Path cacheDir,
    boolean reference,
    double evalEveryPasses,
    long evalEveryRounds,
    MethodTuning tuning) {

  public static final String IN_PROCESS = "in-process";

  /** Every method name {@code --method} accepts. */
  public static final java.util.List<String> METHODS = java.util.List.of("gd", "sgd", "svrg", "katyusha", "dasvrda", "accsvrg", "accsvrg-appa", "local-svrg", "local-katyusha");

  /** A request at the theory parameters of the method (no method-specific overrides). */
  public TrainConfig(String data, String testData, String loss, String regularizer, String method, int batchSize, double step,
      String schedule, String averaging, long epochLength, String anchor, String sampling, double targetSuboptimality,
      double maxPasses, long maxRounds, double maxSeconds, double gradientTolerance, long seed, String master, int partitions,
      Path out, Path cacheDir, boolean reference, double evalEveryPasses, long evalEveryRounds) {
    this(data, testData, loss, regularizer, method, batchSize, step, schedule, averaging, epochLength, anchor, sampling,
        targetSuboptimality, maxPasses, maxRounds, maxSeconds, gradientTolerance, seed, master, partitions, out, cacheDir,
        reference, evalEveryPasses, evalEveryRounds, MethodTuning.THEORY);
  }

  public TrainConfig {
    if (data == null || data.isBlank()) throw new IllegalArgumentException("--data is required");
    if (batchSize <= 0) throw new IllegalArgumentException("--batch-size must be positive, got " + batchSize);
    if (!Double.isNaN(step) && !(step > 0 && Double.isFinite(step))) {
      throw new IllegalArgumentException("--step must be a positive number, got " + step);
    }
    if (epochLength < 0) throw new IllegalArgumentException("--epoch-length must be non-negative");
    if (targetSuboptimality < 0 || maxPasses < 0 || maxRounds < 0 || maxSeconds < 0 || gradientTolerance < 0) {
      throw new IllegalArgumentException("stopping limits must be non-negative");
    }
    if (partitions < 0) throw new IllegalArgumentException("--partitions must be positive, got " + partitions);
    if (!(evalEveryPasses > 0)) throw new IllegalArgumentException("--eval-every must be positive");
    if (evalEveryRounds < 0) throw new IllegalArgumentException("--eval-every-rounds must be non-negative");
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("unknown --method '" + method + "' (expected one of " + String.join(", ", METHODS) + ")");
    }
    if (tuning == null) tuning = MethodTuning.THEORY;
  }

  public boolean inProcess() {
    return IN_PROCESS.equals(master);
  }
}
