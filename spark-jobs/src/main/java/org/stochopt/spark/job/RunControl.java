package org.stochopt.spark.job;

import org.stochopt.spark.oracle.SparkGradientOracle.Reduction;

/**
 * How a training run is executed, as opposed to what it computes ({@link TrainConfig}): the Spark
 * reduction, and checkpointing for long runs.
 *
 * @param reduction how per-partition sums reach the driver on Spark ({@code ORDERED} makes Spark
 *     runs bit-reproducible, also across lost executors and retried tasks)
 * @param checkpointEvery save the run to {@code <out>/checkpoint.bin} every this many rounds; 0 = never
 * @param resume continue from {@code <out>/checkpoint.bin} instead of starting at w₀
 */
public record RunControl(Reduction reduction, long checkpointEvery, boolean resume) {
  public static final String CHECKPOINT_FILE = "checkpoint.bin";
  public static final RunControl DEFAULT = new RunControl(Reduction.TREE, 0, false);

  public RunControl {
    if (reduction == null) throw new IllegalArgumentException("a reduction is required");
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException("--checkpoint-every must be non-negative, got " + checkpointEvery);
    }
  }
}
