package org.stochopt.cli;

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

  @Option(names = "--lineage-every", converter = Flags.PositiveInt.class, description = "meanfield, ntk on Spark: localCheckpoint the block RDD every this many rounds (default 50)")
  int lineageEvery = 50;
}
