package org.stochopt.cli;

import java.util.Arrays;
import java.util.List;
import org.stochopt.core.resfgb.BlockFitter;
import org.stochopt.core.resfgb.HeadFitter;
import org.stochopt.core.resfgb.MlpBlock;
import org.stochopt.core.resfgb.ResFgbConfig;
import org.stochopt.spark.resfgb.ResFgbJobConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The {@code train --model resfgb} flags in one place. Shared flags kept: --data, --test-data,
 * --seed, --master, --partitions, --out, --max-seconds, --resume. Linear-model and mean-field
 * flags given with --model resfgb are refused, and these flags with the other models.
 */
public final class ResFgbOptions {
  /** Flags only ResFGB runs read. */
  static final List<String> OWN = List.of("--layers", "--fg-eta", "--resfgb-rule", "--block-hidden", "--block-output", "--block-epochs",
      "--block-batch", "--block-step", "--block-momentum", "--block-wr", "--block-init", "--head-method", "--head-batch", "--head-passes",
      "--head-wr", "--val-fraction", "--train-rows", "--no-best-iter");
  /** Flags of the other models that mean nothing here. */
  static final List<String> NOT_HERE = List.of("--loss", "--reg", "--method", "--batch-size", "--step", "--schedule", "--averaging",
      "--epoch-length", "--anchor", "--sampling", "--target-suboptimality", "--max-passes", "--max-rounds", "--grad-tol",
      "--no-reference", "--eval-every", "--eval-every-rounds", "--cache-dir", "--tau1", "--tau2", "--restart", "--appa-kappa",
      "--reduce", "--checkpoint-every", "--features", "--particles", "--unit", "--lambda1", "--lambda2", "--inner-steps", "--steps",
      "--eval-every-steps", "--log-eval", "--entropy-sample", "--gap-draws", "--lineage-every");

  @Option(names = "--layers", defaultValue = "10", description = "resfgb: residual blocks added at most (max_iters) (default ${DEFAULT-VALUE})")
  int layers;

  @Option(names = "--resfgb-rule", defaultValue = "additive",
      description = "resfgb: additive (ICML 2018: z ← z − ι(z)W) or frank-wolfe (AISTATS 2020 code: z ← (1−γ)z + γ·ι(z)A) (default ${DEFAULT-VALUE})")
  String rule;

  @Option(names = "--fg-eta", description = "resfgb: additive functional-gradient step η (default 1.0), or the Frank–Wolfe offset in γ_l = 2/(fg-eta + l) (≥ 2, default 2)")
  Double fgEta;

  @Option(names = "--block-hidden", defaultValue = "100,100", description = "resfgb: hidden widths of the block d → h₁ → … → d (default ${DEFAULT-VALUE})")
  String hidden;

  @Option(names = "--block-output", defaultValue = "tanh", description = "resfgb: block output activation relu (ICML code), tanh or linear (default ${DEFAULT-VALUE})")
  String output;

  @Option(names = "--block-epochs", defaultValue = "3", description = "resfgb: passes of the block fit per layer (default ${DEFAULT-VALUE})")
  double blockEpochs;

  @Option(names = "--block-batch", defaultValue = "100", description = "resfgb: block minibatch (default ${DEFAULT-VALUE})")
  int blockBatch;

  @Option(names = "--block-step", defaultValue = "auto", description = "resfgb: block Nesterov step, or auto (tuned on the first block) (default ${DEFAULT-VALUE})")
  String blockStep;

  @Option(names = "--block-momentum", defaultValue = "0.9", description = "resfgb: block Nesterov momentum (default ${DEFAULT-VALUE})")
  double blockMomentum;

  @Option(names = "--block-wr", defaultValue = "1e-5", description = "resfgb: block weight decay wr (default ${DEFAULT-VALUE})")
  double blockWr;

  @Option(names = "--block-init", defaultValue = "0.05", description = "resfgb: block weights start U(±this) (default ${DEFAULT-VALUE})")
  double blockInit;

  @Option(names = "--head-method", defaultValue = "svrg", description = "resfgb: head refit method svrg, katyusha, local-svrg or local-katyusha (default ${DEFAULT-VALUE})")
  String headMethod;

  @Option(names = "--head-batch", defaultValue = "16", description = "resfgb: head minibatch (default ${DEFAULT-VALUE})")
  int headBatch;

  @Option(names = "--head-passes", defaultValue = "10,3", description = "resfgb: head passes on raw features, then per layer (warm start) (default ${DEFAULT-VALUE})")
  String headPasses;

  @Option(names = "--head-wr", defaultValue = "1e-4", description = "resfgb: head L2 weight (default ${DEFAULT-VALUE})")
  double headWr;

  @Option(names = "--val-fraction", defaultValue = "0.1", description = "resfgb: training rows held out to choose the depth (default ${DEFAULT-VALUE})")
  double valFraction;

  @Option(names = "--train-rows", defaultValue = "0", description = "resfgb: use only the first this many training rows; 0 = all (default ${DEFAULT-VALUE})")
  int trainRows;

  @Option(names = "--no-best-iter", description = "resfgb: keep all layers instead of the best validation depth")
  boolean noBestIter;

  /** Refuses ResFGB flags on another model. */
  static void refuseOwn(ParseResult parsed, String model) {
    for (String flag : OWN) {
      if (parsed.hasMatchedOption(flag)) throw new IllegalArgumentException(flag + " does not apply to --model " + model);
    }
  }

  ResFgbJobConfig toConfig(TrainCommand t, CommandSpec spec, String master) {
    return toConfig(spec, t.data, t.testData, t.seed, t.partitions, master, t.out, t.maxSeconds, t.resume);
  }

  ResFgbJobConfig toConfig(CommandSpec spec, String data, String testData, long seed, int partitions, String master,
      java.nio.file.Path out, double maxSeconds, boolean resume) {
    ParseResult parsed = spec.commandLine().getParseResult();
    for (String flag : NOT_HERE) {
      if (parsed.hasMatchedOption(flag)) throw new IllegalArgumentException(flag + " does not apply to --model resfgb");
    }
    ResFgbConfig.Rule r = ResFgbConfig.Rule.parse(rule);
    double eta = fgEta != null ? fgEta : r == ResFgbConfig.Rule.ADDITIVE ? 1.0 : 2.0;
    int[] h;
    try {
      h = hidden.isBlank() ? new int[0] : Arrays.stream(hidden.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--block-hidden must be comma-separated widths such as 100,100, got '" + hidden + "'");
    }
    double step;
    if (blockStep.equalsIgnoreCase("auto")) {
      step = Double.NaN;
    } else {
      try {
        step = Double.parseDouble(blockStep);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--block-step must be a number or auto, got '" + blockStep + "'");
      }
    }
    String[] hp = headPasses.split(",");
    double first;
    double then;
    try {
      first = Double.parseDouble(hp[0].strip());
      then = hp.length > 1 ? Double.parseDouble(hp[1].strip()) : first;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--head-passes must be FIRST[,THEN], got '" + headPasses + "'");
    }
    ResFgbConfig algorithm = new ResFgbConfig(r, layers, eta, h, MlpBlock.Output.parse(output), blockInit,
        new BlockFitter.Settings(blockBatch, blockEpochs, step, blockMomentum, blockWr, seed),
        new HeadFitter.Settings(headMethod, headBatch, first, then, headWr, seed), !noBestIter, seed);
    return new ResFgbJobConfig(data, testData, trainRows, valFraction, partitions, master, out, maxSeconds, resume, algorithm);
  }
}
