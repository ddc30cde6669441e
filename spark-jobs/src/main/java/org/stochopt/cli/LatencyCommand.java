package org.stochopt.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.stochopt.spark.SparkSessions;
import org.stochopt.spark.latency.RoundLatencyBench;
import org.stochopt.spark.oracle.SparkGradientOracle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stochopt latency}: the wall time of one minibatch round on Spark, and where it goes. */
@Command(name = "latency", mixinStandardHelpOptions = true,
    description = "Mean wall time of a Spark minibatch round (SVRG's ∇f_B(w) − ∇f_B(anchor)) on cached synthetic data, "
        + "per dimension and partition count, with a phase breakdown from Spark's listener events. "
        + "Spark settings come from -Dspark.*=... in STOCHOPT_JAVA_OPTS.")
public final class LatencyCommand implements Callable<Integer> {
  @Option(names = "--master", defaultValue = "local[2]", description = "Spark master URL (default ${DEFAULT-VALUE})")
  String master;

  @Option(names = "--dims", converter = Flags.PositiveInt.class, defaultValue = "100,1000,10000", split = ",", description = "dimensions d (default ${DEFAULT-VALUE})")
  int[] dims;

  @Option(names = "--partitions", converter = Flags.PositiveInt.class, defaultValue = "2,4", split = ",", description = "partition counts P (default ${DEFAULT-VALUE})")
  int[] partitions;

  @Option(names = {"--batch-size", "-b"}, converter = Flags.PositiveInt.class, defaultValue = "64", description = "minibatch size b (default ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--rows", converter = Flags.PositiveLong.class, defaultValue = "2048", description = "synthetic rows n, cached before timing (default ${DEFAULT-VALUE})")
  long rows;

  @Option(names = "--rounds", converter = Flags.PositiveInt.class, defaultValue = "500", description = "timed rounds per block (default ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--warmup", converter = Flags.NonNegativeInt.class, defaultValue = "2000",
      description = "untimed rounds first, per cell: the JIT needs thousands of jobs to compile Spark's scheduler paths (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--repeats", converter = Flags.PositiveInt.class, defaultValue = "3", description = "timed blocks per cell; the median block mean is reported (default ${DEFAULT-VALUE})")
  int repeats;

  @Option(names = "--reduce", defaultValue = "tree", description = "tree or ordered, as for train (default ${DEFAULT-VALUE})")
  String reduce;

  @Override
  public Integer call() throws Exception {
    if (master.equalsIgnoreCase("in-process")) throw new IllegalArgumentException("latency measures Spark rounds: give a Spark --master");
    RoundLatencyBench.Config c = new RoundLatencyBench.Config(dims, partitions, batch, rows, rounds, warmup, repeats,
        SparkGradientOracle.Reduction.parse(reduce));
    SparkSession spark = SparkSessions.create(master, "stochopt latency");
    try {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      System.out.println("master " + master + ", b = " + batch + ", n = " + rows + ", " + repeats + " blocks of " + rounds
          + " rounds after " + warmup + " warm-up rounds, reduce " + reduce);
      System.out.println(RoundLatencyBench.HEADER);
      List<RoundLatencyBench.Result> results = RoundLatencyBench.run(sc, c, System.out);
      System.out.println();
      System.out.print(RoundLatencyBench.phaseTable(results));
    } finally {
      spark.stop();
    }
    return 0;
  }
}
