package org.stochopt.cli;

import java.nio.file.Path;
import org.stochopt.spark.meanfield.MeanFieldConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The {@code train --model meanfield} flags, an argument group of {@link TrainCommand} shown under
 * its own heading. The shared flags (--data, --loss, --method, --batch-size, --step, --seed,
 * --master, --partitions, --out, --max-seconds) keep their meaning; these flags given with another
 * model are refused, like every model's own flags.
 */
public final class MeanFieldOptions {
  /** The default --step-decay on fmnist: data (docs/mean-field.md §8.5). */
  static final double FMNIST_STEP_DECAY = 0.5;

  @Option(names = "--particles", converter = Flags.PositiveInt.class, description = "meanfield: number of particles (neurons) M (default 1000)")
  int particles = 1000;

  @Option(names = "--unit", description = "meanfield: neuron h(θ,x): tanh or bounded-tanh[:R] (default tanh)")
  String unit = "tanh";

  @Option(names = "--lambda1", converter = Flags.PositiveDouble.class, description = "meanfield: L2 weight λ₁ in λ₁E‖θ‖² (default 1e-3)")
  double lambda1 = 1e-3;

  @Option(names = "--lambda2", converter = Flags.NonNegativeDouble.class, description = "meanfield: entropy weight (temperature) λ₂ (default 1e-3)")
  double lambda2 = 1e-3;

  @Option(names = "--inner-steps", converter = Flags.PositiveInt.class, description = "meanfield pda: Langevin steps per outer iteration (default 20)")
  int innerSteps = 20;

  @Option(names = "--entropy-sample", converter = Flags.PositiveInt.class,
      description = "meanfield: particles sampled for the entropy estimate and the dual certificate (default 1000)")
  int entropySample = 1000;

  @Option(names = "--gap-draws", converter = Flags.NonNegativeInt.class, description = "meanfield: importance draws for log Z in the dual; 0 = off (default 256)")
  int gapDraws = 256;

  @Option(names = "--step-decay", description = "meanfield mfld: fraction of the last steps over which η decays linearly to 0 "
      + "(default 0 = constant; 0.5 on fmnist: data, where a constant step makes the test error oscillate, docs/mean-field.md §8.5)")
  Double stepDecay;

  MeanFieldConfig toConfig(TrainCommand t, CommandSpec spec, String master) {
    ParseResult parsed = spec.commandLine().getParseResult();
    String method = parsed.hasMatchedOption("--method") ? t.method : "mfld";
    String loss = parsed.hasMatchedOption("--loss") ? t.loss : null;
    int batch = t.batchSize != null ? t.batchSize : 0; // 0: full batch for pda, the config's default for mfld
    Path out = t.out;
    return new MeanFieldConfig(t.data.data, loss, unit, method, particles, t.partitions == null ? 0 : t.partitions, lambda1, lambda2,
        t.step == null ? Double.NaN : t.step, batch, innerSteps, t.loop.steps, t.loop.evalEvery, t.loop.logEval, entropySample, gapDraws, t.seed,
        master, out, t.maxSeconds, t.loop.lineageEvery, t.loop.scaling(), stepDecay != null ? stepDecay
            : method.equalsIgnoreCase("mfld") && t.data.data != null && t.data.data.startsWith("fmnist:") ? FMNIST_STEP_DECAY : 0.0,
        t.loop.checkpoint(t.checkpoint, out));
  }
}
