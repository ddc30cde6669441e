package org.stochopt.cli;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.stochopt.spark.bench.BenchConfig;
import org.stochopt.spark.bench.BenchJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stochopt bench}: stochopt vs Spark MLlib vs LIBLINEAR on identical data, in one invocation. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Run stochopt's methods (in-process and on Spark), Spark MLlib LogisticRegression (same SparkSession,"
        + " same cached rows) and LIBLINEAR (liblinear-train on the exported rows) on one data set with one objective"
        + " (logistic loss, no intercept). Writes bench.csv, curves.csv, bench.md and bench.png to --out."})
public final class BenchCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin SqlColumnOptions sqlColumns;

  @Option(names = "--data", required = true, description = "fmnist:AvB, fmnist:all (with a multi-class --loss), synthetic:..., sparse:..., hashtext:..., or a LIBSVM path")
  String data;

  @Option(names = "--loss", defaultValue = "logistic",
      description = "logistic (±1 labels), or with class labels 0..K−1: multinomial[:K] (MLlib multinomial; LIBLINEAR has no such solver)"
          + " or ovr-logistic[:K] (MLlib OneVsRest, LIBLINEAR -s 0/-s 6 on K classes) (default ${DEFAULT-VALUE})")
  String loss;

  @Option(names = "--reg", required = true, description = "l2:λ or l1:λ (LIBLINEAR then uses C = 1/(λn)); elasticnet:λ,α without liblinear")
  String reg;

  @Option(names = "--methods", defaultValue = "katyusha,svrg", split = ",",
      description = "stochopt methods, each run in-process and on Spark; METHOD@STEP sets the step by hand, e.g. katyusha@0.041 (default ${DEFAULT-VALUE}: theory steps)")
  List<String> methods;

  @Option(names = {"--batch-size", "-b"}, defaultValue = "64", description = "in-process minibatch size (default ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--spark-batch-size", description = "Spark minibatch size (default: --batch-size)")
  Integer sparkBatchSize;

  @Option(names = "--partitions", defaultValue = "4", description = "data partitions, the same for every system (default ${DEFAULT-VALUE})")
  int partitions;

  @Option(names = "--spark-master", defaultValue = "local[2]", description = "Spark master for stochopt-on-Spark and MLlib (default ${DEFAULT-VALUE})")
  String sparkMaster;

  @Option(names = "--systems", defaultValue = "inprocess,spark,mllib,liblinear", split = ",",
      description = "which systems run (default ${DEFAULT-VALUE})")
  List<String> systems;

  @Option(names = "--targets", defaultValue = "1e-2,1e-4,1e-6", split = ",",
      description = "relative suboptimalities reported; stochopt runs stop at the smallest (default ${DEFAULT-VALUE})")
  List<Double> targets;

  @Option(names = "--max-passes", defaultValue = "400", description = "budget of each stochopt run in effective passes (default ${DEFAULT-VALUE})")
  double maxPasses;

  @Option(names = "--max-seconds", defaultValue = "0", description = "budget of each stochopt run in method seconds; 0 = none (default ${DEFAULT-VALUE})")
  double maxSeconds;

  @Option(names = "--eval-every", defaultValue = "1", description = "stochopt evaluation interval in passes (default ${DEFAULT-VALUE})")
  double evalEvery;

  @Option(names = "--mllib-max-iter", defaultValue = "1000", description = "MLlib maxIter (default ${DEFAULT-VALUE})")
  int mllibMaxIter;

  @Option(names = "--mllib-tol", defaultValue = "0", description = "MLlib tol; 0 runs all iterations (default ${DEFAULT-VALUE})")
  double mllibTol;

  @Option(names = "--liblinear-eps", defaultValue = "1e-1,1e-2,1e-3,1e-4,1e-5,1e-6", split = ",",
      description = "LIBLINEAR -e tolerances, one run each (default ${DEFAULT-VALUE})")
  List<Double> liblinearEps;

  @Option(names = "--seed", defaultValue = "1", description = "sampling seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", required = true, description = "output folder")
  Path out;

  @Option(names = "--cache-dir", description = "where reference optima are cached (default $STOCHOPT_CACHE or ~/.cache/stochopt)")
  Path cacheDir;

  @Override
  public Integer call() throws Exception {
    BenchConfig config = new BenchConfig(sqlColumns.apply(data), reg, methods, batchSize, sparkBatchSize == null ? batchSize : sparkBatchSize,
        partitions, sparkMaster, new LinkedHashSet<>(systems), targets, maxPasses, maxSeconds, evalEvery, mllibMaxIter,
        mllibTol, liblinearEps, seed, out, cacheDir == null ? TrainCommand.defaultCacheDir() : cacheDir, loss);
    new BenchJob(System.err).run(config);
    return 0;
  }
}
