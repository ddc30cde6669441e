package org.stochopt.spark.precond;

import java.nio.file.Path;
import java.util.List;

/**
 * A validated {@code precondition-study} request.
 *
 * @param setting linear, rf or fmnist:AvB
 * @param n training rows per seed (must be below d: the overparameterised regime)
 * @param d linear: dimension; rf: random features M; fmnist: ignored (784)
 * @param decay linear: λ_j ∝ j^(−decay)
 * @param inputDim rf: input dimension d₀
 * @param poolRows unlabeled rows Σ_X is estimated from (fmnist: every training image)
 * @param sigma label-noise standard deviation (linear, rf)
 * @param flip fmnist: fraction of training labels flipped
 * @param alphas the α grid, each used with both fisher:α and additive:α
 * @param seeds training draws averaged over
 * @param damping relative damping δ of Σ_X
 * @param earlyStopHorizon largest iteration of the early-stopping grid (log-spaced from 1)
 */
public record StudyConfig(String setting, int n, int d, double decay, int inputDim, long poolRows, int testRows, double sigma,
    double flip, List<Double> alphas, int seeds, double damping, long earlyStopHorizon, String master, int partitions, long seed,
    Path out) {
  public StudyConfig {
    if (setting == null || !(setting.equals("linear") || setting.equals("rf") || setting.startsWith("fmnist:"))) {
      throw new IllegalArgumentException("--setting must be linear, rf or fmnist:AvB, got '" + setting + "'");
    }
    if (n < 2) throw new IllegalArgumentException("--n must be at least 2, got " + n);
    if (!setting.startsWith("fmnist:") && n >= d) {
      throw new IllegalArgumentException("--n must be below --d (the overparameterised regime n < d), got n=" + n + " d=" + d);
    }
    if (!(decay >= 0)) throw new IllegalArgumentException("--decay must be non-negative");
    if (inputDim < 1) throw new IllegalArgumentException("--input-dim must be positive");
    if (poolRows < 1 || testRows < 1) throw new IllegalArgumentException("--pool and --test-rows must be positive");
    if (!(sigma >= 0) || !(flip >= 0 && flip < 0.5)) throw new IllegalArgumentException("--sigma must be >= 0 and --flip in [0, 0.5)");
    if (alphas == null || alphas.isEmpty()) throw new IllegalArgumentException("--alphas needs at least one value");
    for (double a : alphas) if (!(a >= 0 && a <= 1)) throw new IllegalArgumentException("--alphas must lie in [0, 1], got " + a);
    if (seeds < 1) throw new IllegalArgumentException("--seeds must be positive");
    if (!(damping >= 0)) throw new IllegalArgumentException("--damping must be non-negative");
    if (earlyStopHorizon < 1) throw new IllegalArgumentException("--early-stop-horizon must be positive");
    if (partitions < 1) throw new IllegalArgumentException("--partitions must be positive");
    alphas = List.copyOf(alphas);
  }

  boolean inProcess() {
    return "in-process".equals(master);
  }
}
