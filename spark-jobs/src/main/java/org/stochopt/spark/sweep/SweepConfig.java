package org.stochopt.spark.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stochopt.core.loss.Losses;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.spark.job.DataLoader;
import org.stochopt.spark.job.TrainConfig;

/**
 * A validated sweep description: one data set, a grid of methods × minibatch sizes × step
 * multipliers × seeds, one accuracy target and the per-cell budgets. Every value is checked in the
 * constructor, before any data is loaded, and a bad value is reported as one line naming the key
 * ({@link SweepConfigReader} adds the file name). Keys and defaults are documented in docs/sweep.md.
 *
 * @param name a label for the report
 * @param data a {@code --data} spec (synthetic:…, fmnist:AvB, or a LIBSVM path/URI)
 * @param testData held-out data spec; null means the data's default test split
 * @param batchSizes strictly increasing minibatch sizes
 * @param stepMultipliers multiples of each method's theory step (1 = the default step)
 * @param target relative suboptimality (F − F*)/|F*| that ends a cell
 * @param maxPasses per-cell budget in effective passes (0 = none)
 * @param maxRounds per-cell budget in rounds (0 = none)
 * @param maxSeconds per-cell budget in method seconds (0 = none)
 * @param master Spark master URL or {@code in-process}
 * @param partitions data partitions (0 = the backend default)
 * @param resolution evaluation interval as a fraction of an epoch: a cell evaluates F every
 *     max(1, ⌊resolution·n/b⌋) rounds, which bounds the relative error of rounds-to-ε by
 *     {@code resolution} whenever a cell needs at least one epoch's worth of steps
 * @param nearLinearRatio a doubling of b is "near-linear" when measured rounds fall to at most this fraction
 * @param noiseSmallBatch small batch of the noise-scale estimator
 * @param noiseBigBatch big batch of the noise-scale estimator (0 = min(n/2, 64·small))
 * @param noisePairs (small, big) pairs averaged by the noise-scale estimator
 * @param out output folder; null means the command line's default
 */
