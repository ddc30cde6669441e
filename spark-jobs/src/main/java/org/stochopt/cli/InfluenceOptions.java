package org.stochopt.cli;

import java.nio.file.Path;
import java.util.List;
import org.stochopt.core.ntk.Activation;
import org.stochopt.spark.influence.InfluenceConfig;
import org.stochopt.spark.influence.InfluenceNetwork;
import picocli.CommandLine.Option;

/**
 * The flags of {@code stochopt influence} and {@code stochopt cleanse}, in one place (a picocli
 * mixin), so the two commands read them the same way and a later regrouping moves one class.
 */
public final class InfluenceOptions {
  @Option(names = "--data", required = true, description = "fmnist:AvB, synthetic:..., or a LIBSVM/CSV file")
  String data;

  @Option(names = "--test-data", description = "held-out rows for test error (default: the spec's test split, if it has one)")
  String testData;

  @Option(names = "--loss", defaultValue = "logistic", description = "logistic, squared, smoothed-hinge[:γ] or multinomial (default ${DEFAULT-VALUE})")
  String loss;

  @Option(names = "--val-rows", defaultValue = "1000", description = "validation rows split off the data (default ${DEFAULT-VALUE})")
  int valRows;

  @Option(names = "--train-rows", defaultValue = "0", description = "training rows after the split; 0 = all the rest (default ${DEFAULT-VALUE})")
  int trainRows;

  @Option(names = "--flip-labels", defaultValue = "0", description = "fraction of training labels flipped, to plant bad rows (default ${DEFAULT-VALUE})")
  double flipLabels;

  @Option(names = "--flip-from", defaultValue = "0",
      description = "flip only labels of this class (+1 or -1: one-sided noise that moves the boundary); 0 = either class (default ${DEFAULT-VALUE})")
  int flipFrom;

  @Option(names = "--step", defaultValue = "0.1", description = "SGD step η₀ (default ${DEFAULT-VALUE})")
  double step;

  @Option(names = "--decay", defaultValue = "true", negatable = true, fallbackValue = "true",
      description = "η_t = η₀/√(t+1) (the paper's schedule); --no-decay for a constant step (default ${DEFAULT-VALUE})")
  boolean decay;

  @Option(names = "--batch-size", defaultValue = "5", description = "rows per SGD step b (default ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--epochs", defaultValue = "5", description = "SGD epochs: T = epochs·⌈n/b⌉ steps (default ${DEFAULT-VALUE})")
  double epochs;

  @Option(names = "--lambda", defaultValue = "1e-3", description = "ℓ2 weight λ in ℓ_i + (λ/2)‖θ‖² (default ${DEFAULT-VALUE})")
  double lambda;

  @Option(names = "--seed", defaultValue = "1", description = "seed of the split, the flips and the minibatches (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--replay", defaultValue = "all", description = "all (every epoch) or last (the last epoch) (default ${DEFAULT-VALUE})")
  String replay;

  @Option(names = "--replay-memory-mb", defaultValue = "1024",
      description = "most memory for the iterates kept for the replay; beyond it, checkpoints and recomputation (default ${DEFAULT-VALUE})")
  long replayMemoryMb;

  @Option(names = "--kl", description = "also compute Koh & Liang's influence functions (CG on the damped Hessian)")
  boolean kohLiang;

  @Option(names = "--kl-damping", defaultValue = "0", description = "damping δ in (H + δI)v = u (default ${DEFAULT-VALUE})")
  double klDamping;

  @Option(names = "--kl-iterations", defaultValue = "200", description = "most CG iterations (default ${DEFAULT-VALUE})")
  int klIterations;

  @Option(names = "--exact", description = "also retrain once per row without it (exact counterfactual; at most 5000 rows)")
  boolean exact;

  @Option(names = "--partitions", defaultValue = "4", description = "row partitions (default ${DEFAULT-VALUE})")
  int partitions;

  @Option(names = "--master", defaultValue = "in-process", description = "in-process, local[N] or a cluster URL (default ${DEFAULT-VALUE})")
  String master;

  @Option(names = "--bins", defaultValue = "60", description = "histogram bins (default ${DEFAULT-VALUE})")
  int bins;

  @Option(names = "--model", defaultValue = "linear",
      description = "linear (on the features, or multinomial) or two-layer (g(x) = (1/√M)Σ a_r σ(⟨b_r, x⟩ + γc_r), every layer trained, exact HVP) (default ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--width", description = "two-layer: M neurons, even (default 32)")
  Integer width;

  @Option(names = "--activation", description = "two-layer: tanh, sigmoid, swish[:s] or relu (default tanh)")
  String activation;

  @Option(names = "--output-scale", description = "two-layer: R = |a_r| at the start (default 1)")
  Double outputScale;

  @Option(names = "--bias-scale", description = "two-layer: γ, the bias scale (default 0)")
  Double biasScale;

  @Option(names = "--out", defaultValue = "out/influence", description = "output folder (default ${DEFAULT-VALUE})")
  Path out;

  InfluenceConfig toConfig(List<Integer> ks, int randomRepeats, boolean harmfulOnly) {
    return new InfluenceConfig(data, testData, loss, valRows, trainRows, flipLabels, step, decay, batch, epochs, lambda, seed, replay,
        replayMemoryMb, kohLiang, klDamping, klIterations, exact, partitions, master, out, bins, ks, randomRepeats, network(), harmfulOnly, flipFrom);
  }

  /** The network of {@code --model two-layer}, or null; its flags are refused with the linear model. */
  InfluenceNetwork network() {
    switch (model.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "linear":
        if (width != null || activation != null || outputScale != null || biasScale != null) {
          throw new IllegalArgumentException("--width, --activation, --output-scale and --bias-scale apply to --model two-layer only");
        }
        return null;
      case "two-layer":
        return new InfluenceNetwork(width == null ? 32 : width, Activation.parse(activation == null ? "tanh" : activation),
            outputScale == null ? 1.0 : outputScale, biasScale == null ? 0.0 : biasScale);
      default:
        throw new IllegalArgumentException("--model must be linear or two-layer, got '" + model + "'");
    }
  }
}
