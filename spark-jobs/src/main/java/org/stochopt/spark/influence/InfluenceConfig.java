package org.stochopt.spark.influence;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A validated {@code stochopt influence} / {@code stochopt cleanse} run; every check names the
 * flag and the bad value, before any data is read.
 *
 * @param loss logistic, squared, smoothed-hinge[:γ] or multinomial
 * @param testData held-out rows; null = the spec's own test split (fmnist:, synthetic:) or none
 * @param valRows validation rows split off the training data (u = ∇ of their mean loss)
 * @param trainRows training rows after the split; 0 = all the rest
 * @param flipLabels fraction of training labels flipped (planted noise), 0 for none
 * @param step η₀; @param decay η_t = η₀/√(t+1) when true
 * @param epochs T = epochs·⌈n/b⌉ steps
 * @param lambda ℓ2 weight λ (attached to every row, see {@code SgdSettings})
 * @param replay "all" (every step) or "last" (the last epoch)
 * @param replayMemoryMb bound on the iterates kept for the replay (checkpoints otherwise)
 * @param kohLiang also compute Koh &amp; Liang's influence functions
 * @param klDamping δ in (H + δI)v = u
 * @param exact also retrain once per row (exact counterfactual; small n only)
 * @param master "in-process" or a Spark master URL
 * @param ks cleanse: numbers of removed rows
 * @param randomRepeats cleanse: random-removal draws averaged per k
 * @param network the two-layer network to train and replay; null for the linear model of {@code loss}
 * @param harmfulOnly cleanse: remove at most the rows whose estimate is negative (harmful), however large k
 * @param flipFrom the class whose labels {@code flipLabels} flips: +1 or −1, or 0 for either (symmetric noise)
 */
public record InfluenceConfig(String data, String testData, String loss, int valRows, int trainRows, double flipLabels,
    double step, boolean decay, int batch, double epochs, double lambda, long seed, String replay, long replayMemoryMb,
    boolean kohLiang, double klDamping, int klMaxIterations, boolean exact, int partitions, String master, Path out,
    int bins, List<Integer> ks, int randomRepeats, InfluenceNetwork network, boolean harmfulOnly, int flipFrom) {
  public static final String IN_PROCESS = "in-process";

  /** A linear model, every ranked row removable (the flags before networks and the harmful-only cap). */
  public InfluenceConfig(String data, String testData, String loss, int valRows, int trainRows, double flipLabels,
      double step, boolean decay, int batch, double epochs, double lambda, long seed, String replay, long replayMemoryMb,
      boolean kohLiang, double klDamping, int klMaxIterations, boolean exact, int partitions, String master, Path out,
      int bins, List<Integer> ks, int randomRepeats) {
    this(data, testData, loss, valRows, trainRows, flipLabels, step, decay, batch, epochs, lambda, seed, replay, replayMemoryMb, kohLiang,
        klDamping, klMaxIterations, exact, partitions, master, out, bins, ks, randomRepeats, null, false, 0);
  }

  public InfluenceConfig {
    if (data == null || data.isBlank()) throw new IllegalArgumentException("--data is required");
    loss = loss.toLowerCase(Locale.ROOT).strip();
    if (valRows < 1) throw new IllegalArgumentException("--val-rows must be at least 1, got " + valRows);
    if (trainRows < 0) throw new IllegalArgumentException("--train-rows must be ≥ 0 (0 = all the rest), got " + trainRows);
    if (!(flipLabels >= 0 && flipLabels < 0.5)) throw new IllegalArgumentException("--flip-labels must be in [0, 0.5), got " + flipLabels);
    if (!(step > 0) || !Double.isFinite(step)) throw new IllegalArgumentException("--step must be a positive number, got " + step);
    if (batch < 1) throw new IllegalArgumentException("--batch-size must be at least 1, got " + batch);
    if (!(epochs > 0) || !Double.isFinite(epochs)) throw new IllegalArgumentException("--epochs must be positive, got " + epochs);
    if (!(lambda >= 0) || !Double.isFinite(lambda)) throw new IllegalArgumentException("--lambda must be ≥ 0, got " + lambda);
    replay = replay.toLowerCase(Locale.ROOT);
    if (!replay.equals("all") && !replay.equals("last")) throw new IllegalArgumentException("--replay must be all or last, got '" + replay + "'");
    if (replayMemoryMb < 1) throw new IllegalArgumentException("--replay-memory-mb must be at least 1, got " + replayMemoryMb);
    if (!(klDamping >= 0)) throw new IllegalArgumentException("--kl-damping must be ≥ 0, got " + klDamping);
    if (kohLiang && !(lambda + klDamping > 0)) {
      throw new IllegalArgumentException("--kl needs --lambda > 0 or --kl-damping > 0 (the loss Hessian alone may be singular)");
    }
    if (klMaxIterations < 1) throw new IllegalArgumentException("--kl-iterations must be at least 1, got " + klMaxIterations);
    if (partitions < 1) throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
    if (bins < 2) throw new IllegalArgumentException("--bins must be at least 2, got " + bins);
    if (out == null) throw new IllegalArgumentException("--out is required");
    ks = List.copyOf(ks);
    for (int k : ks) if (k < 0) throw new IllegalArgumentException("--remove values must be ≥ 0, got " + k);
    if (randomRepeats < 1) throw new IllegalArgumentException("--random-repeats must be at least 1, got " + randomRepeats);
    if (flipFrom != 0 && flipFrom != 1 && flipFrom != -1) throw new IllegalArgumentException("--flip-from must be +1 or -1, got " + flipFrom);
    if (flipFrom != 0 && !(flipLabels > 0)) throw new IllegalArgumentException("--flip-from needs --flip-labels > 0");
    if (network != null && (loss.startsWith("multinomial") || loss.startsWith("softmax"))) {
      throw new IllegalArgumentException("--model two-layer has one output: use --loss logistic, squared or smoothed-hinge");
    }
  }

  /** This run with another seed (split, flips, minibatches, network) writing to {@code out}. */
  public InfluenceConfig withSeed(long newSeed, Path newOut) {
    return new InfluenceConfig(data, testData, loss, valRows, trainRows, flipLabels, step, decay, batch, epochs, lambda, newSeed, replay,
        replayMemoryMb, kohLiang, klDamping, klMaxIterations, exact, partitions, master, newOut, bins, ks, randomRepeats, network,
        harmfulOnly, flipFrom);
  }

  public boolean inProcess() {
    return master.equals(IN_PROCESS);
  }

  public boolean lastEpochOnly() {
    return replay.equals("last");
  }
}
