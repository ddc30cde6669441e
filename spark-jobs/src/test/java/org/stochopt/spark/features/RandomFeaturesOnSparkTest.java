package org.stochopt.spark.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stochopt.core.features.FeatureMap;
import org.stochopt.core.features.FeatureSpec;
import org.stochopt.core.features.RandomFeatures;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;
import org.stochopt.datasets.synth.LowNoiseData;
import org.stochopt.spark.SparkTestSession;
import org.stochopt.spark.data.FeaturePartitions;
import org.stochopt.spark.data.PartitionedData;
import org.stochopt.spark.ml.RandomFeatureTransformer;
import org.stochopt.spark.oracle.SparkGradientOracle;

/** Features on Spark local[2] equal the single-process ones; the ML transformer works in a Pipeline. */
class RandomFeaturesOnSparkTest {
  private static final LowNoiseData DATA = new LowNoiseData(2400, 4, 0.2, 0.05, 5);
  private static final int PARTITIONS = 3;
  private static JavaSparkContext sc;
  private static PartitionedData raw;

  @BeforeAll
  static void start() {
    sc = SparkTestSession.start();
    raw = PartitionedData.generate(sc, DATA.n(), PARTITIONS, DATA.d(), DATA::generate);
  }

  @AfterAll
  static void stop() {
    raw.close();
    sc.stop();
  }

