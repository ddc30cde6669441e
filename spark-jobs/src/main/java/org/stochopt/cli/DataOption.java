package org.stochopt.cli;

import picocli.CommandLine.Option;

/** {@code --data}, declared once for every command that reads a training set. */
public final class DataOption {
  @Option(names = "--data", required = true, paramLabel = "SPEC",
      description = "fmnist:AvB, fmnist:all (ten classes), synthetic:n=..,d=..,density=..,cond=..,seed=.., sparse:..., "
          + "or a LIBSVM/CSV path or URI (file:, hdfs:, s3a:)")
  String data;
}
