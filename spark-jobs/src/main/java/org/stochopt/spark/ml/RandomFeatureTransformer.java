package org.stochopt.spark.ml;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.stochopt.core.features.FeatureKind;
import org.stochopt.core.features.FeatureMap;
import org.stochopt.core.features.MedianHeuristic;

/**
 * A random-feature map as a Spark ML {@link Transformer}: {@code inputCol} (a vector of dimension
 * d) ↦ {@code outputCol} = z(x) ∈ ℝ^M, so ⟨z(x), z(y)⟩ ≈ k(x, y) and any linear classifier after it
 * in a Pipeline becomes a kernel classifier. Params: {@code kind} (gaussian, laplacian, orthogonal,
 * sorf), {@code numFeatures} M, {@code bandwidth} σ (required: a Transformer does not see the
 * training set, so use {@link #medianBandwidth} on it to apply the median heuristic), {@code seed}.
 *
 * <p>The map is never shipped: the UDF carries the parameters and each executor regenerates the
 * same map from the seed (see {@code org.stochopt.core.features}). Saved and loaded with
 * {@link DefaultParamsWritable}, as part of a PipelineModel too.
 */
public final class RandomFeatureTransformer extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final Param<String> kind;
  private final IntParam numFeatures;
  private final DoubleParam bandwidth;
  private final LongParam seed;

  public RandomFeatureTransformer() {
    this(Identifiable$.MODULE$.randomUID("rff"));
  }

  public RandomFeatureTransformer(String uid) {
    this.uid = uid;
    List<String> kinds = Arrays.stream(FeatureKind.values()).map(FeatureKind::specName).toList();
    inputCol = new Param<>(this, "inputCol", "input vector column");
    outputCol = new Param<>(this, "outputCol", "output column of M random features");
    kind = new Param<>(this, "kind", "feature kind: " + String.join(", ", kinds), ParamValidators.inArray(kinds));
    numFeatures = new IntParam(this, "numFeatures", "number of random features M (> 0)", ParamValidators.gt(0));
    bandwidth = new DoubleParam(this, "bandwidth", "kernel bandwidth σ (> 0)", ParamValidators.gt(0));
    seed = new LongParam(this, "seed", "seed of the feature map");
    setDefault(inputCol, "features");
    setDefault(outputCol, "rffFeatures");
    setDefault(kind, "gaussian");
    setDefault(numFeatures, 1000);
    setDefault(seed, 1L);
  }

  @Override
  public String uid() {
    return uid;
  }

  // Spark discovers params through public no-argument methods returning a Param.
  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public Param<String> kind() {
    return kind;
  }

  public IntParam numFeatures() {
    return numFeatures;
  }

  public DoubleParam bandwidth() {
    return bandwidth;
  }

  public LongParam seed() {
    return seed;
  }

  public RandomFeatureTransformer setInputCol(String v) {
    set(inputCol, v);
    return this;
  }

  public RandomFeatureTransformer setOutputCol(String v) {
    set(outputCol, v);
    return this;
  }

  public RandomFeatureTransformer setKind(String v) {
    set(kind, v.toLowerCase(java.util.Locale.ROOT));
    return this;
  }

  public RandomFeatureTransformer setNumFeatures(int v) {
    set(numFeatures, v);
    return this;
  }

  public RandomFeatureTransformer setBandwidth(double v) {
    set(bandwidth, v);
    return this;
  }

  public RandomFeatureTransformer setSeed(long v) {
    set(seed, v);
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String in = getOrDefault(inputCol);
    String out = getOrDefault(outputCol);
    if (!Arrays.asList(schema.fieldNames()).contains(in)) {
      throw new IllegalArgumentException("RandomFeatureTransformer: input column '" + in + "' does not exist (columns: "
          + String.join(", ", schema.fieldNames()) + ")");
    }
    if (!(schema.apply(in).dataType() instanceof VectorUDT)) {
      throw new IllegalArgumentException("RandomFeatureTransformer: input column '" + in + "' must hold vectors, not "
          + schema.apply(in).dataType().simpleString());
    }
    if (Arrays.asList(schema.fieldNames()).contains(out)) {
      throw new IllegalArgumentException("RandomFeatureTransformer: output column '" + out + "' already exists");
    }
    if (!isDefined(bandwidth)) {
      throw new IllegalArgumentException("RandomFeatureTransformer: set bandwidth (RandomFeatureTransformer.medianBandwidth "
          + "computes the median heuristic on the training data)");
    }
    return schema.add(new StructField(out, new VectorUDT(), false, org.apache.spark.sql.types.Metadata.empty()));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    VectorMapper mapper = new VectorMapper(FeatureKind.parse(getOrDefault(kind)), (Integer) getOrDefault(numFeatures),
        (Double) getOrDefault(bandwidth), (Long) getOrDefault(seed));
    UserDefinedFunction f = functions.udf((UDF1<Vector, Vector>) mapper::apply, new VectorUDT());
    return dataset.withColumn(getOrDefault(outputCol), f.apply(dataset.col(getOrDefault(inputCol))));
  }

  @Override
  public RandomFeatureTransformer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<RandomFeatureTransformer> read() {
    return new DefaultParamsReader<>();
  }

  public static RandomFeatureTransformer load(String path) throws IOException {
    return read().load(path);
  }

  /**
   * The median heuristic on a training DataFrame: the median pairwise distance (L1 for the
   * Laplacian kind, L2 otherwise) among about {@value MedianHeuristic#SAMPLE_ROWS} rows sampled
   * with {@code seed}.
   */
  public static double medianBandwidth(Dataset<?> train, String column, String kind, long seed) {
    long n = train.count();
    double fraction = Math.min(1.0, 2.0 * MedianHeuristic.SAMPLE_ROWS / Math.max(1, n));
    List<Row> rows = train.select(column).sample(false, fraction, seed).limit(MedianHeuristic.SAMPLE_ROWS).collectAsList();
    List<double[]> xs = rows.stream().map(r -> ((Vector) r.get(0)).toArray()).toList();
    return MedianHeuristic.bandwidth(xs, FeatureKind.parse(kind));
  }

  /** The UDF body: parameters only; the map for the vectors' dimension is built on first use per executor. */
  static final class VectorMapper implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final FeatureKind kind;
    private final int m;
    private final double sigma;
    private final long seed;
    private transient volatile FeatureMap map;

    VectorMapper(FeatureKind kind, int m, double sigma, long seed) {
      this.kind = kind;
      this.m = m;
      this.sigma = sigma;
      this.seed = seed;
    }

    Vector apply(Vector v) {
      if (v == null) return null;
      FeatureMap f = map;
      if (f == null || f.inputDim() != v.size()) {
        f = kind.create(v.size(), m, sigma, seed);
        map = f;
      }
      double[] z = new double[m];
      f.map(v.toArray(), z);
      return Vectors.dense(z);
    }
  }
}