public record SweepConfig(
    String name,
    String data,
    String testData,
    String loss,
    String regularizer,
    List<String> methods,
    List<Integer> batchSizes,
    List<Double> stepMultipliers,
    List<Long> seeds,
    double target,
    double maxPasses,
    long maxRounds,
    double maxSeconds,
    String master,
    int partitions,
    double resolution,
    double nearLinearRatio,
    int noiseSmallBatch,
    int noiseBigBatch,
    int noisePairs,
    String out) {

  public SweepConfig {
    name = name == null || name.isBlank() ? "sweep" : name.strip();
    if (data == null || data.isBlank()) throw bad("data", "is required");
    data = data.strip();
    loss = loss == null ? "logistic" : loss;
    regularizer = regularizer == null ? "l2:1e-4" : regularizer;
    final String lossSpec = loss, regSpec = regularizer, dataSpec = data;
    check("loss", () -> Losses.parse(lossSpec));
    check("regularizer", () -> Regularizers.parse(regSpec));
    if (DataLoader.isSynthetic(data)) check("data", () -> DataLoader.synthetic(dataSpec));

    if (methods == null || methods.isEmpty()) throw bad("methods", "needs at least one method");
    methods = List.copyOf(methods);
    for (int i = 0; i < methods.size(); i++) {
      String m = methods.get(i);
      String key = "methods[" + i + "]";
      if (m == null || m.isBlank()) throw bad(key, "is empty");
      if (methods.indexOf(m) != i) throw bad(key, "'" + m + "' is listed twice");
      checkMethod(key, m);
    }

    if (batchSizes == null || batchSizes.isEmpty()) throw bad("batch_sizes", "needs at least one size");
    batchSizes = List.copyOf(batchSizes);
    for (int i = 0; i < batchSizes.size(); i++) {
      int b = batchSizes.get(i);
      if (b < 1) throw bad("batch_sizes[" + i + "]", "must be a positive integer, got " + b);
      if (i > 0 && b <= batchSizes.get(i - 1)) {
        throw bad("batch_sizes[" + i + "]", "sizes must be strictly increasing, got " + batchSizes.get(i - 1) + " then " + b);
      }
    }
    if (DataLoader.isSynthetic(data)) {
      long n = DataLoader.synthetic(data).n();
      int last = batchSizes.get(batchSizes.size() - 1);
      if (last > n) throw bad("batch_sizes[" + (batchSizes.size() - 1) + "]", last + " exceeds the " + n + " rows of " + data);
    }

    stepMultipliers = stepMultipliers == null || stepMultipliers.isEmpty() ? List.of(1.0) : List.copyOf(stepMultipliers);
    for (int i = 0; i < stepMultipliers.size(); i++) {
      double s = stepMultipliers.get(i);
      if (!(s > 0) || !Double.isFinite(s)) throw bad("step_multipliers[" + i + "]", "must be a positive number, got " + s);
      if (stepMultipliers.indexOf(s) != i) throw bad("step_multipliers[" + i + "]", s + " is listed twice");
    }
    seeds = seeds == null || seeds.isEmpty() ? List.of(1L) : List.copyOf(seeds);
    for (int i = 0; i < seeds.size(); i++) {
      if (seeds.indexOf(seeds.get(i)) != i) throw bad("seeds[" + i + "]", seeds.get(i) + " is listed twice");
    }

    if (!(target > 0) || !(target < 1)) {
      throw bad("target", "must be a relative suboptimality in (0, 1), got " + target);
    }
    if (!(maxPasses >= 0) || !Double.isFinite(maxPasses)) throw bad("max_passes", "must be >= 0, got " + maxPasses);
    if (maxRounds < 0) throw bad("max_rounds", "must be >= 0, got " + maxRounds);
    if (!(maxSeconds >= 0) || !Double.isFinite(maxSeconds)) throw bad("max_seconds", "must be >= 0, got " + maxSeconds);
    if (maxPasses == 0 && maxRounds == 0 && maxSeconds == 0) {
      throw bad("max_passes", "a sweep needs a per-cell budget: set max_passes, max_rounds or max_seconds above 0,"
          + " or a cell that never reaches the target runs forever");
    }
    master = master == null || master.isBlank() ? "local[2]" : master.strip();
    if (partitions < 0) throw bad("partitions", "must be >= 0 (0 = backend default), got " + partitions);
    if (!(resolution > 0 && resolution <= 1)) throw bad("resolution", "must be in (0, 1], got " + resolution);
    if (!(nearLinearRatio > 0.5 && nearLinearRatio < 1)) {
      throw bad("near_linear_ratio", "must be in (0.5, 1): rounds can at best halve when b doubles, got " + nearLinearRatio);
    }
    if (noiseSmallBatch < 1) throw bad("noise_scale.small_batch", "must be a positive integer, got " + noiseSmallBatch);
    if (noiseBigBatch != 0 && noiseBigBatch <= noiseSmallBatch) {
      throw bad("noise_scale.big_batch", "must exceed small_batch (" + noiseSmallBatch + "), got " + noiseBigBatch);
    }
    if (noisePairs < 1) throw bad("noise_scale.pairs", "must be a positive integer, got " + noisePairs);
    out = out == null || out.isBlank() ? null : out.strip();
  }

  /** True for {@code --master in-process}. */
  public boolean inProcess() {
    return TrainConfig.IN_PROCESS.equals(master);
  }

  /** The same sweep on another master (the command line's {@code --master} wins over the file). */
  public SweepConfig withMaster(String newMaster) {
    return new SweepConfig(name, data, testData, loss, regularizer, methods, batchSizes, stepMultipliers, seeds, target,
        maxPasses, maxRounds, maxSeconds, newMaster, partitions, resolution, nearLinearRatio, noiseSmallBatch,
        noiseBigBatch, noisePairs, out);
  }

  /** The big batch of the noise-scale estimator for n rows. */
  public int noiseBigBatchFor(long n) {
    if (noiseBigBatch > 0) return (int) Math.min(noiseBigBatch, n);
    return (int) Math.max(Math.min(n / 2, 64L * noiseSmallBatch), Math.min(n, noiseSmallBatch + 1L));
  }

  /** Every cell of the grid, in the order they run and are listed: method, b, multiplier, seed. */
  public List<Cell> cells() {
    List<Cell> cells = new ArrayList<>();
    for (String m : methods) {
      for (int b : batchSizes) {
        for (double s : stepMultipliers) {
          for (long seed : seeds) cells.add(new Cell(m, b, s, seed));
        }
      }
    }
    return cells;
  }

  /**
   * A method name is valid when the method registry knows it, so new methods become sweepable as
   * soon as train knows them; {@code auto} is refused (it picks b itself: a sweep over b needs named methods).
   */
  private static void checkMethod(String key, String method) {
    org.stochopt.core.method.MethodKind kind;
    try {
      kind = org.stochopt.core.method.MethodKind.parse(method);
    } catch (IllegalArgumentException e) {
      throw bad(key, e.getMessage().replace("--method ", "method "));
    }
    if (kind == org.stochopt.core.method.MethodKind.AUTO) {
      throw bad(key, "method auto picks its own minibatch size; a sweep over b needs named methods");
    }
  }

  private static void check(String key, Runnable parse) {
    try {
      parse.run();
    } catch (IllegalArgumentException e) {
      throw bad(key, e.getMessage());
    }
  }

  static IllegalArgumentException bad(String key, String problem) {
    return new IllegalArgumentException(String.format(Locale.ROOT, "%s: %s", key, problem));
  }
}
