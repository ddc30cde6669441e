package org.stochopt.spark.resfgb;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The MLlib peers of a ResFGB run, fitted in the same session on the same rows: the
 * {@code MultilayerPerceptronClassifier} (L-BFGS on a sigmoid MLP with a softmax output) and
 * gradient-boosted trees one-vs-rest ({@link GbtOneVsRest}). Both DataFrames are
 * cached and materialised before the clocks start, so the fit times measure the fits.
 */
public final class MllibPeers {
  private MllibPeers() {}

  /** A fitted peer: its accuracy on the test rows, fit wall time and parameter count. */
  public record Peer(String name, double testAccuracy, double fitSeconds, long parameters) {}

  public static Dataset<Row> frame(SparkSession spark, ResFgbData.Dense d, int partitions) {
    List<Row> rows = new ArrayList<>(d.rows());
    for (int r = 0; r < d.rows(); r++) {
      double[] x = java.util.Arrays.copyOfRange(d.x(), r * d.d(), (r + 1) * d.d());
      rows.add(RowFactory.create(d.y()[r], Vectors.dense(x)));
    }
    StructType schema = new StructType(new StructField[] {
        DataTypes.createStructField("label", DataTypes.DoubleType, false),
        DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)});
    Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(partitions);
    df.persist(StorageLevel.MEMORY_AND_DISK());
    df.count();
    return df;
  }

  /** MLP d → hidden… → K, L-BFGS for {@code maxIter} iterations. */
  public static Peer mlp(Dataset<Row> train, Dataset<Row> test, int d, int[] hidden, int classes, int maxIter, long seed) {
    int[] layers = new int[hidden.length + 2];
    layers[0] = d;
    System.arraycopy(hidden, 0, layers, 1, hidden.length);
    layers[layers.length - 1] = classes;
    long t0 = System.nanoTime();
    MultilayerPerceptronClassificationModel m = new MultilayerPerceptronClassifier().setLayers(layers).setMaxIter(maxIter)
        .setSeed(seed).setBlockSize(128).fit(train);
    double secs = (System.nanoTime() - t0) / 1e9;
    return new Peer("MLlib MLP " + java.util.Arrays.toString(layers) + ", " + maxIter + " L-BFGS iterations", accuracy(m.transform(test)), secs,
        m.weights().size());
  }

  /** One point of the MLP's accuracy-vs-time curve: after {@code iterations} L-BFGS iterations and {@code fitSeconds} of fitting. */
  public record CurvePoint(int iterations, double fitSeconds, double testAccuracy) {}

  /** The MLP fitted in chunks: its last state as a peer and the test accuracy after every chunk. */
  public record MlpCurve(Peer last, List<CurvePoint> points) {}

  /**
   * The MLP d → hidden… → K fitted in chunks of {@code chunk} L-BFGS iterations, each chunk
   * warm-started from the previous chunk's weights ({@code setInitialWeights}), with the test
   * accuracy measured after every chunk outside the fit clock: an accuracy-vs-wall-time curve
   * from one training run instead of one point. Each chunk is a fresh {@code fit}, so L-BFGS
   * forgets its curvature pairs and MLlib re-stacks the rows at every chunk; that overhead is in
   * the fit time (the cost of seeing the curve). Stops after {@code maxIter} iterations or once
   * the cumulative fit time reaches {@code maxSeconds} (0 = no cap); every point is appended to
   * {@code csv} as it is measured, so a killed run keeps its curve.
   */
  public static MlpCurve mlpCurve(Dataset<Row> train, Dataset<Row> test, int d, int[] hidden, int classes, int chunk, int maxIter,
      double maxSeconds, long seed, Path csv, PrintStream log) throws IOException {
    int[] layers = new int[hidden.length + 2];
    layers[0] = d;
    System.arraycopy(hidden, 0, layers, 1, hidden.length);
    layers[layers.length - 1] = classes;
    Files.writeString(csv, "iterations,fit_seconds,test_accuracy\n", StandardCharsets.UTF_8);
    List<CurvePoint> points = new ArrayList<>();
    Vector w = null;
    MultilayerPerceptronClassificationModel m = null;
    double fit = 0;
    int done = 0;
    while (done < maxIter && (maxSeconds <= 0 || fit < maxSeconds)) {
      int k = Math.min(chunk, maxIter - done);
      MultilayerPerceptronClassifier c = new MultilayerPerceptronClassifier().setLayers(layers).setMaxIter(k).setSeed(seed).setBlockSize(128);
      if (w != null) c.setInitialWeights(w);
      long t0 = System.nanoTime();
      m = c.fit(train);
      fit += (System.nanoTime() - t0) / 1e9;
      done += k;
      w = m.weights();
      CurvePoint p = new CurvePoint(done, fit, accuracy(m.transform(test)));
      points.add(p);
      try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
        out.write(String.format(Locale.ROOT, "%d,%.3f,%.6f%n", p.iterations(), p.fitSeconds(), p.testAccuracy()));
      }
      log.printf(Locale.ROOT, "  MLP %d iterations: test accuracy %.4f, fit %.1fs%n", p.iterations(), p.testAccuracy(), p.fitSeconds());
    }
    CurvePoint last = points.get(points.size() - 1);
    Peer peer = new Peer("MLlib MLP " + java.util.Arrays.toString(layers) + ", " + last.iterations() + " L-BFGS iterations in chunks of " + chunk,
        last.testAccuracy(), last.fitSeconds(), m.weights().size());
    return new MlpCurve(peer, points);
  }

  static double accuracy(Dataset<Row> predictions) {
    return new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predictions);
  }
}
