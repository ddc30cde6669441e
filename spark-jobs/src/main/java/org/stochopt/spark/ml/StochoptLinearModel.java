package org.stochopt.spark.ml;

import java.util.List;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The fitted linear classifier: margin m = ⟨w, x⟩, rawPrediction (−m, m), probability
 * (1 − σ(m), σ(m)) — calibrated for the logistic loss, a monotone score otherwise — and prediction
 * 1 when the probability of class 1 exceeds the threshold (0.5 by default, i.e. m > 0).
 *
 * <p>Saved as MLlib models are: params as JSON metadata ({@code metadata/}) and the coefficients
 * as a one-row Parquet file ({@code data/}); doubles are stored exactly, so a loaded model predicts
 * bit-identically.
 */
public final class StochoptLinearModel extends ProbabilisticClassificationModel<Vector, StochoptLinearModel>
    implements MLWritable {
  private static final long serialVersionUID = 1L;

  private String uid;
  private final Vector coefficients;

  public StochoptLinearModel(String uid, Vector coefficients) {
    this(Uids.offer(uid), coefficients);
  }

  private StochoptLinearModel(Uids.Offered offered, Vector coefficients) {
    super();
    uid();
    this.coefficients = coefficients.toDense();
  }

  @Override
  public String uid() {
    if (uid == null) uid = Uids.claim();
    return uid;
  }

  public Vector coefficients() {
    return coefficients;
  }

  @Override
  public int numClasses() {
    return 2;
  }

  @Override
  public int numFeatures() {
    return coefficients.size();
  }

  /** The margin ⟨w, x⟩. */
  public double margin(Vector features) {
    if (features.size() != coefficients.size()) {
      throw new IllegalArgumentException(
          "feature vector of size " + features.size() + " but the model has " + coefficients.size() + " coefficients");
    }
    return features.dot(coefficients);
  }

  @Override
  public Vector predictRaw(Vector features) {
    double m = margin(features);
    return Vectors.dense(-m, m);
  }

  @Override
  public Vector raw2probabilityInPlace(Vector rawPrediction) {
    double[] v = ((DenseVector) rawPrediction).values();
    double m = v[1];
    // Overflow-safe logistic: σ(m) = 1/(1+e^(−m)) for m ≥ 0, e^m/(1+e^m) otherwise.
    double p1 = m >= 0 ? 1.0 / (1.0 + Math.exp(-m)) : Math.exp(m) / (1.0 + Math.exp(m));
    v[0] = 1.0 - p1;
    v[1] = p1;
    return rawPrediction;
  }

  /**
   * Spark declares this in two superclasses with different generic return types, which Java
   * cannot inherit both of; the raw override settles it. Only Spark's training summaries call it
   * (this model has none).
   */
  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public scala.Tuple3 findSummaryModel() {
    return new scala.Tuple3(this, getProbabilityCol(), getPredictionCol());
  }

  @Override
  public StochoptLinearModel copy(ParamMap extra) {
    StochoptLinearModel m = copyValues(new StochoptLinearModel(uid(), coefficients), extra);
    return m.setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  public static MLReader<StochoptLinearModel> read() {
    return new Reader();
  }

  public static StochoptLinearModel load(String path) {
    return read().load(path);
  }

  private static final StructType DATA_SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField("coefficients", SQLDataTypes.VectorType(), false)});

  private static final class Writer extends MLWriter {
    private final StochoptLinearModel model;

    Writer(StochoptLinearModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession());
      sparkSession().createDataFrame(List.of(RowFactory.create(model.coefficients)), DATA_SCHEMA)
          .repartition(1).write().parquet(new org.apache.hadoop.fs.Path(path, "data").toString());
    }
  }

  private static final class Reader extends MLReader<StochoptLinearModel> {
    @Override
    public StochoptLinearModel load(String path) {
      DefaultParamsReader.Metadata metadata =
          org.apache.spark.ml.util.DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(), StochoptLinearModel.class.getName());
      Row row = sparkSession().read().parquet(new org.apache.hadoop.fs.Path(path, "data").toString())
          .select("coefficients").head();
      StochoptLinearModel model = new StochoptLinearModel(metadata.uid(), (Vector) row.get(0));
      metadata.getAndSetParams(model, scala.Option.empty());
      return model;
    }
  }
}
