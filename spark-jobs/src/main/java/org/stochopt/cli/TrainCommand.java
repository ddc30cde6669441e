package org.stochopt.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.stochopt.core.features.FeatureSpec;
import org.stochopt.core.method.MethodKind;
import org.stochopt.core.method.MethodSettings;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.spark.job.ModelLoss;
import org.stochopt.spark.job.RunControl;
import org.stochopt.spark.job.TrainConfig;
import org.stochopt.spark.job.TrainJob;
import org.stochopt.spark.oracle.SparkGradientOracle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code stochopt train}: one training run, in-process or on any Spark master. The flags every
 * model shares come first; each model's own flags form an argument group with its own heading in
 * {@code --help}, and a flag of one model given with another is refused with one line (see
 * {@link #MODELS}).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Train a model and write trace.csv, summary.json and plots.",
        "Models: linear (regularized linear models; the default), meanfield (two-layer mean-field networks), "
            + "ntk (wide two-layer networks in the NTK regime, averaged SGD),",
        "embedding (graph and ordinal embeddings in Euclidean or hyperbolic space), resfgb (residual networks grown by "
            + "functional-gradient boosting).",
        "Shared flags:"})
public final class TrainCommand implements Callable<Integer> {
  /** Which model owns which argument group: a group's flags apply to its model only. */
  static final List<Owner> MODELS = List.of(
      new Owner("linear", LinearOptions.class), new Owner("linear", MethodTuningOptions.class),
      new Owner("linear", PreconditionOptions.class), new Owner("linear|meanfield|ntk|embedding", CheckpointOptions.class),
      new Owner("meanfield", MeanFieldOptions.class), new Owner("meanfield|ntk", NetworkLoopOptions.class),
      new Owner("ntk", NtkOptions.class), new Owner("embedding", EmbeddingOptions.class),
      new Owner("resfgb", ResFgbOptions.class));

  /** An argument group and the model (or models, separated by |) whose flags it holds. */
  record Owner(String model, Class<?> group) {
    boolean owns(String name) {
      for (String m : model.split("\\|")) if (m.equalsIgnoreCase(name)) return true;
      return false;
    }

    List<String> models() {
      return List.of(model.split("\\|"));
    }
  }

  @Spec CommandSpec spec;

  @Option(names = "--model", description = "linear, meanfield, ntk, embedding or resfgb (default linear)")
  String model = "linear";

  @Mixin DataOption data;

  @Mixin SqlColumnOptions sqlColumns;

  @Option(names = "--loss",
      description = "logistic, squared, smoothed-hinge[:gamma]; multi-class (labels 0..K−1, K = max label + 1 unless given): "
          + "multinomial[:K], ovr-logistic[:K] (default logistic)")
  String loss = "logistic";

  @Option(names = "--method",
      description = "linear: auto (default: picks the method and b for the backend and the data, and says why), gd (full batch, "
          + "with --precondition), sgd, svrg, katyusha, "
          + "dasvrda, accsvrg, accsvrg-appa, local-svrg, local-katyusha, cocoa, proxcocoa; meanfield: mfld (default) or pda")
  String method = "auto";

  @Option(names = {"--batch-size", "-b"}, converter = Flags.PositiveInt.class, description = "minibatch size b (default: auto's choice; 16 for a named linear method)")
  Integer batchSize;

  @Option(names = "--step", converter = Flags.PositiveDouble.class,
      description = "step size: η₀ of the sgd schedule; η of svrg, dasvrda, accsvrg(-appa); katyusha's y-step 1/(3L̃) (α = step/τ₁). "
          + "Default: the theory value from n, b, L, L̄, L_max, μ")
  Double step;

  @Option(names = "--max-seconds", converter = Flags.NonNegativeDouble.class, description = "wall-clock limit of the method; 0 = none (default 0)")
  double maxSeconds = 0;

  @Option(names = "--seed", description = "run seed (sampling, initialisation) (default 1)")
  long seed = 1;

  @Mixin MasterOption master;

