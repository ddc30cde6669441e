package org.stochopt.spark.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.spark.data.PartitionBlock;

/**
 * Spark MLlib's {@code LogisticRegression} on the rows stochopt has cached, with the objective
 * set to stochopt's F: no intercept, no standardization, regParam = λ₁ + λ₂, elasticNetParam =
 * λ₁/(λ₁ + λ₂). MLlib then minimizes (1/n)Σ log(1 + e^{−y⟨w,x⟩}) + regParam·(α‖w‖₁ + (1−α)/2‖w‖²)
 * — with standardization off it penalizes β_j/σ_j in its scaled space, which is w_j — so its
 * {@code objectiveHistory} (one value per L-BFGS/OWL-QN iteration, the initial point first) is F
 * itself. That is checked, not assumed: F of the returned coefficients is recomputed with
 * stochopt's oracle and compared with the last history value ({@link Result#scaleCheck}).
 *
 * <p>MLlib reports no per-iteration times. Spark jobs are counted while it fits (each L-BFGS
 * function evaluation is one treeAggregate job); the time of iteration k is taken as fit·k/K, i.e.
 * iterations are assumed equally expensive — true to within the line search's extra evaluations.
 */
public final class MllibRun {
  private MllibRun() {}

  /** What the fit produced. {@code scaleCheck} = |F(w_final) − history_last| / |F(w_final)|. */
  public record Result(Curve curve, double[] coefficients, int iterations, int jobs, double fitSeconds, double scaleCheck) {}

  public static Result run(SparkSession spark, JavaRDD<PartitionBlock> blocks, int dim, GradientOracle evaluator,
      Regularizer reg, double referenceObjective, int maxIter, double tol, PrintStream log) {
    long t0 = System.nanoTime();
    Dataset<Row> frame = frame(spark, blocks, dim);
    frame.persist(StorageLevel.MEMORY_AND_DISK());
    long rows = frame.count();
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    double lambda = reg.l1Weight() + reg.strongConvexity();
    double alpha = lambda == 0 ? 0 : reg.l1Weight() / lambda;
    LogisticRegression lr = new LogisticRegression().setFitIntercept(false).setStandardization(false)
        .setRegParam(lambda).setElasticNetParam(alpha).setMaxIter(maxIter).setTol(tol).setFamily("binomial");
    AtomicInteger jobs = new AtomicInteger();
    SparkListener counter = new SparkListener() {
      @Override
      public void onJobEnd(SparkListenerJobEnd jobEnd) {
        jobs.incrementAndGet();
      }
    };
    // Warm-up: one short fit first, so the timed fit is not charged for loading and JIT-compiling
    // MLlib's classes (stochopt's Spark runs are likewise warm after the constants' power iteration).
    lr.copy(new org.apache.spark.ml.param.ParamMap()).setMaxIter(2).fit(frame);
    spark.sparkContext().addSparkListener(counter);
    double heapBefore = MemoryPeak.start();
    long f0 = System.nanoTime();
    LogisticRegressionModel model;
    try {
      model = lr.fit(frame);
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
    double fitSeconds = (System.nanoTime() - f0) / 1e9;
    double peak = MemoryPeak.peakMb();
    frame.unpersist(false);
    double[] history = model.summary().objectiveHistory();
    int iterations = history.length - 1; // the history starts with the initial point (SPARK-31925)
    double[] w = model.coefficients().toArray();
    double fFinal = evaluator.evaluate(w, new double[dim]) + reg.value(w);
    double check = Math.abs(fFinal - history[history.length - 1]) / Math.abs(fFinal);
    List<Curve.Point> points = new ArrayList<>();
    int jobsPerIter = iterations == 0 ? 0 : jobs.get() / Math.max(1, iterations);
    for (int k = 0; k < history.length; k++) {
      double seconds = iterations == 0 ? fitSeconds : fitSeconds * k / iterations;
      points.add(new Curve.Point(seconds, (history[k] - referenceObjective) / Math.abs(referenceObjective), k,
          k * (double) jobs.get() / Math.max(1, iterations)));
    }
    log.printf(java.util.Locale.ROOT,
        "MLlib: %d rows, %d iterations, %d Spark jobs, fit %.2fs; F(w_MLlib) = %.15g, last history value differs by %.1e relative%n",
        rows, iterations, jobs.get(), fitSeconds, fFinal, check);
    String notes = String.format(java.util.Locale.ROOT,
        "%s, maxIter=%d, tol=%s, after a 2-iteration warm-up fit; %d iterations, %d Spark jobs (≈%d per iteration); time of iteration k = fit·k/K; "
            + "objectiveHistory vs F(w) recomputed by stochopt: %.1e relative; heap before fit %.0f MB",
        alpha > 0 ? "OWL-QN" : "L-BFGS", maxIter, Double.toString(tol), iterations, jobs.get(), jobsPerIter, check, heapBefore);
    Curve curve = new Curve("MLlib " + (alpha > 0 ? "OWL-QN" : "L-BFGS") + " (local Spark)", "fit time", points,
        loadSeconds, Double.NaN, peak, "JVM heap peak", notes);
    return new Result(curve, w, iterations, jobs.get(), fitSeconds, check);
  }

  /** The cached blocks as MLlib's (label ∈ {0, 1}, features) rows, partitioned as stochopt's. */
  static Dataset<Row> frame(SparkSession spark, JavaRDD<PartitionBlock> blocks, int dim) {
    return frame(spark, blocks, dim, false);
  }

  /** As {@link #frame(SparkSession, JavaRDD, int)}; {@code classLabels} keeps the labels 0..K−1 as they are. */
  static Dataset<Row> frame(SparkSession spark, JavaRDD<PartitionBlock> blocks, int dim, boolean classLabels) {
    JavaRDD<Row> rows = blocks.flatMap(pb -> {
      RowBlock b = pb.block();
      List<Row> out = new ArrayList<>(b.rows());
      boolean sparse = b instanceof org.stochopt.core.linalg.CsrRowBlock;
      for (int r = 0; r < b.rows(); r++) {
        org.apache.spark.ml.linalg.Vector x;
        if (sparse) {
          int nnz = 0;
          int[] count = {0};
          b.forEachEntry(r, (j, v) -> count[0]++);
          nnz = count[0];
          int[] idx = new int[nnz];
          double[] val = new double[nnz];
          int[] k = {0};
          b.forEachEntry(r, (j, v) -> {
            idx[k[0]] = j;
            val[k[0]++] = v;
          });
          x = Vectors.sparse(dim, idx, val);
        } else {
          double[] dense = new double[dim];
          b.forEachEntry(r, (j, v) -> dense[j] = v);
          x = Vectors.dense(dense);
        }
        out.add(RowFactory.create(classLabels ? b.label(r) : b.label(r) > 0 ? 1.0 : 0.0, x));
      }
      return out.iterator();
    });
    StructType schema = new StructType(new StructField[] {
        new StructField("label", DataTypes.DoubleType, false, Metadata.empty()),
        new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty())});
    return spark.createDataFrame(rows, schema);
  }
}
