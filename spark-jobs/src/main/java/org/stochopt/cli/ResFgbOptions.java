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
 * The {@code train --model resfgb} flags, an argument group of {@link TrainCommand} (also mixed
 * into {@code resfgb-compare}). Shared flags kept: --data, --seed, --master, --partitions, --out,
 * --max-seconds; the other models' group flags are refused by {@link TrainCommand}, the shared
 * flags that mean nothing here (--loss, --method, --batch-size, --step) by {@link #toConfig}.
 */
public final class ResFgbOptions {
  /** Shared flags that mean nothing here. */
  static final List<String> NOT_HERE = List.of("--loss", "--method", "--batch-size", "--step");

  @Option(names = "--layers", description = "resfgb: residual blocks added at most (max_iters) (default 10)")
  int layers = 10;

  @Option(names = "--resfgb-rule",
      description = "resfgb: additive (ICML 2018: z ← z − ι(z)W), additive-ls (the same, η per layer by a line search on the training loss, "
          + "times --fg-eta) or frank-wolfe (AISTATS 2020 code: z ← (1−γ)z + γ·ι(z)A) (default additive)")
  String rule = "additive";

  @Option(names = "--fg-eta", description = "resfgb: additive functional-gradient step η (default 0.1, the ICML code's), the line-search shrinkage (default 1), "
      + "or the Frank–Wolfe offset in γ_l = 2/(fg-eta + l) (≥ 2, default 2)")
  Double fgEta;

  @Option(names = "--block-hidden", description = "resfgb: hidden widths of the block d → h₁ → … → d (default 100,100)")
  String hidden = "100,100";

  @Option(names = "--block-output", description = "resfgb: block output activation relu (ICML code), tanh or linear (default tanh)")
  String output = "tanh";

  @Option(names = "--block-epochs", description = "resfgb: passes of the block fit per layer (default 2)")
  double blockEpochs = 2;

  @Option(names = "--block-target", description = "resfgb: what the block is fitted to: gradient (the code's: d outputs, the RMS-normalised ∂ℓ/∂z) "
      + "or head-span (K outputs, its coordinates in an orthonormal basis of the head's weights; our change) (default gradient)")
  String blockTarget = "gradient";

  @Option(names = "--block-batch", description = "resfgb: block minibatch (default 100)")
  int blockBatch = 100;

  @Option(names = "--block-step", description = "resfgb: block Nesterov step, or auto (tuned on the first block) (default auto)")
  String blockStep = "auto";

  @Option(names = "--block-momentum", description = "resfgb: block Nesterov momentum (default 0.9)")
  double blockMomentum = 0.9;

  @Option(names = "--block-wr", description = "resfgb: block weight decay wr (default 1e-5)")
  double blockWr = 1e-5;

  @Option(names = "--block-init", description = "resfgb: block weights start U(±this) (default 0.05)")
  double blockInit = 0.05;

  @Option(names = "--head-method", description = "resfgb: head refit method svrg, katyusha, local-svrg or local-katyusha (default local-katyusha)")
  String headMethod = "local-katyusha";

  @Option(names = "--head-batch", description = "resfgb: head minibatch (default 16)")
  int headBatch = 16;

  @Option(names = "--head-passes", description = "resfgb: head passes on raw features, then per layer (warm start) (default 30,5)")
  String headPasses = "30,5";

  @Option(names = "--head-wr", description = "resfgb: head L2 weight (default 1e-4)")
  double headWr = 1e-4;

  @Option(names = "--val-fraction", description = "resfgb: training rows held out to choose the depth (default 0.1)")
  double valFraction = 0.1;

  @Option(names = "--train-rows", description = "resfgb: use only the first this many training rows; 0 = all (default 0)")
  int trainRows = 0;

  @Option(names = "--no-best-iter", description = "resfgb: keep all layers instead of the best validation depth")
  boolean noBestIter;

  @Option(names = "--resfgb-test-data", description = "resfgb: held-out rows reported per layer (default: the test split of fmnist:)")
  String testData;

  @Option(names = "--resume-layers", description = "resfgb: continue from <out>/resfgb-state.bin, after the last finished layer (same flags; a larger --layers grows it further)")
  boolean resume;

  ResFgbJobConfig toConfig(CommandSpec spec, String data, String testData, long seed, int partitions, String master,
      java.nio.file.Path out, double maxSeconds, boolean resume) {
    ParseResult parsed = spec.commandLine().getParseResult();
    for (String flag : NOT_HERE) {
      if (parsed.hasMatchedOption(flag)) throw new IllegalArgumentException(flag + " does not apply to --model resfgb");
    }
    ResFgbConfig.Rule r = ResFgbConfig.Rule.parse(rule);
    double eta = fgEta != null ? fgEta : ResFgbConfig.defaultFgEta(r);
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
    boolean headSpan = switch (blockTarget.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "gradient" -> false;
      case "head-span" -> true;
      default -> throw new IllegalArgumentException("--block-target must be gradient or head-span, got '" + blockTarget + "'");
    };
    ResFgbConfig algorithm = new ResFgbConfig(r, layers, eta, h, MlpBlock.Output.parse(output), blockInit,
        new BlockFitter.Settings(blockBatch, blockEpochs, step, blockMomentum, blockWr, seed),
        new HeadFitter.Settings(headMethod, headBatch, first, then, headWr, seed), !noBestIter, seed, headSpan);
    return new ResFgbJobConfig(data, testData, trainRows, valFraction, partitions, master, out, maxSeconds, resume, algorithm);
  }
}
