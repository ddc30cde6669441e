package org.stochopt.spark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.cli.StochoptMain;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.datasets.synth.LogisticTeacher;
import org.stochopt.spark.SparkSessions;
import org.stochopt.spark.report.RunWriter;

/** The Spark ML estimator: same run as the CLI, Pipeline save/load, CrossValidator, parameter checks. */
class StochoptEstimatorTest {
  private static final String SPEC = "synthetic:n=1200,d=8,density=1.0,seed=11";
  private static final StructType SCHEMA = new StructType()
      .add("features", SQLDataTypes.VectorType(), false)
      .add("label", DataTypes.DoubleType, false);
  private static SparkSession spark;
  private static Dataset<Row> train;

  @BeforeAll
  static void start() {
    spark = SparkSessions.create("local[2]", "stochopt-ml-test");
    train = frame(org.stochopt.spark.job.DataLoader.synthetic(SPEC), 0, 1200);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Rows [from, to) of the synthetic teacher as (features, 0/1 label), in row order. */
  static Dataset<Row> frame(LogisticTeacher t, long from, long to) {
    RowBlock b = t.generate(from, to);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < b.rows(); i++) {
      double[] x = new double[b.dim()];
      b.forEachEntry(i, (j, v) -> x[j] = v);
      rows.add(RowFactory.create(Vectors.dense(x), b.label(i) > 0 ? 1.0 : 0.0));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static StochoptLogisticRegression estimator() {
    return new StochoptLogisticRegression().setRegParam(1e-3).setElasticNetParam(0.5).setBatchSize(16)
        .setMaxRounds(120).setMaxPasses(0).setTol(0).setNumPartitions(3).setSeed(4);
  }

  @Test
  void fitIsTheSameRunAsTheCommandLine(@TempDir Path dir) throws Exception {
    StochoptLinearModel model = estimator().fit(train);
    StringWriter err = new StringWriter();
    assertEquals(0, StochoptMain.execute(new PrintWriter(err, true), "train", "--data", SPEC, "--reg", "elasticnet:1e-3,0.5",
        "--batch-size", "16", "--max-rounds", "120", "--max-passes", "0", "--partitions", "3", "--seed", "4",
        "--master", "in-process", "--no-reference", "--out", dir.toString()), err.toString());
    double[] cli = RunWriter.readWeights(dir.resolve("weights.csv"));
    double[] fitted = model.coefficients().toArray();
    double scale = 0;
    for (double v : cli) scale = Math.max(scale, Math.abs(v));
    assertTrue(scale > 0.05, "the fit moved away from 0");
    for (int j = 0; j < cli.length; j++) assertEquals(cli[j], fitted[j], 1e-9 * scale, "coefficient " + j);
  }

  @Test
  void pipelineFitsSavesLoadsAndPredictsIdentically(@TempDir Path dir) throws Exception {
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {estimator()});
    PipelineModel fitted = pipeline.fit(train);
    // Fresh rows of the same teacher (row r depends only on (seed, r), not on n).
    Dataset<Row> test = frame(org.stochopt.spark.job.DataLoader.synthetic("synthetic:n=6000,d=8,density=1.0,seed=11"), 5000, 5300);
    List<Row> before = fitted.transform(test).select("rawPrediction", "probability", "prediction").collectAsList();

    String path = dir.resolve("pipeline").toString();
    fitted.write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    List<Row> after = loaded.transform(test).select("rawPrediction", "probability", "prediction").collectAsList();
    assertEquals(before, after); // Row equality compares the doubles exactly

    StochoptLinearModel a = (StochoptLinearModel) fitted.stages()[0];
    StochoptLinearModel b = (StochoptLinearModel) loaded.stages()[0];
    assertArrayEquals(a.coefficients().toArray(), b.coefficients().toArray(), 0.0);
    assertEquals(a.uid(), b.uid());
    // Predictions follow the margin sign and the probabilities are σ(margin).
    for (int i = 0; i < 20; i++) {
      Row r = after.get(i);
      double m = ((Vector) r.get(0)).apply(1);
      assertEquals(m > 0 ? 1.0 : 0.0, r.getDouble(2));
      assertEquals(1 / (1 + Math.exp(-m)), ((Vector) r.get(1)).apply(1), 1e-15);
    }
    // Accuracy well above chance on fresh rows of the same teacher.
    long correct = fitted.transform(test).where("prediction = label").count();
    assertTrue(correct > 0.7 * 300, "accuracy " + correct / 300.0);

    // The unfitted pipeline (estimator params) round-trips too.
    pipeline.write().overwrite().save(dir.resolve("estimator").toString());
    StochoptLogisticRegression reloaded = (StochoptLogisticRegression) Pipeline.load(dir.resolve("estimator").toString()).getStages()[0];
    assertEquals(1e-3, reloaded.getRegParam());
    assertEquals(120, reloaded.getMaxRounds());
    assertEquals(4, reloaded.getSeed());
  }

  @Test
  void crossValidatorTunesRegParam() {
    StochoptLogisticRegression lr = estimator().setMaxRounds(20);
    ParamMap[] grid = new ParamGridBuilder().addGrid(lr.regParam(), new double[] {1e-4, 1e-1}).build();
    CrossValidator cv = new CrossValidator().setEstimator(lr).setEstimatorParamMaps(grid)
        .setEvaluator(new BinaryClassificationEvaluator()).setNumFolds(2).setSeed(3);
    CrossValidatorModel m = cv.fit(train);
    assertEquals(2, m.avgMetrics().length);
    for (double auc : m.avgMetrics()) assertTrue(auc > 0.7 && auc <= 1.0, "AUC " + auc);
    assertInstanceOf(StochoptLinearModel.class, m.bestModel());
  }

  @Test
  void badParamsAndLabelsAreRefusedClearly() {
    assertThrows(IllegalArgumentException.class, () -> new StochoptLogisticRegression().setBatchSize(0));
    assertThrows(IllegalArgumentException.class, () -> new StochoptLogisticRegression().setLoss("squared"));
    assertThrows(IllegalArgumentException.class, () -> new StochoptLogisticRegression().setElasticNetParam(1.5));
    Dataset<Row> bad = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2), 1.0),
        RowFactory.create(Vectors.dense(3, 4), -1.0)), SCHEMA);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> estimator().setNumPartitions(1).fit(bad));
    assertTrue(e.getMessage().contains("row 2: label -1.0") && e.getMessage().contains("expected 0 or 1"), e.getMessage());
    Dataset<Row> nan = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2), 1.0),
        RowFactory.create(Vectors.dense(3, Double.NaN), 0.0)), SCHEMA);
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> estimator().setNumPartitions(1).fit(nan));
    assertTrue(e2.getMessage().contains("row 2: non-finite feature value NaN"), e2.getMessage());
  }
}
