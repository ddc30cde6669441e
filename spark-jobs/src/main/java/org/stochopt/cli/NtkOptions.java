package org.stochopt.cli;

import java.util.List;
import org.stochopt.spark.ntk.NtkConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The {@code train --model ntk} flags, mixed into {@link TrainCommand}. The NTK run also reads the
 * network flags it shares with the mean-field model (--steps, --eval-every-steps, --log-eval,
 * --lineage-every, declared in {@link MeanFieldOptions}) and the common ones (--data, --loss,
 * --batch-size (default 1 here: Algorithm 1), --step, --seed, --master, --partitions, --out,
 * --max-seconds). Flags of the other models are refused with one line naming them.
 */
public final class NtkOptions {
  /** Flags only NTK runs read. */
  static final List<String> OWN = List.of("--width", "--activation", "--output-scale", "--bias-scale", "--train-layers",
      "--lambda", "--source-r", "--beta", "--last-iterate");
  /** Mean-field flags that do not apply to NTK runs. */
  static final List<String> MEANFIELD_ONLY = List.of("--particles", "--unit", "--lambda1", "--lambda2", "--inner-steps",
      "--entropy-sample", "--gap-draws");

  @Option(names = "--width", defaultValue = "1000", description = "ntk: number of neurons M, even (symmetric initialisation) (default ${DEFAULT-VALUE})")
  int width;

  @Option(names = "--activation", defaultValue = "swish:10", description = "ntk: σ = relu, swish[:s], tanh or sigmoid (default ${DEFAULT-VALUE})")
  String activation;

  @Option(names = "--output-scale", defaultValue = "1", description = "ntk: R, the initial |a_r| (default ${DEFAULT-VALUE})")
  double outputScale;

  @Option(names = "--bias-scale", defaultValue = "1", description = "ntk: γ, the bias scale in σ(b·x + γc) (default ${DEFAULT-VALUE})")
  double biasScale;

  @Option(names = "--train-layers", defaultValue = "both", description = "ntk: output, input or both (default ${DEFAULT-VALUE})")
  String layers;

  @Option(names = "--lambda", description = "ntk: L2 pull λ toward the initialisation (default: T^−β/(2rβ+1) with --source-r and --beta, else 1e-3)")
  Double lambda;

  @Option(names = "--source-r", description = "ntk: source condition r ∈ [0.5, 1]; with --beta sets λ = T^−β/(2rβ+1)")
  Double sourceR;

  @Option(names = "--beta", description = "ntk: eigenvalue decay β > 1 (ReLU on S^{d−1}: d/(d−1)); with --source-r sets λ")
  Double beta;

  @Option(names = "--last-iterate", description = "ntk: also measure the last iterate's excess risk (a second evaluation pass)")
  boolean lastIterate;

  /** Refuses the flags of the NTK model in other models' runs and other models' flags in NTK runs. */
  static void checkFlags(ParseResult parsed, String model) {
    boolean ntk = model.equalsIgnoreCase("ntk");
    List<String> refused = ntk ? concat(MEANFIELD_ONLY, MeanFieldOptions.LINEAR_ONLY) : OWN;
    for (String flag : refused) {
      if (parsed.hasMatchedOption(flag)) {
        throw new IllegalArgumentException(flag + " does not apply to --model " + model.toLowerCase(java.util.Locale.ROOT)
            + (ntk && flag.equals("--particles") ? " (use --width)" : "") + (ntk && flag.equals("--reg") ? " (use --lambda)" : ""));
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  NtkConfig toConfig(TrainCommand t, MeanFieldOptions shared, CommandSpec spec, String master) {
    ParseResult parsed = spec.commandLine().getParseResult();
    checkFlags(parsed, "ntk");
    if (parsed.hasMatchedOption("--method") && !t.method.equalsIgnoreCase("averaged-sgd")) {
      throw new IllegalArgumentException("--model ntk trains with --method averaged-sgd (Algorithm 1), got '" + t.method + "'");
    }
    String loss = parsed.hasMatchedOption("--loss") ? t.loss : null;
    int batch = parsed.hasMatchedOption("--batch-size") ? t.batchSize : 1;
    return new NtkConfig(t.data, loss, activation, width, outputScale, biasScale, layers, t.step == null ? Double.NaN : t.step,
        lambda == null ? Double.NaN : lambda, sourceR == null ? Double.NaN : sourceR, beta == null ? Double.NaN : beta, batch,
        shared.steps, shared.evalEvery, shared.logEval, lastIterate, t.seed, master, t.partitions, t.out, t.maxSeconds,
        shared.lineageEvery);
  }
}
