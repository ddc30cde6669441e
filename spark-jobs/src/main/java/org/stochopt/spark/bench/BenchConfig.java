package org.stochopt.spark.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.stochopt.spark.job.TrainConfig;

/**
 * A validated {@code stochopt bench} request: which systems run on the one data set, and their budgets.
 *
 * @param methods stochopt methods (names as for {@code train --method}), each run in-process and on Spark
 * @param batchSize minibatch size of the in-process runs
 * @param sparkBatchSize minibatch size of the Spark runs (a larger b pays where rounds cost milliseconds)
 * @param systems which of {@link #SYSTEMS} run
 * @param targets relative suboptimalities at which time, rounds and passes are reported
 * @param maxPasses budget of each stochopt run (effective passes)
 * @param maxSeconds budget of each stochopt run (method seconds; 0 = none)
 * @param mllibMaxIter MLlib's maxIter
 * @param mllibTol MLlib's tol (0: run all maxIter iterations unless L-BFGS itself stops)
 * @param liblinearEps the -e tolerances LIBLINEAR is run with, one process each
 * @param loss logistic (binary data), or multinomial[:K] / ovr-logistic[:K] (class labels 0..K−1)
 */
public record BenchConfig(
    String data,
    String regularizer,
    List<String> methods,
    int batchSize,
    int sparkBatchSize,
    int partitions,
    String sparkMaster,
    Set<String> systems,
    List<Double> targets,
    double maxPasses,
    double maxSeconds,
    double evalEveryPasses,
    int mllibMaxIter,
    double mllibTol,
    List<Double> liblinearEps,
    long seed,
    Path out,
    Path cacheDir,
    String loss) {

  /** The losses bench compares peers on: each is solved by MLlib, and logistic and ovr-logistic by LIBLINEAR. */
  public static final List<String> LOSSES = List.of("logistic", "multinomial", "ovr-logistic");

  /** A request on the binary logistic loss (the bench before multi-class losses). */
  public BenchConfig(String data, String regularizer, List<String> methods, int batchSize, int sparkBatchSize, int partitions,
      String sparkMaster, Set<String> systems, List<Double> targets, double maxPasses, double maxSeconds, double evalEveryPasses,
      int mllibMaxIter, double mllibTol, List<Double> liblinearEps, long seed, Path out, Path cacheDir) {
    this(data, regularizer, methods, batchSize, sparkBatchSize, partitions, sparkMaster, systems, targets, maxPasses, maxSeconds,
        evalEveryPasses, mllibMaxIter, mllibTol, liblinearEps, seed, out, cacheDir, "logistic");
  }

  /** stochopt in one JVM, stochopt on Spark, Spark MLlib LogisticRegression, liblinear-train. */
  public static final List<String> SYSTEMS = List.of("inprocess", "spark", "mllib", "liblinear");

  /** The method of a {@code --methods} entry: {@code katyusha} or {@code katyusha@0.04} (a hand-set step). */
  public static String methodName(String entry) {
    int at = entry.indexOf('@');
    return at < 0 ? entry : entry.substring(0, at);
  }

  /** The step of a {@code --methods} entry, NaN for the theory step. */
  public static Double methodStep(String entry) {
    int at = entry.indexOf('@');
    if (at < 0) return null; // no step given: the theory step
    try {
      return org.stochopt.spark.job.ValidatedNumbers.parseDouble(entry.substring(at + 1),
          org.stochopt.spark.job.ValidatedNumbers.Range.POSITIVE);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad step in --methods entry '" + entry + "': it " + e.getMessage());
    }
  }

  public BenchConfig {
    if (data == null || data.isBlank()) throw new IllegalArgumentException("--data is required");
    if (methods == null || methods.isEmpty()) throw new IllegalArgumentException("--methods needs at least one method");
    if (loss == null) loss = "logistic";
    String base = loss.strip().toLowerCase(java.util.Locale.ROOT).replaceFirst(":.*", "");
    if (!LOSSES.contains(base) || (base.equals("logistic") && !loss.strip().equalsIgnoreCase("logistic"))) {
      throw new IllegalArgumentException("bench --loss must be logistic, multinomial[:K] or ovr-logistic[:K], got '" + loss + "'");
    }
    if (!base.equals("logistic")) org.stochopt.core.loss.Losses.parseMulticlass(loss); // checks K now
    for (String m : methods) {
      try {
        org.stochopt.core.method.MethodKind.parse(methodName(m));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown method '" + methodName(m) + "' in --methods (expected one of "
            + String.join(", ", org.stochopt.core.method.MethodKind.names()) + ")");
      }
      methodStep(m); // refuses NaN, ±Infinity and steps <= 0, naming the entry
    }
    if (batchSize <= 0) throw new IllegalArgumentException("--batch-size must be positive, got " + batchSize);
    if (sparkBatchSize <= 0) throw new IllegalArgumentException("--spark-batch-size must be positive, got " + sparkBatchSize);
    if (partitions <= 0) throw new IllegalArgumentException("--partitions must be positive, got " + partitions);
    if (systems == null || systems.isEmpty()) throw new IllegalArgumentException("--systems needs at least one system");
    for (String s : systems) {
      if (!SYSTEMS.contains(s)) {
        throw new IllegalArgumentException("unknown system '" + s + "' in --systems (expected " + String.join(", ", SYSTEMS) + ")");
      }
    }
    if (targets == null || targets.isEmpty()) throw new IllegalArgumentException("--targets needs at least one value");
    for (double t : targets) {
      if (!(t > 0 && t < 1)) throw new IllegalArgumentException("--targets values must be in (0, 1), got " + t);
    }
    if (!(maxPasses >= 0) || !(maxSeconds >= 0)) throw new IllegalArgumentException("--max-passes and --max-seconds must be non-negative");
    if (maxPasses == 0 && maxSeconds == 0) throw new IllegalArgumentException("set --max-passes or --max-seconds: a run needs a budget");
    if (!(evalEveryPasses > 0)) throw new IllegalArgumentException("--eval-every must be positive, got " + evalEveryPasses);
    if (mllibMaxIter <= 0) throw new IllegalArgumentException("--mllib-max-iter must be positive, got " + mllibMaxIter);
    if (!(mllibTol >= 0)) throw new IllegalArgumentException("--mllib-tol must be non-negative, got " + mllibTol);
    if (liblinearEps == null || liblinearEps.isEmpty()) throw new IllegalArgumentException("--liblinear-eps needs at least one value");
    for (double e : liblinearEps) {
      if (!(e > 0 && Double.isFinite(e))) throw new IllegalArgumentException("--liblinear-eps values must be positive, got " + e);
    }
    if (sparkMaster == null || sparkMaster.isBlank() || sparkMaster.equals(TrainConfig.IN_PROCESS)) {
      throw new IllegalArgumentException("--spark-master must be a Spark master URL such as local[2], got '" + sparkMaster + "'");
    }
    methods = List.copyOf(methods);
    systems = Set.copyOf(systems);
    targets = targets.stream().sorted(java.util.Comparator.reverseOrder()).toList();
    liblinearEps = liblinearEps.stream().sorted(java.util.Comparator.reverseOrder()).toList();
  }

  /** The smallest target: every stochopt run stops there. */
  public double finestTarget() {
    return targets.get(targets.size() - 1);
  }

  public boolean runs(String system) {
    return systems.contains(system);
  }
}
