package org.stochopt.cli;

import java.nio.file.Path;
import java.util.List;
import org.stochopt.spark.meanfield.MeanFieldConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The {@code train --model meanfield} flags, mixed into {@link TrainCommand} so the linear
 * command stays as it was. The shared flags (--data, --loss, --method, --batch-size, --step,
 * --seed, --master, --partitions, --out, --max-seconds) keep their meaning; flags of one model
 * given to the other are refused with a message naming them.
 */
public final class MeanFieldOptions {
  /** Flags that only mean-field runs read. */
  static final List<String> OWN = List.of("--particles", "--unit", "--lambda1", "--lambda2", "--inner-steps", "--steps",
      "--eval-every-steps", "--log-eval", "--entropy-sample", "--gap-draws", "--lineage-every");
  /** Linear-model flags that mean it is not a mean-field run. */
  static final List<String> LINEAR_ONLY = List.of("--reg", "--schedule", "--averaging", "--epoch-length", "--anchor",
      "--sampling", "--target-suboptimality", "--max-passes", "--max-rounds", "--grad-tol", "--test-data", "--no-reference",
      "--eval-every", "--eval-every-rounds", "--cache-dir", "--precondition", "--precondition-damping",
      "--precondition-dense-limit");

  @Option(names = "--particles", defaultValue = "1000", description = "meanfield: number of particles (neurons) M (default ${DEFAULT-VALUE})")
  int particles;

  @Option(names = "--unit", defaultValue = "tanh", description = "meanfield: neuron h(θ,x): tanh or bounded-tanh[:R] (default ${DEFAULT-VALUE})")
  String unit;

  @Option(names = "--lambda1", defaultValue = "1e-3", description = "meanfield: L2 weight λ₁ in λ₁E‖θ‖² (default ${DEFAULT-VALUE})")
  double lambda1;

  @Option(names = "--lambda2", defaultValue = "1e-3", description = "meanfield: entropy weight (temperature) λ₂ (default ${DEFAULT-VALUE})")
  double lambda2;

  @Option(names = "--inner-steps", defaultValue = "20", description = "meanfield pda: Langevin steps per outer iteration (default ${DEFAULT-VALUE})")
  int innerSteps;

  @Option(names = "--steps", defaultValue = "1000", description = "meanfield: MFLD steps or PDA outer iterations (default ${DEFAULT-VALUE})")
  long steps;

  @Option(names = "--eval-every-steps", defaultValue = "50", description = "meanfield: evaluate every this many steps (default ${DEFAULT-VALUE})")
  long evalEvery;

  @Option(names = "--log-eval", description = "meanfield: also evaluate at log-spaced steps (for log-log plots)")
  boolean logEval;

  @Option(names = "--entropy-sample", defaultValue = "1000",
      description = "meanfield: particles sampled for the entropy estimate and the dual certificate (default ${DEFAULT-VALUE})")
  int entropySample;

  @Option(names = "--gap-draws", defaultValue = "256", description = "meanfield: importance draws for log Z in the dual; 0 = off (default ${DEFAULT-VALUE})")
  int gapDraws;

  @Option(names = "--lineage-every", defaultValue = "50", description = "meanfield on Spark: localCheckpoint the particle RDD every this many rounds (default ${DEFAULT-VALUE})")
  int lineageEvery;

  /** Refuses flags of the other model. */
  static void checkFlags(ParseResult parsed, boolean meanField) {
    for (String flag : meanField ? LINEAR_ONLY : OWN) {
      if (parsed.hasMatchedOption(flag)) {
        throw new IllegalArgumentException(flag + " does not apply to --model " + (meanField ? "meanfield" : "linear")
            + (meanField && flag.equals("--reg") ? " (use --lambda1 and --lambda2)" : ""));
      }
    }
  }

  MeanFieldConfig toConfig(TrainCommand t, CommandSpec spec, String master) {
    ParseResult parsed = spec.commandLine().getParseResult();
    checkFlags(parsed, true);
    String method = parsed.hasMatchedOption("--method") ? t.method : "mfld";
    String loss = parsed.hasMatchedOption("--loss") ? t.loss : null;
    int batch = parsed.hasMatchedOption("--batch-size") ? t.batchSize : 0;
    Path out = t.out;
    return new MeanFieldConfig(t.data, loss, unit, method, particles, t.partitions, lambda1, lambda2,
        t.step == null ? Double.NaN : t.step, batch, innerSteps, steps, evalEvery, logEval, entropySample, gapDraws, t.seed,
        master, out, t.maxSeconds, lineageEvery);
  }
}
