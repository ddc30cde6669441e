package org.stochopt.spark.embed;

import java.nio.file.Path;
import org.stochopt.core.embed.Aggregation;
import org.stochopt.core.embed.LinkObjective;
import org.stochopt.core.embed.Manifold;

/**
 * A validated {@code train --model embedding} run (checked before any data is read).
 *
 * @param task link (closure edges, negative sampling) or ordinal (comparisons, hinge)
 * @param epochs passes over the training examples
 * @param burnin epochs at lr/10 first
 * @param comparisons ordinal: training comparisons (held-out: a quarter of that)
 * @param evalEvery evaluate every this many epochs
 * @param evalNodes reconstruction from this many sampled nodes (0 = all)
 * @param burninNegatives uniform, or unigram (negatives of the burn-in steps ∝ count^0.75, link only)
 */
public record EmbeddingConfig(String data, String task, String geometry, String score, int dim, String loss, int negatives,
    double bias, int batch, double step, double burnin, double epochs, double radiusBound, String aggregation,
    double testFraction, double trainFraction, int comparisons, boolean triplets, double margin, double evalEvery,
    int evalNodes, long seed, String master, int partitions, Path out, double maxSeconds, double initScale,
    String burninNegatives) {
  public static final String IN_PROCESS = "in-process";

  public EmbeddingConfig {
    if (!task.equals("link") && !task.equals("ordinal")) throw new IllegalArgumentException("--task must be link or ordinal, got '" + task + "'");
    Manifold.parse(geometry, score);
    if (dim < 1) throw new IllegalArgumentException("--dim must be at least 1, got " + dim);
    LinkObjective.Kind.parse(loss);
    if (negatives < 1) throw new IllegalArgumentException("--negatives must be at least 1, got " + negatives);
    if (batch < 1) throw new IllegalArgumentException("--batch-size must be at least 1, got " + batch);
    if (!(step > 0) || Double.isInfinite(step)) throw new IllegalArgumentException("--step must be positive, got " + step);
    if (!(epochs > 0)) throw new IllegalArgumentException("--epochs must be positive, got " + epochs);
    if (!(burnin >= 0)) throw new IllegalArgumentException("--burnin must be ≥ 0, got " + burnin);
    if (!(radiusBound >= 0)) throw new IllegalArgumentException("--radius-bound must be ≥ 0 (0 = none), got " + radiusBound);
    Aggregation.parse(aggregation);
    if (!(testFraction >= 0 && testFraction < 1)) throw new IllegalArgumentException("--test-fraction must be in [0, 1), got " + testFraction);
    if (!(trainFraction > 0 && trainFraction <= 1)) throw new IllegalArgumentException("--train-fraction must be in (0, 1], got " + trainFraction);
    if (comparisons < 1) throw new IllegalArgumentException("--comparisons must be at least 1, got " + comparisons);
    if (!(margin >= 0)) throw new IllegalArgumentException("--margin must be ≥ 0, got " + margin);
    if (!(evalEvery > 0)) throw new IllegalArgumentException("--eval-every-epochs must be positive, got " + evalEvery);
    if (evalNodes < 0) throw new IllegalArgumentException("--eval-nodes must be ≥ 0, got " + evalNodes);
    if (partitions < 0) throw new IllegalArgumentException("--partitions must be ≥ 0, got " + partitions);
    if (!(maxSeconds >= 0)) throw new IllegalArgumentException("--max-seconds must be ≥ 0, got " + maxSeconds);
    if (!burninNegatives.equals("uniform") && !burninNegatives.equals("unigram")) {
      throw new IllegalArgumentException("--burnin-negatives must be uniform or unigram, got '" + burninNegatives + "'");
    }
    if (burninNegatives.equals("unigram") && !task.equals("link")) throw new IllegalArgumentException("--burnin-negatives applies to --task link only");
    if (burninNegatives.equals("unigram") && !(burnin > 0)) throw new IllegalArgumentException("--burnin-negatives unigram needs --burnin > 0");
    if (task.equals("ordinal") && score != null && score.equals("dot")) throw new IllegalArgumentException("--score dot does not apply to --task ordinal (it ranks by distance)");
  }

  /** Whether the burn-in draws its negatives from the damped unigram distribution. */
  public boolean unigramBurnin() {
    return burninNegatives.equals("unigram");
  }

  public boolean inProcess() {
    return IN_PROCESS.equals(master);
  }
}
