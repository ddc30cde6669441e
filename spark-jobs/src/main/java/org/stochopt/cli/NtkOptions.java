package org.stochopt.cli;

import org.stochopt.spark.ntk.NtkConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The {@code train --model ntk} flags, an argument group of {@link TrainCommand} under its own
 * heading; given with another model they are refused like every model's own flags. NTK runs also
 * read the network loop flags ({@link NetworkLoopOptions}: --steps, --eval-every-steps, --log-eval,
 * --lineage-every) and the shared ones (--data, --loss, --batch-size (default 1 here: Algorithm 1),
 * --step, --seed, --master, --partitions, --out, --max-seconds). On {@code fmnist:} data the model flags
 * default to the tuned Fashion-MNIST settings (relu, R = 48, γ = 0.1, λ = 1e-4, batch 50) instead of the
 * theory's (swish:10, R = γ = 1, λ = 1e-3, batch 1).
 */
public final class NtkOptions {
  @Option(names = "--width", description = "ntk: number of neurons M, even (symmetric initialisation) (default 1000)")
  int width = 1000;

  @Option(names = "--activation", description = "ntk: σ = relu, swish[:s], tanh or sigmoid (default swish:10; relu for fmnist: data)")
  String activation;

  @Option(names = "--output-scale", description = "ntk: R, the initial |a_r| (default 1; 48 for fmnist: data)")
  Double outputScale;

  @Option(names = "--bias-scale", description = "ntk: γ, the bias scale in σ(b·x + γc) (default 1; 0.1 for fmnist: data)")
  Double biasScale;

  /**
   * Defaults for Fashion-MNIST pairs (docs/ntk.md §10): the theory's R = γ = 1 leave the centred
   * unit-norm images' class-separating directions with a tiny share of the kernel, and the step bound
   * 4(6 + λ)η ≤ 1 then needs tens of passes; R = 48 scales the input-layer kernel by R² (a larger step in
   * function space at the same η), γ = 0.1 shrinks the constant kernel direction that would otherwise
   * make that step unstable, and ReLU gives the arc-cosine kernel, not the nearly linear one that
   * swish:10 has at pre-activations of size 1/√784.
   */
  private static boolean imageDefaults(String data) {
    return data != null && data.strip().toLowerCase(java.util.Locale.ROOT).startsWith("fmnist:");
  }

  @Option(names = "--train-layers", description = "ntk: output, input or both (default both)")
  String layers = "both";

  @Option(names = "--lambda", description = "ntk: L2 pull λ toward the initialisation (default: T^−β/(2rβ+1) with --source-r and --beta, else 1e-3; 1e-4 for fmnist: data)")
  Double lambda;

  @Option(names = "--source-r", description = "ntk: source condition r ∈ [0.5, 1]; with --beta sets λ = T^−β/(2rβ+1)")
  Double sourceR;

  @Option(names = "--beta", description = "ntk: eigenvalue decay β > 1 (ReLU on S^{d−1}: d/(d−1)); with --source-r sets λ")
  Double beta;

  @Option(names = "--last-iterate", description = "ntk: also measure the last iterate's excess risk (a second evaluation pass)")
  boolean lastIterate;

  NtkConfig toConfig(TrainCommand t, CommandSpec spec, String master) {
    ParseResult parsed = spec.commandLine().getParseResult();
    if (parsed.hasMatchedOption("--method") && !t.method.equalsIgnoreCase("averaged-sgd")) {
      throw new IllegalArgumentException("--method " + t.method + " does not apply to --model ntk (it trains with averaged-sgd, Algorithm 1)");
    }
    String loss = parsed.hasMatchedOption("--loss") ? t.loss : null;
    boolean img = imageDefaults(t.data.data);
    int batch = t.batchSize != null ? t.batchSize : img ? 50 : 1;
    NetworkLoopOptions loop = t.loop;
    double lam = lambda != null ? lambda : img && sourceR == null && beta == null ? 1e-4 : Double.NaN;
    String sigma = activation != null ? activation : img ? "relu" : "swish:10";
    double r = outputScale != null ? outputScale : img ? 48 : 1;
    double gamma = biasScale != null ? biasScale : img ? 0.1 : 1;
    return new NtkConfig(t.data.data, loss, sigma, width, r, gamma, layers, t.step == null ? Double.NaN : t.step,
        lam, sourceR == null ? Double.NaN : sourceR, beta == null ? Double.NaN : beta, batch,
        loop.steps, loop.evalEvery, loop.logEval, lastIterate, t.seed, master, t.partitions == null ? 0 : t.partitions, t.out,
        t.maxSeconds, loop.lineageEvery, loop.scaling(), loop.checkpoint(t.checkpoint, t.out));
  }
}
