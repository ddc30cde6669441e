package org.stochopt.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.stochopt.spark.precond.PreconditionStudy;
import org.stochopt.spark.precond.StudyConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stochopt precondition-study}: GD ↔ NGD in overparameterised ridgeless regression (docs/preconditioning.md). */
@Command(name = "precondition-study", mixinStandardHelpOptions = true,
    description = "Bias, variance and total risk of preconditioned GD (fisher:α and additive:α) at interpolation and with "
        + "early stopping, over seeds: linear (covariance spectrum, aligned/misaligned signal), rf (random features, RKHS) "
        + "or fmnist:AvB (with flipped labels).")
public final class PreconditionStudyCommand implements Callable<Integer> {
  @Option(names = "--setting", defaultValue = "linear", description = "linear, rf or fmnist:AvB (default ${DEFAULT-VALUE})")
  String setting;

  @Option(names = "--n", defaultValue = "200", description = "training rows per seed, below d (default ${DEFAULT-VALUE})")
  int n;

  @Option(names = "--d", defaultValue = "400", description = "linear: dimension; rf: random features M (default ${DEFAULT-VALUE}); fmnist: 784")
  int d;

  @Option(names = "--decay", defaultValue = "1.0", description = "linear: eigenvalues λ_j ∝ j^−decay (default ${DEFAULT-VALUE})")
  double decay;

  @Option(names = "--input-dim", defaultValue = "8", description = "rf: input dimension d₀ (default ${DEFAULT-VALUE})")
  int inputDim;

  @Option(names = "--pool", defaultValue = "0", description = "unlabeled rows for Σ_X (default 10·d; fmnist: all training images)")
  long pool;

  @Option(names = "--test-rows", defaultValue = "2000", description = "rf: test rows for the risk (default ${DEFAULT-VALUE})")
  int testRows;

  @Option(names = "--sigma", defaultValue = "0.5", description = "linear, rf: label-noise standard deviation (signal variance 1) (default ${DEFAULT-VALUE})")
  double sigma;

  @Option(names = "--flip", defaultValue = "0.2", description = "fmnist: fraction of training labels flipped (default ${DEFAULT-VALUE})")
  double flip;

  @Option(names = "--alphas", split = ",", defaultValue = "0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1",
      description = "α grid, used with fisher:α and additive:α (default ${DEFAULT-VALUE})")
  List<Double> alphas;

  @Option(names = "--seeds", defaultValue = "10", description = "training draws (default ${DEFAULT-VALUE})")
  int seeds;

  @Option(names = "--damping", defaultValue = "1e-6", description = "relative damping δ of Σ_X (ε = δ·tr Σ_X/d) (default ${DEFAULT-VALUE})")
  double damping;

  @Option(names = "--early-stop-horizon", defaultValue = "1000000", description = "last iteration of the early-stopping grid (default ${DEFAULT-VALUE})")
  long horizon;

  @Option(names = "--master", defaultValue = "in-process", description = "in-process or a Spark master (forms Σ_X there) (default ${DEFAULT-VALUE})")
  String master;

  @Option(names = "--partitions", defaultValue = "4", description = "pool partitions (default ${DEFAULT-VALUE})")
  int partitions;

  @Option(names = "--seed", defaultValue = "1", description = "study seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", defaultValue = "out/precondition-study", description = "output folder (default ${DEFAULT-VALUE})")
  Path out;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    boolean fmnist = setting.startsWith("fmnist:");
    var parsed = spec.commandLine().getParseResult();
    String[][] own = {{"--flip", "fmnist"}, {"--decay", "linear"}, {"--input-dim", "rf"}, {"--test-rows", "rf"}};
    for (String[] o : own) {
      if (parsed.hasMatchedOption(o[0]) && !setting.startsWith(o[1])) {
        throw new IllegalArgumentException(o[0] + " applies only to --setting " + o[1] + (o[1].equals("fmnist") ? ":AvB" : ""));
      }
    }
    if (fmnist && (parsed.hasMatchedOption("--sigma") || parsed.hasMatchedOption("--d"))) {
      throw new IllegalArgumentException("--sigma and --d do not apply to --setting fmnist:AvB (use --flip; d is 784)");
    }
    int dim = fmnist ? 784 : d;
    long poolRows = pool > 0 ? pool : 10L * dim;
    new PreconditionStudy(System.err).run(new StudyConfig(setting, n, dim, decay, inputDim, poolRows, testRows, sigma, flip, alphas,
        seeds, damping, horizon, master, partitions, seed, out));
    return 0;
  }
}
