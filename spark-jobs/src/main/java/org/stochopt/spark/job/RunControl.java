package org.stochopt.spark.job;

import java.time.Duration;
import org.stochopt.spark.oracle.SparkGradientOracle.Reduction;

/**
 * How a training run is executed, as opposed to what it computes ({@link TrainConfig}): the Spark
 * reduction, checkpointing for long runs, and what happens to a run already in the output folder.
 *
 * @param reduction how per-partition sums reach the driver on Spark ({@code ORDERED} makes Spark
 *     runs bit-reproducible, also across lost executors and retried tasks)
 * @param checkpointEvery save the run to {@code <out>/checkpoint.bin} every this many rounds; 0 = never
 * @param resume continue from {@code <out>/checkpoint.bin} instead of starting at w₀
 * @param overwrite a fresh run may replace the run already in {@code --out} (its files are deleted
 *     first); without it a fresh run refuses a folder that holds anything
 * @param connectTimeout how long to wait for a {@code spark://} master to accept a connection
 */
public record RunControl(Reduction reduction, long checkpointEvery, boolean resume, boolean overwrite, Duration connectTimeout) {
  public static final String CHECKPOINT_FILE = "checkpoint.bin";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final RunControl DEFAULT = new RunControl(Reduction.TREE, 0, false);

  public RunControl {
    if (reduction == null) throw new IllegalArgumentException("a reduction is required");
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException("--checkpoint-every must be non-negative, got " + checkpointEvery);
    }
    if (resume && overwrite) {
      throw new IllegalArgumentException("--resume continues the run in --out and --overwrite deletes it: give one of them");
    }
    if (connectTimeout == null) connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("--connect-timeout must be > 0, got " + connectTimeout);
    }
  }

  /** Programmatic runs (tests, the Spark ML estimator) replace what the output folder holds, as before. */
  public RunControl(Reduction reduction, long checkpointEvery, boolean resume) {
    this(reduction, checkpointEvery, resume, !resume, DEFAULT_CONNECT_TIMEOUT);
  }
}