  private static List<double[]> rows(List<RowBlock> blocks) {
    List<double[]> out = new ArrayList<>();
    for (RowBlock b : blocks) {
      for (int r = 0; r < b.rows(); r++) {
        double[] x = new double[b.dim()];
        FeatureMap.densify(b, r, x);
        double[] withLabel = java.util.Arrays.copyOf(x, b.dim() + 2);
        withLabel[b.dim()] = b.label(r);
        withLabel[b.dim() + 1] = b.firstRow() + r;
        out.add(withLabel);
      }
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({"gaussian,yes", "laplacian,no", "orthogonal,yes", "sorf,no"})
  void partitionedFeaturesEqualSingleProcessFeaturesBitForBit(String kind, String cache) {
    FeatureSpec spec = FeatureSpec.parse("rff:" + kind + ",M=48,bandwidth=median,seed=7,cache=" + cache);
    // Single process, one block holding every row (no partitioning at all).
    RowBlock all = DATA.generate(0, DATA.n());
    FeatureMap local = RandomFeatures.resolve(spec, List.of(all));
    FeatureMap onSpark = FeaturePartitions.resolve(spec, raw);
    assertEquals(local, onSpark, "the median bandwidth must not depend on the partitioning");
    PartitionedData mapped = FeaturePartitions.featurize(raw, onSpark, spec.cache() != org.stochopt.core.features.FeatureCachePolicy.Mode.NO);
    try {
      List<double[]> fromSpark = rows(mapped.collect());
      List<double[]> single = rows(List.of(local.apply(all)));
      assertEquals(single.size(), fromSpark.size());
      for (int i = 0; i < single.size(); i++) assertArrayEquals(single.get(i), fromSpark.get(i), 0.0, "row " + i);
    } finally {
      mapped.close();
    }
  }

  @Test
  void sparkOracleOnOnTheFlyFeaturesMatchesInProcessPrecomputedFeatures() {
    FeatureMap map = FeatureSpec.parse("rff:gaussian,M=60,bandwidth=1.2,seed=3").create(DATA.d(), 1.2);
    PartitionedData mapped = FeaturePartitions.featurize(raw, map, false);
    try {
      LinearObjective obj = new LinearObjective(new LogisticLoss(), 60);
      SparkGradientOracle spark = new SparkGradientOracle(sc, mapped, obj);
      InMemoryOracle local = new InMemoryOracle(obj,
          RandomFeatures.featurize(PartitionedData.layout(DATA.generate(0, DATA.n()), PARTITIONS), map, true));
      double[] w = new double[60];
      for (int j = 0; j < 60; j++) w[j] = Math.sin(j);
      double[] g1 = new double[60];
      double[] g2 = new double[60];
      assertEquals(local.evaluate(w, g1), spark.evaluate(w, g2), 1e-12);
      assertArrayEquals(g1, g2, 1e-12);
      SamplingPlan plan = new SamplingPlan(4, local.partitionSizes(), SamplingScheme.WITHOUT_REPLACEMENT);
      assertEquals(local.batchGradient(w, plan.draw(2, 50), g1), spark.batchGradient(w, plan.draw(2, 50), g2), 1e-12);
      assertArrayEquals(g1, g2, 1e-12);
      assertEquals(local.summary().fingerprint(), spark.summary().fingerprint());
    } finally {
      mapped.close();
    }
  }

  private static Dataset<Row> frame(LowNoiseData g) {
    SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    RowBlock b = g.generate(0, g.n());
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < b.rows(); r++) {
      double[] x = new double[b.dim()];
      FeatureMap.densify(b, r, x);
      rows.add(RowFactory.create(b.label(r) > 0 ? 1.0 : 0.0, Vectors.dense(x)));
    }
    StructType schema = new StructType().add("label", DataTypes.DoubleType).add("features", new VectorUDT());
    return spark.createDataFrame(rows, schema);
  }

  private static double accuracy(Dataset<Row> predictions) {
    return predictions.filter("prediction = label").count() / (double) predictions.count();
  }

  @Test
  void transformerInAPipelineTurnsLogisticRegressionIntoAKernelClassifier(@TempDir Path dir) throws Exception {
    Dataset<Row> train = frame(DATA.withRows(1200)).cache();
    Dataset<Row> test = frame(new LowNoiseData(600, DATA.d(), DATA.margin(), 0.0, 77)).cache();
    double sigma = RandomFeatureTransformer.medianBandwidth(train, "features", "gaussian", 1);
    RandomFeatureTransformer rff = new RandomFeatureTransformer()
        .setInputCol("features").setOutputCol("rff").setKind("gaussian").setNumFeatures(150).setBandwidth(sigma).setSeed(11);
    LogisticRegression onFeatures = new LogisticRegression().setFeaturesCol("rff").setRegParam(1e-4).setMaxIter(40);
    PipelineModel kernel = new Pipeline().setStages(new PipelineStage[] {rff, onFeatures}).fit(train);
    PipelineModel linear = new Pipeline().setStages(new PipelineStage[] {new LogisticRegression().setMaxIter(20)}).fit(train);
    double kernelAccuracy = accuracy(kernel.transform(test));
    double linearAccuracy = accuracy(linear.transform(test));
    // The XOR labels are invisible to a linear model on x but easy for a Gaussian kernel.
    assertTrue(kernelAccuracy > 0.93, "random features + logistic regression: accuracy " + kernelAccuracy);
    assertTrue(linearAccuracy < 0.7, "linear logistic regression: accuracy " + linearAccuracy);

    // The transformer computes exactly the core map.
    Row first = rff.transform(test).select("features", "rff").head();
    double[] x = ((Vector) first.get(0)).toArray();
    double[] z = new double[150];
    org.stochopt.core.features.FeatureKind.GAUSSIAN.create(DATA.d(), 150, sigma, 11).map(x, z);
    assertArrayEquals(z, ((Vector) first.get(1)).toArray(), 0.0);

    // Saved and loaded as part of a PipelineModel, it predicts the same.
    kernel.write().overwrite().save(dir.resolve("model").toString());
    PipelineModel loaded = PipelineModel.load(dir.resolve("model").toString());
    assertEquals(kernelAccuracy, accuracy(loaded.transform(test)), 0.0);
    RandomFeatureTransformer reloaded = (RandomFeatureTransformer) loaded.stages()[0];
    assertEquals(sigma, reloaded.getOrDefault(reloaded.bandwidth()));
    assertEquals(150, reloaded.getOrDefault(reloaded.numFeatures()));
  }

  @Test
  void transformerRejectsAMissingBandwidthAndAWrongColumn() {
    Dataset<Row> df = frame(new LowNoiseData(10, 2, 0.1, 0.0, 1));
    IllegalArgumentException noBandwidth = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new RandomFeatureTransformer().transform(df));
    assertTrue(noBandwidth.getMessage().contains("set bandwidth"), noBandwidth.getMessage());
    IllegalArgumentException wrongColumn = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new RandomFeatureTransformer().setBandwidth(1).setInputCol("label").transform(df));
    assertTrue(wrongColumn.getMessage().contains("must hold vectors"), wrongColumn.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new RandomFeatureTransformer().setNumFeatures(0));
  }
}
