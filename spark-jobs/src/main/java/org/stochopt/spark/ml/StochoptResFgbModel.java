package org.stochopt.spark.ml;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.stochopt.core.resfgb.ResFgbModel;
import org.stochopt.core.resfgb.ResFgbModelFile;

/**
 * A fitted ResFGB network in Spark ML: rawPrediction = the head's K class scores on φ(x) (every
 * block applied in order), probability = their softmax, prediction = the argmax. Saved as MLlib
 * models are (params as JSON {@code metadata/}), with the network in {@code data/model.bin} in
 * the {@link ResFgbModelFile} format, so a file of another version is refused in one line.
 */
public final class StochoptResFgbModel extends ProbabilisticClassificationModel<Vector, StochoptResFgbModel> implements MLWritable {
  private static final long serialVersionUID = 1L;

  private String uid;
  private final ResFgbModel network;

  public StochoptResFgbModel(String uid, ResFgbModel network) {
    this(Uids.offer(uid), network);
  }

  private StochoptResFgbModel(Uids.Offered offered, ResFgbModel network) {
    super();
    uid();
    this.network = network;
  }

  @Override
  public String uid() {
    if (uid == null) uid = Uids.claim();
    return uid;
  }

  public ResFgbModel network() {
    return network;
  }

  @Override
  public int numClasses() {
    return network.classes();
  }

  @Override
  public int numFeatures() {
    return network.features();
  }

  @Override
  public Vector predictRaw(Vector features) {
    ResFgbModelFile.checkFeatures(network, features.size(), "the feature vector");
    return Vectors.dense(network.margins(features.toArray(), 1));
  }

  @Override
  public Vector raw2probabilityInPlace(Vector rawPrediction) {
    double[] v = ((DenseVector) rawPrediction).values();
    double m = Double.NEGATIVE_INFINITY;
    for (double a : v) m = Math.max(m, a);
    double s = 0;
    for (int k = 0; k < v.length; k++) {
      v[k] = Math.exp(v[k] - m);
      s += v[k];
    }
    for (int k = 0; k < v.length; k++) v[k] /= s;
    return rawPrediction;
  }

  /** See {@link StochoptLinearModel#findSummaryModel()}: settles two inherited signatures. */
  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public scala.Tuple3 findSummaryModel() {
    return new scala.Tuple3(this, getProbabilityCol(), getPredictionCol());
  }

  @Override
  public StochoptResFgbModel copy(ParamMap extra) {
    StochoptResFgbModel m = copyValues(new StochoptResFgbModel(uid(), network), extra);
    return m.setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  public static MLReader<StochoptResFgbModel> read() {
    return new Reader();
  }

  public static StochoptResFgbModel load(String path) {
    return read().load(path);
  }

  private static final class Writer extends MLWriter {
    private final StochoptResFgbModel model;

    Writer(StochoptResFgbModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession());
      Path file = new Path(new Path(path, "data"), "model.bin");
      try {
        FileSystem fs = file.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(fs.create(file, true)))) {
          ResFgbModelFile.write(model.network, out);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
    }
  }

  private static final class Reader extends MLReader<StochoptResFgbModel> {
    @Override
    public StochoptResFgbModel load(String path) {
      DefaultParamsReader.Metadata metadata =
          org.apache.spark.ml.util.DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(), StochoptResFgbModel.class.getName());
      Path file = new Path(new Path(path, "data"), "model.bin");
      ResFgbModel network;
      try {
        FileSystem fs = file.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(fs.open(file)))) {
          network = ResFgbModelFile.read(in, file.toString());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      StochoptResFgbModel model = new StochoptResFgbModel(metadata.uid(), network);
      metadata.getAndSetParams(model, scala.Option.empty());
      return model;
    }
  }
}
