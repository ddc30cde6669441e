package org.stochopt.spark.history;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The sweep history: a Parquet dataset partitioned by run, {@code HISTORY/run_id=ID/part-….parquet},
 * one row per cell ({@link RunRecord}). Spark reads it natively as one table with a {@code run_id}
 * column ({@code spark.read.parquet(HISTORY)}), and any Hadoop URI works ({@code file:},
 * {@code hdfs:}, {@code s3a:}).
 *
 * <p>Each run writes its own partition folder instead of appending to a shared one: an append to one
 * Parquet folder stages its files in {@code HISTORY/_temporary}, which the first of two concurrent
 * writers deletes when it commits, so two sweeps (of different configs) finishing at the same time
 * would break each other. A folder per run has its own staging area, and a run that dies while
 * writing leaves no {@code _SUCCESS} in it; {@link #read} skips such folders.
 */
public final class SweepHistory {
  private SweepHistory() {}

  public static final StructType SCHEMA = new StructType(new StructField[] {
      f("sweep_name", DataTypes.StringType), f("started", DataTypes.TimestampType), f("ended", DataTypes.TimestampType),
      f("git_commit", DataTypes.StringType), f("spark_version", DataTypes.StringType), f("master", DataTypes.StringType),
      f("cores", DataTypes.IntegerType), f("executor_memory", DataTypes.StringType), f("data", DataTypes.StringType),
      f("data_fingerprint", DataTypes.StringType), f("n", DataTypes.LongType), f("d", DataTypes.IntegerType),
      f("partitions", DataTypes.IntegerType), f("target", DataTypes.DoubleType),
      f("rec_method", DataTypes.StringType), f("rec_batch_size", DataTypes.IntegerType), f("rec_multiplier", DataTypes.DoubleType),
      f("rec_rounds", DataTypes.DoubleType), f("rec_modeled_seconds", DataTypes.DoubleType),
      f("rec_measured_seconds", DataTypes.DoubleType), f("latency_round_ms", DataTypes.DoubleType),
      f("latency_gradient_us", DataTypes.DoubleType), f("latency_cells", DataTypes.IntegerType),
      f("cell_id", DataTypes.StringType), f("method", DataTypes.StringType), f("batch_size", DataTypes.IntegerType),
      f("step_multiplier", DataTypes.DoubleType), f("seed", DataTypes.LongType), f("reached", DataTypes.BooleanType),
      f("rounds_to_target", DataTypes.DoubleType), f("gradients_to_target", DataTypes.DoubleType),
      f("seconds_to_target", DataTypes.DoubleType), f("mean_round_ms", DataTypes.DoubleType),
      f("cell_seconds", DataTypes.DoubleType), f("stop_reason", DataTypes.StringType)});

  private static StructField f(String name, DataType type) {
    return new StructField(name, type, true, Metadata.empty());
  }

  /** Writes one run (all rows share its run id) as HISTORY/run_id=ID. */
  public static void append(SparkSession spark, String history, List<RunRecord> run) {
    if (run.isEmpty()) return;
    String id = run.get(0).runId();
    List<Row> rows = new ArrayList<>(run.size());
    for (RunRecord r : run) {
      if (!r.runId().equals(id)) throw new IllegalArgumentException("one run per append: " + id + " and " + r.runId());
      rows.add(RowFactory.create(r.sweepName(), Timestamp.from(r.started()), Timestamp.from(r.ended()), r.gitCommit(),
          r.sparkVersion(), r.master(), r.cores(), r.executorMemory(), r.data(), r.dataFingerprint(), r.n(), r.d(),
          r.partitions(), r.target(), r.recMethod(), r.recMethod() == null ? null : r.recBatchSize(), r.recMultiplier(),
          r.recRounds(), r.recModeledSeconds(), r.recMeasuredSeconds(), r.latencyRoundMs(), r.latencyGradientUs(),
          r.latencyCells(), r.cellId(), r.method(), r.batchSize(), r.stepMultiplier(), r.seed(), r.reached(),
          r.roundsToTarget(), r.gradientsToTarget(), r.secondsToTarget(), r.meanRoundMs(), r.cellSeconds(), r.stopReason()));
    }
    spark.createDataFrame(rows, SCHEMA).coalesce(1).write().mode(SaveMode.ErrorIfExists)
        .parquet(history.replaceAll("/+$", "") + "/run_id=" + id);
  }

  /** Every complete run in the history, rows in (start time, cell) order. */
  public static List<RunRecord> read(SparkSession spark, String history) {
    List<String> complete = completeRuns(spark, history);
    if (complete.isEmpty()) throw new IllegalArgumentException("no sweep history at " + history + " (no complete run_id=… folder)");
    List<Row> rows = spark.read().schema(SCHEMA).parquet(complete.toArray(String[]::new))
        .withColumn("run_id", org.apache.spark.sql.functions.regexp_extract(
            org.apache.spark.sql.functions.input_file_name(), "run_id=([^/]+)", 1))
        .orderBy("started", "run_id", "cell_id").collectAsList();
    List<RunRecord> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(new RunRecord(r.getAs("run_id"), r.getAs("sweep_name"), instant(r.getAs("started")), instant(r.getAs("ended")),
          r.getAs("git_commit"), r.getAs("spark_version"), r.getAs("master"), r.<Integer>getAs("cores"), r.getAs("executor_memory"),
          r.getAs("data"), r.getAs("data_fingerprint"), r.<Long>getAs("n"), r.<Integer>getAs("d"), r.<Integer>getAs("partitions"),
          r.<Double>getAs("target"), r.getAs("rec_method"), r.isNullAt(r.fieldIndex("rec_batch_size")) ? 0 : r.<Integer>getAs("rec_batch_size"),
          r.<Double>getAs("rec_multiplier"), r.<Double>getAs("rec_rounds"), r.<Double>getAs("rec_modeled_seconds"),
          r.<Double>getAs("rec_measured_seconds"), r.<Double>getAs("latency_round_ms"), r.<Double>getAs("latency_gradient_us"),
          r.<Integer>getAs("latency_cells"), r.getAs("cell_id"), r.getAs("method"), r.<Integer>getAs("batch_size"),
          r.<Double>getAs("step_multiplier"), r.<Long>getAs("seed"), r.<Boolean>getAs("reached"), r.<Double>getAs("rounds_to_target"),
          r.<Double>getAs("gradients_to_target"), r.<Double>getAs("seconds_to_target"), r.<Double>getAs("mean_round_ms"),
          r.<Double>getAs("cell_seconds"), r.getAs("stop_reason")));
    }
    return out;
  }

  /** The run folders that finished writing (have _SUCCESS). */
  static List<String> completeRuns(SparkSession spark, String history) {
    try {
      Path base = new Path(history);
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      FileSystem fs = base.getFileSystem(conf);
      if (!fs.exists(base)) return List.of();
      List<String> out = new ArrayList<>();
      for (var st : fs.listStatus(base)) {
        if (st.isDirectory() && st.getPath().getName().startsWith("run_id=") && fs.exists(new Path(st.getPath(), "_SUCCESS"))) {
          out.add(st.getPath().toString());
        }
      }
      return out;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot list the sweep history " + history + ": " + e.getMessage(), e);
    }
  }

  private static Instant instant(Object t) {
    return t instanceof Instant i ? i : ((Timestamp) t).toInstant();
  }
}
