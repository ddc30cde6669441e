package org.stochopt.spark.job;

import java.nio.file.Path;

/**
 * A validated training request (what {@code stochopt train} parses its flags into).
 *
 * @param step step size η (η₀ for SGD schedules); null means the theory default (never NaN)
 * @param epochLength SVRG inner steps per anchor; 0 means ⌈n/b⌉
 * @param sampling null means the method's default (without replacement for SGD and SVRG)
 * @param partitions 0 means the backend default (the command line refuses 0: an absent --partitions becomes 0 here)
 * @param evalEveryRounds 0 means evaluate by passes only
 */
public record TrainConfig(
    String data,
    String testData,
    String loss,
    String regularizer,
    String method,
    int batchSize,
    Double step,
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
  public static final java.util.List<String> METHODS = java.util.List.of("sgd", "svrg", "katyusha", "dasvrda", "accsvrg", "accsvrg-appa", "local-svrg", "local-katyusha");

  /** A request at the theory parameters of the method (no method-specific overrides). */
  public TrainConfig(String data, String testData, String loss, String regularizer, String method, int batchSize, Double step,
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
    if (step != null && !(step > 0 && Double.isFinite(step))) {
      throw new IllegalArgumentException("--step must be a positive finite number, got " + step);
    }
    if (epochLength < 0) throw new IllegalArgumentException("--epoch-length must be non-negative");
    finiteNonNegative("--target-suboptimality", targetSuboptimality);
    finiteNonNegative("--max-passes", maxPasses);
    finiteNonNegative("--max-seconds", maxSeconds);
    finiteNonNegative("--grad-tol", gradientTolerance);
    if (maxRounds < 0) throw new IllegalArgumentException("--max-rounds must be >= 0, got " + maxRounds);
    // The stopping rules as the run will apply them (no target without a reference), checked now,
    // before the data load and the reference solve, not minutes later.
    new org.stochopt.core.optim.StoppingRules(maxRounds, maxPasses, reference ? targetSuboptimality : 0,
        gradientTolerance, maxSeconds);
    if (partitions < 0) throw new IllegalArgumentException("--partitions must be positive, got " + partitions);
    if (!(evalEveryPasses > 0) || !Double.isFinite(evalEveryPasses)) throw new IllegalArgumentException("--eval-every must be positive");
    if (evalEveryRounds < 0) throw new IllegalArgumentException("--eval-every-rounds must be non-negative");
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("unknown --method '" + method + "' (expected one of " + String.join(", ", METHODS) + ")");
    }
    if (tuning == null) tuning = MethodTuning.THEORY;
    // Every value is validated whether or not the chosen method reads it: a typo in a flag the
    // method ignores today must not pass silently (and would bite on the next --method).
    final String sch = schedule, avg = averaging, anc = anchor, smp = sampling;
    named("--schedule", () -> org.stochopt.core.optim.StepSchedule.parseKind(sch));
    named("--averaging", () -> org.stochopt.core.method.ProxSgdConfig.Averaging.parse(avg));
    named("--anchor", () -> org.stochopt.core.method.ProxSvrgConfig.Anchor.parse(anc));
    if (sampling != null) named("--sampling", () -> org.stochopt.core.sampling.SamplingScheme.parse(smp));
  }

  private static void finiteNonNegative(String flag, double v) {
    if (!(v >= 0) || !Double.isFinite(v)) throw new IllegalArgumentException(flag + " must be a finite number >= 0, got " + v);
  }

  private static void named(String flag, Runnable parse) {
    try {
      parse.run();
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new IllegalArgumentException(m.contains(flag) ? m : flag + ": " + m, e);
    }
  }

  public boolean inProcess() {
    return IN_PROCESS.equals(master);
  }
}
