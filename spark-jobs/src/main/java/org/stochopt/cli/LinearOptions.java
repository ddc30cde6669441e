package org.stochopt.cli;

import picocli.CommandLine.Option;

/** The {@code train --model linear} flags: the problem, the stopping rules, evaluation, features, execution. */
public final class LinearOptions {
  @Option(names = "--reg", paramLabel = "SPEC", description = "none, l2:λ, l1:λ, elasticnet:λ,α (default l2:1e-4)")
  String reg = "l2:1e-4";

  @Option(names = "--test-data", paramLabel = "SPEC", description = "held-out data, same forms as --data (default: the test split of fmnist:)")
  String testData;

  @Option(names = "--target-suboptimality", converter = Flags.NonNegativeDouble.class, description = "stop at this relative suboptimality (default 1e-6)")
  double target = 1e-6;

  @Option(names = "--max-passes", converter = Flags.NonNegativeDouble.class, description = "stop after this many effective passes; 0 = no limit (default 500)")
  double maxPasses = 500;

  @Option(names = "--max-rounds", converter = Flags.NonNegativeLong.class, description = "stop after this many rounds; 0 = no limit (default 0)")
  long maxRounds = 0;

  @Option(names = "--grad-tol", converter = Flags.NonNegativeDouble.class, description = "stop when the gradient-mapping norm falls below this; 0 = off (default 0)")
  double gradTol = 0;

  @Option(names = "--no-reference", description = "skip the reference optimum (no suboptimality, no target)")
  boolean noReference;

  @Option(names = "--eval-every", converter = Flags.PositiveDouble.class, description = "evaluate every this many effective passes (default 0.5)")
  double evalEvery = 0.5;

  @Option(names = "--eval-every-rounds", converter = Flags.NonNegativeLong.class,
      description = "also evaluate every this many rounds (default: 200 on Spark, where passes grow slowly at small b; off in-process)")
  Long evalEveryRounds;

  @Option(names = "--features", paramLabel = "SPEC",
      description = "train on random features: rff:KIND,M=..,bandwidth=median|σ,seed=..,cache=auto|yes|no[,shards=K], KIND gaussian, "
          + "laplacian, orthogonal or sorf; shards=K splits the M features into K blocks across partitions (default: raw features)")
  String features;

  @Option(names = "--reduce",
      description = "how partition sums reach the driver on Spark: tree (scalable) or ordered (bit-reproducible, also after lost "
          + "executors; P·d doubles per round at the driver) (default tree)")
  String reduce = "tree";


}