  @Option(names = "--partitions", converter = Flags.PositiveInt.class,
      description = "data partitions; the same value gives the same samples in-process and on Spark (default 4, or Spark's parallelism if larger)")
  Integer partitions;

  @Option(names = "--out", description = "output folder (default out/train)")
  Path out = Path.of("out/train");

  @Option(names = "--overwrite",
      description = "replace the run already in --out (its results and checkpoint are deleted first); without it a fresh run refuses a folder that holds one")
  boolean overwrite;

  @Mixin CacheDirOption cache;

  @ArgGroup(validate = false, heading = "%nLinear model (--model linear):%n")
  LinearOptions linear = new LinearOptions();

  @ArgGroup(validate = false, heading = "%nLinear methods' own settings (each refused by the methods that do not read it):%n")
  MethodTuningOptions tuning = new MethodTuningOptions();

  @ArgGroup(validate = false, heading = "%nPreconditioning (--method gd or sgd):%n")
  PreconditionOptions precondition = new PreconditionOptions();

  @ArgGroup(validate = false, heading = "%nCheckpoint and resume (--model linear, meanfield, ntk and embedding):%n")
  CheckpointOptions checkpoint = new CheckpointOptions();

  @ArgGroup(validate = false, heading = "%nMean-field network (--model meanfield):%n")
  MeanFieldOptions meanField = new MeanFieldOptions();

  @ArgGroup(validate = false, heading = "%nNetwork training loop (--model meanfield and --model ntk):%n")
  NetworkLoopOptions loop = new NetworkLoopOptions();

  @ArgGroup(validate = false, heading = "%nNTK network, averaged SGD (--model ntk):%n")
  NtkOptions ntk = new NtkOptions();

  @ArgGroup(validate = false, heading = "%nGraph and ordinal embeddings (--model embedding):%n")
  EmbeddingOptions embedding = new EmbeddingOptions();

  @ArgGroup(validate = false, heading = "%nResFGB residual network (--model resfgb):%n")
  ResFgbOptions resfgb = new ResFgbOptions();

