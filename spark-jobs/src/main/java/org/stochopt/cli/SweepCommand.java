package org.stochopt.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stochopt.spark.sweep.SweepConfig;
import org.stochopt.spark.sweep.SweepConfigReader;
import org.stochopt.spark.sweep.SweepJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stochopt sweep}: the minibatch-size experiment, from a config file or the built-in default. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = {"The optimal-minibatch experiment: run methods × minibatch sizes to a target, recommend b and a method.",
        "Runs methods × minibatch sizes (× step multipliers × seeds) to a target suboptimality, overlays the theory (b*, T(b)),",
        "recommends a minibatch size for this cluster, and writes a report (report.md, cells.csv, summary.json, PNGs).",
        "Re-running the same config resumes: finished cells are kept. Config keys: docs/sweep.md."})
public final class SweepCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin SqlColumnOptions sqlColumns;

  @Option(names = "--config", description = "sweep config, JSON or YAML (.yaml/.yml); default: the built-in default sweep")
  Path config;

  @Option(names = "--out", description = "report folder (default: the config's out, else out/sweep-<name>)")
  Path out;

  @Option(names = "--master", description = "Spark master URL or in-process; overrides the config's master")
  String master;

  @Option(names = "--cache-dir", description = "where reference optima are cached (default $STOCHOPT_CACHE or ~/.cache/stochopt)")
  Path cacheDir;

  @Option(names = "--max-cells", defaultValue = "0",
      description = "run at most this many unfinished cells, then write the report of what is done (0 = all)")
  int maxCells;

  @Option(names = "--history",
      description = "sweep history (a Parquet dataset; a path or hdfs:/s3a: URI) this run is appended to; none = off (default OUT/history)")
  String history;

  @Override
  public Integer call() throws Exception {
    SweepConfig c = config == null ? SweepConfigReader.readDefault() : SweepConfigReader.read(config);
    if (master != null) c = c.withMaster(master);
    if (sqlColumns.any()) c = c.withData(sqlColumns.apply(c.data()));
    Path dir = out != null ? out : c.out() != null ? Path.of(c.out()) : Path.of("out", "sweep-" + c.name());
    new SweepJob(System.err).run(c, new SweepJob.Options(dir, cacheDir == null ? TrainCommand.defaultCacheDir() : cacheDir,
        maxCells, null, history, null));
    return 0;
  }
}
