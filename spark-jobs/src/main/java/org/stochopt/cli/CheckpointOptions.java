package org.stochopt.cli;

import picocli.CommandLine.Option;

/**
 * Checkpoint and resume, an argument group of {@link TrainCommand} owned by the models whose runs
 * save between steps (linear: the method state, every N rounds; meanfield and ntk: the sharded
 * blocks and the driver's state, every N steps; embedding: every N epochs); resfgb saves after
 * every layer ({@code --resume-layers}) and refuses these flags.
 */
public final class CheckpointOptions {
  @Option(names = "--checkpoint-every", converter = Flags.NonNegativeLong.class,
      description = "linear: save the run to <out>/checkpoint.bin every this many rounds; meanfield, ntk: save the blocks and "
          + "the run to --checkpoint-dir every this many steps; embedding: every this many epochs, into --out; for --resume; 0 = never (default 0)")
  long every = 0;

  @Option(names = "--resume", description = "continue from the saved checkpoint (same flags; the stopping limits may be raised)")
  boolean resume;
}