  @Override
  public Integer call() throws Exception {
    org.stochopt.spark.job.PhaseTimes.mark("command line parsed");
    // One machine: the same partitioned computation on threads, without Spark's start-up; spark-submit sets spark.master.
    String masterUrl = master.orDefault(TrainConfig.IN_PROCESS);
    refuseOtherModels(spec, model);
    if (model.equalsIgnoreCase("ntk")) {
      if (cache.cacheDir != null) throw new IllegalArgumentException("--cache-dir does not apply to --model ntk");
      if (overwrite) throw new IllegalArgumentException("--overwrite does not apply to --model ntk");
      if (sqlColumns.any()) throw new IllegalArgumentException("--label-col, --features-col and --feature-cols do not apply to --model ntk");
      var config = ntk.toConfig(this, spec, masterUrl);
      // The same owner lock as every run: two runs never write one folder at once.
      try (var folder = org.stochopt.core.io.OutputFolder.claim(out, "--out", "stochopt train --model ntk")) {
        new org.stochopt.spark.ntk.NtkTrainJob(System.err).run(config);
      }
      return 0;
    }
    if (model.equalsIgnoreCase("embedding")) {
      if (cache.cacheDir != null) throw new IllegalArgumentException("--cache-dir does not apply to --model embedding");
      if (overwrite) throw new IllegalArgumentException("--overwrite does not apply to --model embedding");
      if (sqlColumns.any()) throw new IllegalArgumentException("--label-col, --features-col and --feature-cols do not apply to --model embedding");
      var config = embedding.toConfig(this, spec, masterUrl);
      try (var folder = org.stochopt.core.io.OutputFolder.claim(out, "--out", "stochopt train --model embedding")) {
        new org.stochopt.spark.embed.EmbeddingTrainJob(System.err).run(config, embedding.checkpoints(checkpoint));
      }
      return 0;
    }
    if (model.equalsIgnoreCase("resfgb")) {
      if (cache.cacheDir != null) throw new IllegalArgumentException("--cache-dir does not apply to --model resfgb");
      if (overwrite) throw new IllegalArgumentException("--overwrite does not apply to --model resfgb (give another --out)");
      if (sqlColumns.any()) throw new IllegalArgumentException("--label-col, --features-col and --feature-cols do not apply to --model resfgb");
      var config = resfgb.toConfig(spec, data.data, resfgb.testData, seed, partitions == null ? 0 : partitions, masterUrl, out, maxSeconds,
          resfgb.resume);
      try (var folder = org.stochopt.core.io.OutputFolder.claim(out, "--out", "stochopt train --model resfgb")) {
        new org.stochopt.spark.resfgb.ResFgbTrainJob(System.err).run(config);
      }
      return 0;
    }
    if (model.equalsIgnoreCase("meanfield")) {
      if (cache.cacheDir != null) throw new IllegalArgumentException("--cache-dir does not apply to --model meanfield");
      if (overwrite) throw new IllegalArgumentException("--overwrite does not apply to --model meanfield");
      if (sqlColumns.any()) throw new IllegalArgumentException("--label-col, --features-col and --feature-cols do not apply to --model meanfield");
      var config = meanField.toConfig(this, spec, masterUrl);
      // The same owner lock as linear runs: two runs never write one folder at once.
      try (var folder = org.stochopt.core.io.OutputFolder.claim(out, "--out", "stochopt train --model meanfield")) {
        new org.stochopt.spark.meanfield.MeanFieldTrainJob(System.err).run(config);
      }
      return 0;
    }
    FeatureSpec featureSpec = linear.features == null ? null : FeatureSpec.parse(linear.features);
    MethodSettings settings = tuning.settings(MethodKind.parse(method), batchSize, step,
        precondition.toConfig(spec.commandLine().getParseResult()));
    long rounds = linear.evalEveryRounds != null ? linear.evalEveryRounds : TrainConfig.IN_PROCESS.equals(masterUrl) ? 0 : 200;
    StoppingRules stop = new StoppingRules(linear.maxRounds, linear.maxPasses, linear.target, linear.gradTol, maxSeconds);
    TrainConfig config = new TrainConfig(sqlColumns.apply(data.data), sqlColumns.applyToTest(linear.testData), ModelLoss.parse(loss), Regularizers.parse(linear.reg), settings,
        stop, seed, masterUrl, partitions, out, cache.orDefault(), !linear.noReference, linear.evalEvery, rounds);
    if (checkpoint.resume && overwrite) {
      throw new IllegalArgumentException("--resume continues the run in --out and --overwrite deletes it: give one of them");
    }
    RunControl control = new RunControl(SparkGradientOracle.Reduction.parse(linear.reduce), checkpoint.every, checkpoint.resume,
        overwrite, master.connectTimeout());
    new TrainJob(System.err).run(config, control, featureSpec);
    return 0;
  }

  /**
   * Refuses, with one line naming it, the first given flag that belongs to another model's argument
   * group; refuses an unknown --model.
   */
  static void refuseOtherModels(CommandSpec spec, String model) {
    boolean known = MODELS.stream().anyMatch(o -> o.owns(model));
    if (!known) {
      throw new IllegalArgumentException("--model must be one of " + String.join(", ",
          MODELS.stream().flatMap(o -> o.models().stream()).distinct().toList()) + ", got '" + model + "'");
    }
    ParseResult parsed = spec.commandLine().getParseResult();
    for (ArgGroupSpec group : spec.argGroups()) {
      Owner owner = MODELS.stream().filter(o -> o.group() == group.typeInfo().getType()).findFirst().orElse(null);
      if (owner == null || owner.owns(model)) continue;
      for (OptionSpec o : group.options()) {
        if (parsed.hasMatchedOption(o.longestName())) {
          throw new IllegalArgumentException(o.longestName() + " does not apply to --model " + model.toLowerCase(java.util.Locale.ROOT)
              + " (it is a --model " + String.join(" or --model ", owner.models()) + " flag)");
        }
      }
    }
  }

  static Path defaultCacheDir() {
    return new CacheDirOption().orDefault();
  }
}
