package org.stochopt.cli;

import org.stochopt.core.meanfield.InputScaling;
import picocli.CommandLine.Option;

/**
 * The step budget and evaluation schedule of the two network models (meanfield and ntk), an
 * argument group of {@link TrainCommand} that both own; linear runs refuse these flags.
 */
public final class NetworkLoopOptions {
  @Option(names = "--steps", converter = Flags.PositiveLong.class, description = "meanfield, ntk: MFLD steps, PDA outer iterations, or averaged-SGD steps T (default 1000)")
  long steps = 1000;

  @Option(names = "--eval-every-steps", converter = Flags.PositiveLong.class, description = "meanfield, ntk: evaluate every this many steps (default 50)")
  long evalEvery = 50;

  @Option(names = "--log-eval", description = "meanfield, ntk: also evaluate at log-spaced steps (for log-log plots)")
  boolean logEval;

  @Option(names = "--input-scaling", description = "meanfield, ntk: raw, unit (x/‖x‖) or center-unit ((x − x̄)/‖x − x̄‖, x̄ the mean training row) "
      + "(default center-unit for fmnist: data, raw otherwise)")
  String inputScaling;

  /** The parsed --input-scaling, null when not given (the data's default). */
  InputScaling scaling() {
    return inputScaling == null ? null : InputScaling.parse(inputScaling);
  }

  @Option(names = "--checkpoint-dir", paramLabel = "URI",
      description = "meanfield, ntk: where --checkpoint-every saves and --resume reads: each block is written by the executor "
          + "that holds it, so on a cluster give storage every executor reaches (hdfs:, s3a:) (default <out>/checkpoint)")
  String checkpointDir;

  /** The checkpoint settings of a network run writing into {@code out}. */
  org.stochopt.spark.runtime.ShardedCheckpoint.Settings checkpoint(CheckpointOptions c, java.nio.file.Path out) {
    if (checkpointDir != null && c.every == 0 && !c.resume) {
      throw new IllegalArgumentException("--checkpoint-dir needs --checkpoint-every or --resume");
    }
    String dir = checkpointDir != null ? checkpointDir : out.resolve("checkpoint").toAbsolutePath().toUri().toString();
    return new org.stochopt.spark.runtime.ShardedCheckpoint.Settings(c.every, dir, c.resume);
  }

  @Option(names = "--lineage-every", converter = Flags.PositiveInt.class, description = "meanfield, ntk on Spark: localCheckpoint the block RDD every this many rounds (default 50)")
  int lineageEvery = 50;
}
