package org.stochopt.cli;

import java.util.ArrayList;
import java.util.List;
import org.stochopt.spark.embed.EmbeddingConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The {@code train --model embedding} flags, mixed into {@link TrainCommand}. Shared flags keep
 * their meaning (--data, --loss, --batch-size, --step, --seed, --master, --partitions, --out,
 * --max-seconds); flags of the other models are refused, and these are refused by the others.
 */
public final class EmbeddingOptions {
  static final List<String> OWN = List.of("--task", "--geometry", "--score", "--dim", "--negatives", "--bias", "--epochs", "--burnin",
      "--radius-bound", "--aggregation", "--test-fraction", "--train-fraction", "--comparisons", "--triplets", "--margin",
      "--eval-every-epochs", "--eval-nodes", "--init-scale");

  @Option(names = "--task", defaultValue = "link", description = "embedding: link (closure edges, negative sampling) or ordinal (comparisons, hinge) (default ${DEFAULT-VALUE})")
  String task;

  @Option(names = "--geometry", defaultValue = "poincare", description = "embedding: euclidean, poincare or lorentz (default ${DEFAULT-VALUE})")
  String geometry;

  @Option(names = "--score", description = "embedding, euclidean only: distance (−‖u−v‖², default) or dot (⟨u,v⟩)")
  String score;

  @Option(names = "--dim", defaultValue = "10", description = "embedding: dimension d (default ${DEFAULT-VALUE})")
  int dim;

  @Option(names = "--negatives", defaultValue = "10", description = "embedding: negatives per edge (default ${DEFAULT-VALUE})")
  int negatives;

  @Option(names = "--bias", defaultValue = "1.0", description = "embedding, logistic loss: score bias b in σ(s + b) (default ${DEFAULT-VALUE})")
  double bias;

  @Option(names = "--epochs", defaultValue = "10", description = "embedding: passes over the training examples (default ${DEFAULT-VALUE})")
  double epochs;

  @Option(names = "--burnin", defaultValue = "0", description = "embedding: first epochs at lr/10 (default ${DEFAULT-VALUE})")
  double burnin;

  @Option(names = "--radius-bound", defaultValue = "0", description = "embedding: keep rows within this distance of the origin; 0 = none (default ${DEFAULT-VALUE})")
  double radiusBound;

  @Option(names = "--aggregation", defaultValue = "sparse", description = "embedding: sparse (driver table, sparse row gradients), sharded (rows sharded by node id), dense (naive ablation) (default ${DEFAULT-VALUE})")
  String aggregation;

  @Option(names = "--test-fraction", defaultValue = "0", description = "embedding link: share of closure edges held out for link prediction (default ${DEFAULT-VALUE})")
  double testFraction;

  @Option(names = "--train-fraction", defaultValue = "1", description = "embedding link: share of the remaining edges trained on (default ${DEFAULT-VALUE})")
  double trainFraction;

  @Option(names = "--comparisons", defaultValue = "20000", description = "embedding ordinal: training comparisons (default ${DEFAULT-VALUE})")
  int comparisons;

  @Option(names = "--triplets", description = "embedding ordinal: triplets (i closer to j than to l) instead of quadruplets")
  boolean triplets;

  @Option(names = "--margin", defaultValue = "0.1", description = "embedding ordinal: hinge margin (default ${DEFAULT-VALUE})")
  double margin;

  @Option(names = "--eval-every-epochs", defaultValue = "1", description = "embedding: evaluate every this many epochs (default ${DEFAULT-VALUE})")
  double evalEvery;

  @Option(names = "--eval-nodes", defaultValue = "0", description = "embedding: reconstruction from this many sampled nodes; 0 = all (default ${DEFAULT-VALUE})")
  int evalNodes;

  @Option(names = "--init-scale", defaultValue = "1e-3", description = "embedding: initial coordinates uniform in ±scale (default ${DEFAULT-VALUE})")
  double initScale;

  /** Refuses embedding flags given to another model. */
  static void refuseOwn(ParseResult parsed, String model) {
    for (String flag : OWN) {
      if (parsed.hasMatchedOption(flag)) throw new IllegalArgumentException(flag + " does not apply to --model " + model);
    }
  }

  EmbeddingConfig toConfig(TrainCommand t, CommandSpec spec, String master) {
    ParseResult parsed = spec.commandLine().getParseResult();
    List<String> foreign = new ArrayList<>(MeanFieldOptions.LINEAR_ONLY);
    foreign.addAll(MeanFieldOptions.OWN);
    foreign.addAll(List.of("--features", "--tau1", "--tau2", "--restart", "--appa-kappa", "--reduce", "--checkpoint-every", "--resume"));
    for (String flag : foreign) {
      if (parsed.hasMatchedOption(flag)) throw new IllegalArgumentException(flag + " does not apply to --model embedding");
    }
    if (parsed.hasMatchedOption("--method") && !t.method.equals("rsgd")) {
      throw new IllegalArgumentException("--model embedding trains with --method rsgd only, got '" + t.method + "'");
    }
    String loss = parsed.hasMatchedOption("--loss") ? t.loss : "softmax";
    int batch = parsed.hasMatchedOption("--batch-size") ? t.batchSize : 50;
    double step = t.step != null ? t.step : 0.3;
    return new EmbeddingConfig(t.data, task, geometry, score, dim, loss, negatives, bias, batch, step, burnin, epochs, radiusBound,
        aggregation, testFraction, trainFraction, comparisons, triplets, margin, evalEvery, evalNodes, t.seed, master, t.partitions,
        t.out, t.maxSeconds, initScale);
  }
}
