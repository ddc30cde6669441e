package org.stochopt.spark.resfgb;

import java.nio.file.Path;
import org.stochopt.core.resfgb.ResFgbConfig;

/**
 * A validated {@code train --model resfgb} run: the algorithm's settings (checked by
 * {@link ResFgbConfig} and its parts) and where the rows come from. Checked before any data is read.
 *
 * @param trainRows use only the first this many training rows (0 = all): the documented subsets for 2 cores
 * @param validationFraction share of the training rows held out for use_best_iter (0 = none)
 * @param partitions row partitions (0 = 4, or Spark's parallelism if larger)
 * @param maxSeconds stop adding layers once training has run this long (0 = no limit)
 * @param resume continue from {@code <out>/resfgb-state.bin} (the last finished layer)
 */
public record ResFgbJobConfig(String data, String testData, int trainRows, double validationFraction, int partitions, String master,
    Path out, double maxSeconds, boolean resume, ResFgbConfig algorithm) {
  public static final String IN_PROCESS = "in-process";

  public ResFgbJobConfig {
    if (data == null || data.isBlank()) throw new IllegalArgumentException("--data is required");
    if (trainRows < 0) throw new IllegalArgumentException("--train-rows must be ≥ 0 (0 = all), got " + trainRows);
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("--val-fraction must be in [0, 1), got " + validationFraction);
    }
    if (algorithm.useBestIter() && validationFraction == 0) {
      throw new IllegalArgumentException("use_best_iter needs validation rows: give --val-fraction > 0 or --no-best-iter");
    }
    if (partitions < 0) throw new IllegalArgumentException("--partitions must be ≥ 0, got " + partitions);
    if (!(maxSeconds >= 0)) throw new IllegalArgumentException("--max-seconds must be ≥ 0, got " + maxSeconds);
  }

  public boolean inProcess() {
    return IN_PROCESS.equalsIgnoreCase(master);
  }
}
