package org.stochopt.spark.history;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.SparkSession;
import org.stochopt.spark.SparkSessions;
import org.stochopt.spark.sweep.CellResult;
import org.stochopt.spark.sweep.SweepAnalysis;
import org.stochopt.spark.sweep.SweepConfig;
import org.stochopt.spark.sweep.SweepProblem;

/** Turns a finished sweep into its history rows and appends them ({@link SweepHistory}). */
public final class SweepRecorder {
  private SweepRecorder() {}

  /** The history folder of a sweep whose report goes to {@code out}, unless configured otherwise. */
  public static String defaultLocation(java.nio.file.Path out) {
    return out.toAbsolutePath().resolve("history").toUri().toString();
  }

  /** A sortable run id: start time, then random bits so that two runs in the same second differ. */
  public static String runId(Instant started) {
    String t = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC).format(started);
    return "r" + t + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  /**
   * Appends one complete sweep run. On an in-process sweep, a local Spark session is started only to
   * write the Parquet files (and stopped again).
   */
  public static void append(String history, SweepConfig c, SweepProblem p, SweepAnalysis a, List<CellResult> results,
      Instant started, Instant ended, PrintStream log) {
    SparkSession running = SparkSession.getActiveSession().getOrElse(() -> SparkSession.getDefaultSession().getOrElse(() -> null));
    SparkSession spark = running != null ? running : SparkSessions.create("local[1]", "stochopt sweep history");
    try {
      Provenance prov = running == null || p.data.sparkData() == null
          ? new Provenance(Provenance.currentCommit(), "none", c.master(), Runtime.getRuntime().availableProcessors(), "n/a",
              fingerprint(p), started, ended)
          : new Provenance(Provenance.currentCommit(), spark.version(), spark.sparkContext().master(),
              spark.sparkContext().defaultParallelism(), spark.sparkContext().getConf().get("spark.executor.memory", "1g"),
              fingerprint(p), started, ended);
      List<RunRecord> rows = records(runId(started), c, p, a, results, prov);
      SweepHistory.append(spark, history, rows);
      log.printf("appended this run (%d cells) to the sweep history %s%n", rows.size(), history);
    } finally {
      if (running == null) spark.stop();
    }
  }

  private static String fingerprint(SweepProblem p) {
    return String.format("%016x", p.data.oracle().summary().fingerprint());
  }

  public static List<RunRecord> records(String runId, SweepConfig c, SweepProblem p, SweepAnalysis a, List<CellResult> results,
      Provenance prov) {
    SweepAnalysis.Recommendation rec = a.recommendation();
    SweepAnalysis.Point pt = rec == null ? null : rec.point();
    List<RunRecord> out = new ArrayList<>(results.size());
    for (CellResult r : results) {
      out.add(new RunRecord(runId, c.name(), prov.started(), prov.ended(), prov.gitCommit(), prov.sparkVersion(), prov.master(),
          prov.cores(), prov.executorMemory(), c.data(), prov.dataFingerprint(), p.constants.n(), p.constants.d(), p.partitions,
          c.target(), pt == null ? null : pt.method(), pt == null ? 0 : pt.batchSize(), pt == null ? Double.NaN : pt.multiplier(),
          pt == null ? Double.NaN : pt.rounds(), pt == null ? Double.NaN : pt.modeledSeconds(),
          rec == null ? Double.NaN : rec.measuredSeconds(), a.latency().t0() * 1e3, a.latency().t1() * 1e6, a.latency().cells(),
          r.cell().id(), r.cell().method(), r.cell().batchSize(), r.cell().stepMultiplier(), r.cell().seed(), r.reached(),
          r.roundsToTarget(), r.gradientsToTarget(), r.secondsToTarget(), r.meanRoundMillis(), r.cellSeconds(), r.stopReason()));
    }
    return out;
  }
}
