package org.stochopt.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stochopt.spark.job.MethodTuning;
import org.stochopt.spark.job.RunControl;
import org.stochopt.spark.job.TrainConfig;
import org.stochopt.spark.job.TrainJob;
import org.stochopt.spark.oracle.SparkGradientOracle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stochopt train}: one optimization run, in-process or on any Spark master. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a regularized linear model (or, with --model meanfield, a mean-field network; with --model resfgb, a residual network grown by functional-gradient boosting) and write trace.csv, summary.json and plots.")
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", defaultValue = "linear", description = "linear, meanfield or resfgb (default ${DEFAULT-VALUE})")
  String model;

  @Mixin MeanFieldOptions meanField;

  @Mixin ResFgbOptions resfgb;

  @Option(names = "--data", required = true,
      description = "fmnist:AvB, fmnist:all (ten classes), synthetic:n=..,d=..,density=..,cond=..,seed=.., or a LIBSVM path/URI (file:, hdfs:, s3a:)")
  String data;

  @Option(names = "--test-data", description = "held-out data, same forms as --data (default: the test split of fmnist:)")
  String testData;

  @Option(names = "--loss", defaultValue = "logistic", description = "logistic, squared, smoothed-hinge[:gamma]; multi-class (labels 0..K−1, K = max label + 1 unless given): multinomial[:K], ovr-logistic[:K] (default ${DEFAULT-VALUE})")
  String loss;

  @Option(names = "--reg", defaultValue = "l2:1e-4", description = "none, l2:λ, l1:λ, elasticnet:λ,α (default ${DEFAULT-VALUE})")
  String reg;

  @Option(names = "--method", defaultValue = "svrg",
      description = "sgd, svrg, katyusha, dasvrda, accsvrg, accsvrg-appa, local-svrg or local-katyusha (default ${DEFAULT-VALUE})")
  String method;

  @Option(names = {"--batch-size", "-b"}, defaultValue = "16", description = "minibatch size b (default ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--step", description = "step size: η₀ of the sgd schedule; η of svrg, dasvrda, accsvrg(-appa); katyusha's y-step 1/(3L̃) (α = step/τ₁). Default: the theory value from n, b, L, L̄, L_max, μ")
  Double step;

  @Option(names = "--schedule", defaultValue = "1/t", description = "sgd step schedule: constant, 1/t, 1/sqrt(t) (default ${DEFAULT-VALUE})")
  String schedule;

  @Option(names = "--averaging", defaultValue = "linear", description = "sgd iterate averaging: none, uniform, linear (default ${DEFAULT-VALUE})")
  String averaging;

  @Option(names = "--epoch-length", defaultValue = "0", description = "steps per anchor for svrg, katyusha, dasvrda, accsvrg(-appa) (default ⌈n/b⌉); local-svrg and local-katyusha: local steps per partition per round (default one local pass)")
  long epochLength;

  @Option(names = "--anchor", defaultValue = "last", description = "svrg anchor: last or average (default ${DEFAULT-VALUE})")
  String anchor;

  @Option(names = "--sampling", description = "with-replacement, without-replacement, or importance (p_i ∝ L_i, weighted 1/(n p_i)); "
      + "default: without for sgd/svrg, importance for katyusha, dasvrda, accsvrg(-appa)")
  String sampling;

  @Option(names = "--target-suboptimality", defaultValue = "1e-6", description = "stop at this relative suboptimality (default ${DEFAULT-VALUE})")
  double target;

  @Option(names = "--max-passes", defaultValue = "100", description = "stop after this many effective passes; 0 = no limit (default ${DEFAULT-VALUE})")
  double maxPasses;

  @Option(names = "--max-rounds", defaultValue = "0", description = "stop after this many rounds; 0 = no limit")
  long maxRounds;

  @Option(names = "--max-seconds", defaultValue = "0", description = "wall-clock limit of the method; 0 = none")
  double maxSeconds;

  @Option(names = "--grad-tol", defaultValue = "0", description = "stop when the gradient-mapping norm falls below this; 0 = off")
  double gradTol;

  @Option(names = "--seed", defaultValue = "1", description = "run seed (sampling) (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--master",
      description = "Spark master URL, or in-process (default: spark-submit's --master when submitted, else local[*])")
  String master;

  @Option(names = "--partitions", defaultValue = "0",
      description = "data partitions; the same value gives the same samples in-process and on Spark (default 4, or Spark's parallelism if larger)")
  int partitions;

  @Option(names = "--out", defaultValue = "out/train", description = "output folder (default ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--cache-dir", description = "where reference optima are cached (default $STOCHOPT_CACHE or ~/.cache/stochopt)")
  Path cacheDir;

  @Option(names = "--no-reference", description = "skip the reference optimum (no suboptimality)")
  boolean noReference;

  @Option(names = "--eval-every", defaultValue = "0.5", description = "evaluate every this many effective passes (default ${DEFAULT-VALUE})")
  double evalEvery;

  @Option(names = "--tau1", description = "katyusha τ₁ (default: theory); α = step/τ₁")
  Double tau1;

  @Option(names = "--tau2", description = "katyusha τ₂, the Katyusha momentum (default: theory, min(L_Q/(2Lb), 1/2))")
  Double tau2;

  @Option(names = "--restart", description = "dasvrda restart: periodic (theory period) or adaptive")
  String restart;

  @Option(names = "--appa-kappa", description = "accsvrg-appa proximal weight κ (default: theory, inner condition number ≈ n)")
  Double appaKappa;

  @Option(names = "--eval-every-rounds",
      description = "also evaluate every this many rounds (default: 200 on Spark, where passes grow slowly at small b; off in-process)")
  Long evalEveryRounds;

  @Option(names = "--reduce", defaultValue = "tree",
      description = "how partition sums reach the driver on Spark: tree (scalable) or ordered (bit-reproducible, also after lost executors; P·d doubles per round at the driver) (default ${DEFAULT-VALUE})")
  String reduce;

  @Option(names = "--checkpoint-every", defaultValue = "0",
      description = "save the run to <out>/checkpoint.bin every this many rounds, for --resume; 0 = never (default ${DEFAULT-VALUE})")
  long checkpointEvery;

  @Option(names = "--resume",
      description = "continue from <out>/checkpoint.bin (same flags; the stopping limits may be raised)")
  boolean resume;

  @Option(names = "--features",
      description = "train on random features: rff:KIND,M=..,bandwidth=median|σ,seed=..,cache=auto|yes|no[,shards=K], KIND gaussian, laplacian, orthogonal or sorf; shards=K splits the M features into K blocks across partitions (default: raw features)")
  String features;

  @Override
  public Integer call() throws Exception {
    org.stochopt.core.features.FeatureSpec featureSpec = features == null ? null : org.stochopt.core.features.FeatureSpec.parse(features);
    String master = this.master != null ? this.master : System.getProperty("spark.master", "local[*]");
    if (model.equalsIgnoreCase("resfgb")) {
      new org.stochopt.spark.resfgb.ResFgbTrainJob(System.err).run(resfgb.toConfig(this, spec, master));
      return 0;
    }
    if (!model.equalsIgnoreCase("linear") && !model.equalsIgnoreCase("meanfield")) {
      throw new IllegalArgumentException("--model must be linear, meanfield or resfgb, got '" + model + "'");
    }
    ResFgbOptions.refuseOwn(spec.commandLine().getParseResult(), model.toLowerCase(java.util.Locale.ROOT));
    if (model.equalsIgnoreCase("meanfield")) {
      new org.stochopt.spark.meanfield.MeanFieldTrainJob(System.err).run(meanField.toConfig(this, spec, master));
      return 0;
    }
    MeanFieldOptions.checkFlags(spec.commandLine().getParseResult(), false);
    long rounds = evalEveryRounds != null ? evalEveryRounds : TrainConfig.IN_PROCESS.equals(master) ? 0 : 200;
    TrainConfig config = new TrainConfig(data, testData, loss, reg, method, batchSize, step == null ? Double.NaN : step,
        schedule, averaging, epochLength, anchor, sampling, target, maxPasses, maxRounds, maxSeconds, gradTol, seed,
        master, partitions, out, cacheDir == null ? defaultCacheDir() : cacheDir, !noReference, evalEvery, rounds,
        new MethodTuning(nan(tau1), nan(tau2), restart, nan(appaKappa)));
    RunControl control = new RunControl(SparkGradientOracle.Reduction.parse(reduce), checkpointEvery, resume);
    new TrainJob(System.err).run(config, control, featureSpec);
    return 0;
  }

  private static double nan(Double v) {
    return v == null ? Double.NaN : v;
  }

  static Path defaultCacheDir() {
    String env = System.getenv("STOCHOPT_CACHE");
    if (env != null && !env.isBlank()) return Path.of(env);
    return Path.of(System.getProperty("user.home"), ".cache", "stochopt");
  }
}
