package org.stochopt.cli;

import org.stochopt.spark.embed.EmbeddingConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The {@code train --model embedding} flags, an argument group of {@link TrainCommand} shown under
 * its own heading. Shared flags keep their meaning (--data, --loss, --batch-size, --step, --seed,
 * --master, --partitions, --out, --max-seconds); these flags given with another model are refused,
 * like every model's own flags, and --method takes only rsgd.
 */
public final class EmbeddingOptions {
  @Option(names = "--task", description = "embedding: link (closure edges, negative sampling) or ordinal (comparisons, hinge) (default link)")
  String task = "link";

  @Option(names = "--geometry", description = "embedding: euclidean, poincare or lorentz (default poincare)")
  String geometry = "poincare";

  @Option(names = "--score", description = "embedding, euclidean only: distance (−‖u−v‖², default) or dot (⟨u,v⟩)")
  String score;

  @Option(names = "--dim", description = "embedding: dimension d (default 10)")
  int dim = 10;

  @Option(names = "--negatives", description = "embedding: negatives per edge (default 10)")
  int negatives = 10;

  @Option(names = "--bias", description = "embedding, logistic loss: score bias b in σ(s + b) (default 1.0)")
  double bias = 1.0;

  @Option(names = "--epochs", description = "embedding: passes over the training examples (default 10)")
  double epochs = 10;

  @Option(names = "--burnin", description = "embedding: first epochs at lr/10 (default 0)")
  double burnin = 0;

  @Option(names = "--burnin-negatives",
      description = "embedding link: negatives of the burn-in epochs, uniform or unigram (∝ count^0.75 as in Nickel & Kiela's code) (default uniform)")
  String burninNegatives = "uniform";

  @Option(names = "--radius-bound", description = "embedding: keep rows within this distance of the origin, 0 = none (default 0)")
  double radiusBound = 0;

  @Option(names = "--aggregation",
      description = "embedding: sparse (driver table, sparse row gradients), sharded (rows sharded by node id), dense (naive ablation) (default sparse)")
  String aggregation = "sparse";

  @Option(names = "--test-fraction", description = "embedding link: share of closure edges held out for link prediction (default 0)")
  double testFraction = 0;

  @Option(names = "--train-fraction", description = "embedding link: share of the remaining edges trained on (default 1)")
  double trainFraction = 1;

  @Option(names = "--comparisons", description = "embedding ordinal: training comparisons (default 20000)")
  int comparisons = 20000;

  @Option(names = "--triplets", description = "embedding ordinal: triplets (i closer to j than to l) instead of quadruplets")
  boolean triplets;

  @Option(names = "--margin", description = "embedding ordinal: hinge margin (default 0.1)")
  double margin = 0.1;

  @Option(names = "--eval-every-epochs", description = "embedding: evaluate every this many epochs (default 1)")
  double evalEvery = 1;

  @Option(names = "--eval-nodes", description = "embedding: reconstruction from this many sampled nodes, 0 = all (default 0)")
  int evalNodes = 0;

  @Option(names = "--init-scale", description = "embedding: initial coordinates uniform in ±scale (default 1e-3)")
  double initScale = 1e-3;

  /** The shared --checkpoint-every (in epochs here) and --resume. */
  org.stochopt.spark.embed.EmbeddingTrainJob.Checkpoints checkpoints(CheckpointOptions c) {
    return new org.stochopt.spark.embed.EmbeddingTrainJob.Checkpoints(c.every, c.resume);
  }

  EmbeddingConfig toConfig(TrainCommand t, CommandSpec spec, String master) {
    ParseResult parsed = spec.commandLine().getParseResult();
    if (parsed.hasMatchedOption("--method") && !t.method.equals("rsgd")) {
      throw new IllegalArgumentException("--model embedding trains with --method rsgd only, got '" + t.method + "'");
    }
    String loss = parsed.hasMatchedOption("--loss") ? t.loss : "softmax";
    int batch = t.batchSize != null ? t.batchSize : 50;
    double step = t.step != null ? t.step : 0.3;
    return new EmbeddingConfig(t.data.data, task, geometry, score, dim, loss, negatives, bias, batch, step, burnin, epochs, radiusBound,
        aggregation, testFraction, trainFraction, comparisons, triplets, margin, evalEvery, evalNodes, t.seed, master,
        t.partitions == null ? 0 : t.partitions, t.out, t.maxSeconds, initScale, burninNegatives);
  }
}
