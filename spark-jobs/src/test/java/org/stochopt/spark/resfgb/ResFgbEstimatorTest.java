package org.stochopt.spark.resfgb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.spark.SparkTestSession;
import org.stochopt.spark.ml.StochoptResFgb;
import org.stochopt.spark.ml.StochoptResFgbModel;

/** The Spark ML pair: a fit on a DataFrame learns the rings, and a saved model predicts the same after loading. */
class ResFgbEstimatorTest {
  private static JavaSparkContext sc;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    sc = SparkTestSession.start();
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  private static Dataset<Row> frame(SparkSession spark, List<RowBlock> blocks) {
    List<Row> rows = new ArrayList<>();
    for (RowBlock b : blocks) {
      DenseRowBlock d = (DenseRowBlock) b;
      int w = d.dim() - 1; // drop the bias column withBias added
      for (int r = 0; r < d.rows(); r++) {
        rows.add(RowFactory.create(d.label(r), Vectors.dense(java.util.Arrays.copyOfRange(d.values(), r * d.dim(), r * d.dim() + w))));
      }
    }
    StructType schema = new StructType(new StructField[] {DataTypes.createStructField("label", DataTypes.DoubleType, false),
        DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)});
    return spark.createDataFrame(rows, schema);
  }

  @Test
  void fitsSavesAndLoads() throws Exception {
    SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    Dataset<Row> df = frame(spark, ResFgbBackendAgreementTest.rings(450, 3, 3, 11));
    StochoptResFgb est = new StochoptResFgb().setLayers(3).setFgEta(2.0).setBlockHidden("12").setBlockEpochs(3).setBlockBatch(50)
        .setHeadMethod("local-svrg").setHeadPasses(3).setHeadWr(1e-3).setNumPartitions(3);
    StochoptResFgbModel model = est.fit(df);
    assertEquals(3, model.network().depth());
    assertEquals(3, model.numClasses());
    List<Row> pred = model.transform(df).select("label", "prediction").collectAsList();
    long correct = pred.stream().filter(r -> r.getDouble(0) == r.getDouble(1)).count();
    // Above chance (1/3): the fit ran end to end on a DataFrame; learning quality is tested in core (ResFgbTrainingTest).
    assertTrue(correct > 0.4 * pred.size(), "training accuracy " + (double) correct / pred.size());
    String path = dir.resolve("m").toString();
    model.save(path);
    StochoptResFgbModel back = StochoptResFgbModel.load(path);
    double[] a = model.transform(df).select("rawPrediction").collectAsList().stream()
        .flatMapToDouble(r -> java.util.Arrays.stream(((org.apache.spark.ml.linalg.Vector) r.get(0)).toArray())).toArray();
    double[] b = back.transform(df).select("rawPrediction").collectAsList().stream()
        .flatMapToDouble(r -> java.util.Arrays.stream(((org.apache.spark.ml.linalg.Vector) r.get(0)).toArray())).toArray();
    assertArrayEquals(a, b, 0.0);
  }

  @Test
  void aValidationColumnChoosesTheDepth() {
    // Training rows: the rings. Validation rows (flag true): other ring rows with every label shifted
    // by one class, so a model that learns the rings gets them wrong. The linear head (layer 0, near
    // chance on rings) is then the best depth on validation, and the estimator must cut the network
    // there; without the column all layers stay.
    SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    Dataset<Row> train = frame(spark, ResFgbBackendAgreementTest.rings(450, 3, 3, 11)).withColumn("isVal", functions.lit(false));
    Dataset<Row> shifted = frame(spark, ResFgbBackendAgreementTest.rings(150, 3, 1, 12))
        .withColumn("label", functions.expr("CAST((label + 1) % 3 AS DOUBLE)")).withColumn("isVal", functions.lit(true));
    Dataset<Row> df = train.unionByName(shifted);
    StochoptResFgb est = new StochoptResFgb().setLayers(3).setFgEta(2.0).setBlockHidden("12").setBlockEpochs(3).setBlockBatch(50)
        .setHeadMethod("local-svrg").setHeadPasses(3).setHeadWr(1e-3).setNumPartitions(3);
    assertEquals(3, est.fit(train).network().depth(), "no validation column: every layer kept");
    StochoptResFgbModel cut = est.setValidationIndicatorCol("isVal").fit(df);
    assertEquals(0, cut.network().depth(), "layers that learn the rings lose accuracy on the shifted validation labels");
  }
}
