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
 * --step, --seed, --master, --partitions, --out, --max-seconds).
 */
public final class NtkOptions {
  @Option(names = "--width", description = "ntk: number of neurons M, even (symmetric initialisation) (default 1000)")
  int width = 1000;

  @Option(names = "--activation", description = "ntk: σ = relu, swish[:s], tanh or sigmoid (default swish:10)")
  String activation = "swish:10";

  @Option(names = "--output-scale", description = "ntk: R, the initial |a_r| (default 1)")
  double outputScale = 1;

  @Option(names = "--bias-scale", description = "ntk: γ, the bias scale in σ(b·x + γc) (default 1)")
  double biasScale = 1;

  @Option(names = "--train-layers", description = "ntk: output, input or both (default both)")
  String layers = "both";

  @Option(names = "--lambda", description = "ntk: L2 pull λ toward the initialisation (default: T^−β/(2rβ+1) with --source-r and --beta, else 1e-3)")
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
    int batch = t.batchSize != null ? t.batchSize : 1;
    NetworkLoopOptions loop = t.loop;
    return new NtkConfig(t.data.data, loss, activation, width, outputScale, biasScale, layers, t.step == null ? Double.NaN : t.step,
        lambda == null ? Double.NaN : lambda, sourceR == null ? Double.NaN : sourceR, beta == null ? Double.NaN : beta, batch,
        loop.steps, loop.evalEvery, loop.logEval, lastIterate, t.seed, master, t.partitions == null ? 0 : t.partitions, t.out,
        t.maxSeconds, loop.lineageEvery, loop.scaling());
  }
}
