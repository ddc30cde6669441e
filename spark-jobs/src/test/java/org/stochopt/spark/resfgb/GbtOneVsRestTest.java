package org.stochopt.spark.resfgb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.OneVsRest;
import org.apache.spark.ml.classification.OneVsRestModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stochopt.spark.SparkTestSession;

/**
 * Our class-by-class one-vs-rest GBT against MLlib's own {@code OneVsRest(GBTClassifier)} with the
 * same settings: the same test accuracy, and the accuracy after all T trees equals the curve's last
 * point; a budget smaller than one class stops after the first class without an accuracy.
 */
class GbtOneVsRestTest {
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = SparkTestSession.start();
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  /** Three Gaussian blobs in 4 dimensions, overlapping enough that the trees make mistakes. */
  private static ResFgbData.Dense blobs(int n, long seed) {
    Random g = new Random(seed);
    double[] x = new double[n * 4];
    double[] y = new double[n];
    for (int r = 0; r < n; r++) {
      int k = r % 3;
      y[r] = k;
      for (int j = 0; j < 4; j++) x[r * 4 + j] = g.nextGaussian() + (j == k ? 1.2 : 0) + (j == 3 ? 0.5 * k : 0);
    }
    return new ResFgbData.Dense(x, y, 4);
  }

  @Test
  void classByClassEqualsMllibsOneVsRest() throws Exception {
    SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    ResFgbData.Dense trainRows = blobs(300, 1);
    ResFgbData.Dense testRows = blobs(200, 2);
    Dataset<Row> train = MllibPeers.frame(spark, trainRows, 2);
    Dataset<Row> test = MllibPeers.frame(spark, testRows, 2);
    GbtOneVsRest.Settings s = new GbtOneVsRest.Settings(4, 2, 0.3, 1.0, 0);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    GbtOneVsRest.Result ours = GbtOneVsRest.fit(train, testRows, 3, s, 7, "", null, new PrintStream(log, true, StandardCharsets.UTF_8));
    OneVsRestModel theirs = new OneVsRest().setClassifier(GbtOneVsRest.classifier(s, 7)).fit(train);
    double mllib = MllibPeers.accuracy(theirs.transform(test));
    assertTrue(ours.finished(3));
    assertEquals(mllib, ours.peer().testAccuracy(), 1e-12);
    assertEquals(4, ours.accuracyByTrees().length);
    assertEquals(ours.peer().testAccuracy(), ours.accuracyByTrees()[3], 0);
    assertTrue(mllib > 0.6 && mllib < 1, "accuracy " + mllib);
    assertEquals(3, log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("GBT class")).count(), log.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aBudgetBelowOneClassStopsAfterTheFirstWithoutAnAccuracy() throws Exception {
    SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    ResFgbData.Dense trainRows = blobs(120, 3);
    Dataset<Row> train = MllibPeers.frame(spark, trainRows, 2);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    GbtOneVsRest.Result r = GbtOneVsRest.fit(train, blobs(50, 4), 3, new GbtOneVsRest.Settings(2, 2, 0.1, 1.0, 1e-6), 7, "", null,
        new PrintStream(log, true, StandardCharsets.UTF_8));
    assertEquals(1, r.classesFitted());
    assertTrue(Double.isNaN(r.peer().testAccuracy()));
    assertTrue(r.peer().name().contains("stopped after 1 of 3 classes"), r.peer().name());
    assertTrue(List.of(log.toString(StandardCharsets.UTF_8).split("\n")).stream().anyMatch(l -> l.contains("stopped by --gbt-max-seconds")));
  }
}
