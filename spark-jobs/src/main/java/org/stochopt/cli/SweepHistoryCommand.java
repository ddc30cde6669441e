package org.stochopt.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.stochopt.spark.SparkSessions;
import org.stochopt.spark.history.SweepHistory;
import org.stochopt.spark.history.TrendReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stochopt sweep-history}: the trend report of a sweep history, with an exit code a scheduler can alert on. */
@Command(name = "sweep-history", mixinStandardHelpOptions = true,
    description = {"Trend report of a sweep history: recommended b, rounds to ε, fitted round latency and modeled seconds over time",
        "(OUT/trend.md, trend.csv, trend-*.png). Exits " + SweepHistoryCommand.REGRESSED + " when the newest run of a sweep regresses:",
        "a tracked figure above (1 + threshold) × the median of the previous comparable runs."})
public final class SweepHistoryCommand implements Callable<Integer> {
  /** Exit status when a tracked figure regressed (2 is bad input, 3 divergence). */
  public static final int REGRESSED = 4;

  @Option(names = "--history", required = true, description = "the history folder (a sweep's OUT/history, or its --history; hdfs:/s3a: allowed)")
  String history;

  @Option(names = "--out", defaultValue = "out/sweep-trend", description = "report folder (default ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--threshold", defaultValue = "0.25", description = "relative rise that counts as a regression (default ${DEFAULT-VALUE})")
  double threshold;

  @Option(names = "--baseline-runs", defaultValue = "5", description = "previous comparable runs whose median is the baseline (default ${DEFAULT-VALUE})")
  int baselineRuns;

  @Option(names = "--master", defaultValue = "local[1]", description = "Spark master that reads the history (default ${DEFAULT-VALUE})")
  String master;

  @Override
  public Integer call() throws Exception {
    if (!(threshold > 0)) throw new IllegalArgumentException("--threshold must be > 0, got " + threshold);
    if (baselineRuns < 1) throw new IllegalArgumentException("--baseline-runs must be >= 1, got " + baselineRuns);
    SparkSession spark = SparkSessions.create(master, "stochopt sweep-history");
    TrendReport report;
    try {
      report = new TrendReport(SweepHistory.read(spark, history), threshold, baselineRuns);
    } finally {
      spark.stop();
    }
    report.write(out);
    int runs = report.runs().values().stream().mapToInt(java.util.List::size).sum();
    System.err.printf("sweep history %s: %d runs of %d sweeps; wrote %s%n", history, runs, report.runs().size(), out.resolve("trend.md"));
    for (TrendReport.Regression r : report.regressions()) {
      System.err.printf(java.util.Locale.ROOT, "REGRESSION %s: %s = %.4g, baseline %.4g (×%.2f)%n", r.sweepName(), r.figure(), r.value(),
          r.baseline(), r.ratio());
    }
    return report.regressions().isEmpty() ? 0 : REGRESSED;
  }
}
