package org.stochopt.spark.job;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.stochopt.core.features.FeatureMap;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.datasets.Dataset;
import org.stochopt.datasets.io.LabelPolicy;
import org.stochopt.datasets.io.LibsvmOptions;
import org.stochopt.datasets.synth.LogisticTeacher;
import org.stochopt.datasets.synth.LowNoiseData;
import org.stochopt.datasets.synth.HashedTextData;
import org.stochopt.datasets.synth.SparseTextData;
import org.stochopt.spark.data.LibsvmRdd;
import org.stochopt.spark.data.PartitionedData;
import org.stochopt.spark.oracle.SparkGradientOracle;
import org.stochopt.spark.sql.SqlRows;
import org.stochopt.spark.sql.SqlSource;

/**
 * Training data bound to a backend, exposed as a gradient oracle. Both backends use the same
 * contiguous partition layout, so for the same {@code partitions} they sample the same rows.
 */
public final class TrainingData implements AutoCloseable {
  private final String name;
  private final GradientOracle oracle;
  private final PartitionedData sparkData;
  private final FeatureMap featureMap;
  private final int classes;

  private TrainingData(String name, GradientOracle oracle, PartitionedData sparkData) {
    this(name, oracle, sparkData, null, 0);
  }

  private TrainingData(String name, GradientOracle oracle, PartitionedData sparkData, FeatureMap featureMap) {
    this(name, oracle, sparkData, featureMap, 0);
  }

  private TrainingData(String name, GradientOracle oracle, PartitionedData sparkData, FeatureMap featureMap, int classes) {
    this.name = name;
    this.oracle = oracle;
    this.sparkData = sparkData;
    this.featureMap = featureMap;
    this.classes = classes;
  }

  /** Data already bound to an oracle; {@code featureMap} (nullable) maps raw rows to the model's inputs. */
  static TrainingData of(String name, GradientOracle oracle, PartitionedData sparkData, FeatureMap featureMap) {
    return new TrainingData(name, oracle, sparkData, featureMap);
  }

  public static LabelPolicy labelPolicy(Loss loss) {
    return loss.isClassification() ? LabelPolicy.BINARY : LabelPolicy.REAL;
  }

  /**
   * In-process with any {@code --loss}: for a multi-class loss the labels are checked to be class
   * indices, K is inferred (or checked against the K given) and the objective has d·K weights.
   */
  public static TrainingData inProcess(String spec, ModelLoss loss, int partitions) {
    if (!loss.isMulticlass()) return inProcess(spec, loss.margin(), partitions);
    refuseGenerated(spec, loss);
    Dataset ds = DataLoader.load(spec, loss.labelPolicy(), null, false);
    List<RowBlock> parts = PartitionedData.layout(ds.block(), partitions);
    ClassLabels labels = new ClassLabels();
    for (RowBlock b : parts) labels.add(b);
    int k = loss.classes(ds.name(), labels.maxLabel(ds.name(), loss.name()));
    return new TrainingData(ds.name(), new InMemoryOracle(loss.objective(ds.dim(), k), parts), null, null, k);
  }

  /** On Spark with any {@code --loss} (see {@link #inProcess(String, ModelLoss, int)}). */
  public static TrainingData onSpark(
      JavaSparkContext sc, String spec, ModelLoss loss, int partitions, SparkGradientOracle.Reduction reduction) {
    if (!loss.isMulticlass()) return onSpark(sc, spec, loss.margin(), partitions, reduction);
    refuseGenerated(spec, loss);
    PartitionedData data;
    String name;
    if (SqlSource.isSpec(spec)) { // before the .csv test: csv:PATH.csv is read on the executors
      data = SqlRows.read(SparkSession.active(), SqlSource.parse(spec), partitions, loss.labelPolicy());
      name = SqlSource.parse(spec).toSpec();
    } else if (DataLoader.isFashionMnist(spec) || spec.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
      Dataset ds = DataLoader.load(spec, loss.labelPolicy(), null, false);
      data = PartitionedData.fromBlocks(sc, PartitionedData.layout(ds.block(), partitions));
      name = ds.name();
    } else {
      data = LibsvmRdd.read(sc, spec, partitions, new LibsvmOptions(null, loss.labelPolicy()));
      name = spec;
    }
    try {
      ClassLabels labels = data.blocks().map(pb -> new ClassLabels().add(pb.block())).reduce(ClassLabels::merge);
      int k = loss.classes(name, labels.maxLabel(name, loss.name()));
      return new TrainingData(name, new SparkGradientOracle(sc, data, loss.objective(data.dimension(), k), reduction), data, null, k);
    } catch (RuntimeException e) {
      data.close();
      throw e;
    }
  }

  /** The generators make ±1 (or real) labels: say so before generating anything. */
  private static void refuseGenerated(String spec, ModelLoss loss) {
    if (DataLoader.isSynthetic(spec) || SparseTextData.isSpec(spec) || HashedTextData.isSpec(spec) || LowNoiseData.isSpec(spec)) {
      throw new IllegalArgumentException("--loss " + loss.name() + " needs class labels 0..K−1, but " + spec
          + " generates ±1 labels: use fmnist:all or a LIBSVM file with class labels, or --loss logistic");
    }
  }

  /** In-process: rows held in this JVM. */
  public static TrainingData inProcess(String spec, Loss loss, int partitions) {
    if (DataLoader.isSynthetic(spec)) {
      LogisticTeacher t = DataLoader.synthetic(spec);
      List<RowBlock> parts = DataLoader.syntheticPartitions(t, partitions);
      return new TrainingData(t.toSpec(), new InMemoryOracle(new LinearObjective(loss, t.d()), parts), null);
    }
    if (SparseTextData.isSpec(spec)) { // generated partition by partition, like synthetic:
      SparseTextData g = SparseTextData.parse(spec);
      // Rows are pure functions of (seed, row): partitions are generated in parallel, in order.
      List<RowBlock> parts = java.util.stream.IntStream.range(0, partitions).parallel()
          .mapToObj(p -> g.generate(PartitionedData.partitionStart(g.n(), partitions, p), PartitionedData.partitionStart(g.n(), partitions, p + 1)))
          .toList();
      return new TrainingData(g.toSpec(), new InMemoryOracle(new LinearObjective(loss, g.d()), parts), null);
    }
    if (HashedTextData.isSpec(spec)) { // rows are pure functions of (seed, row), as for sparse:
      HashedTextData g = HashedTextData.parse(spec);
      List<RowBlock> parts = java.util.stream.IntStream.range(0, partitions).parallel()
          .mapToObj(p -> g.generate(PartitionedData.partitionStart(g.n(), partitions, p), PartitionedData.partitionStart(g.n(), partitions, p + 1)))
          .toList();
      return new TrainingData(g.toSpec(), new InMemoryOracle(new LinearObjective(loss, g.d()), parts), null);
    }
    Dataset ds = DataLoader.load(spec, labelPolicy(loss), null, false);
    List<RowBlock> parts = PartitionedData.layout(ds.block(), partitions);
    return new TrainingData(ds.name(), new InMemoryOracle(new LinearObjective(loss, ds.dim()), parts), null);
  }

  /** On Spark: rows cached on executors; synthetic and LIBSVM data never pass through the driver. */
  public static TrainingData onSpark(JavaSparkContext sc, String spec, Loss loss, int partitions) {
    return onSpark(sc, spec, loss, partitions, SparkGradientOracle.Reduction.TREE);
  }

  /** On Spark with a given reduction of per-partition sums. */
  public static TrainingData onSpark(
      JavaSparkContext sc, String spec, Loss loss, int partitions, SparkGradientOracle.Reduction reduction) {
    PartitionedData data;
    String name;
    if (DataLoader.isSynthetic(spec)) {
      LogisticTeacher t = DataLoader.synthetic(spec);
      data = PartitionedData.generate(sc, t.n(), partitions, t.d(), t::generate);
      name = t.toSpec();
    } else if (SparseTextData.isSpec(spec)) {
      SparseTextData g = SparseTextData.parse(spec);
      data = PartitionedData.generate(sc, g.n(), partitions, g.d(), g::generate);
      name = g.toSpec();
    } else if (HashedTextData.isSpec(spec)) {
      HashedTextData g = HashedTextData.parse(spec);
      data = PartitionedData.generate(sc, g.n(), partitions, g.d(), g::generate);
      name = g.toSpec();
    } else if (LowNoiseData.isSpec(spec)) {
      LowNoiseData g = LowNoiseData.parse(spec);
      data = PartitionedData.generate(sc, g.n(), partitions, g.d(), g::generate);
      name = g.toSpec();
    } else if (SqlSource.isSpec(spec)) { // before the .csv test: csv:PATH.csv is read on the executors
      data = SqlRows.read(SparkSession.active(), SqlSource.parse(spec), partitions, labelPolicy(loss));
      name = SqlSource.parse(spec).toSpec();
    } else if (DataLoader.isFashionMnist(spec) || spec.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
      Dataset ds = DataLoader.load(spec, labelPolicy(loss), null, false);
      data = PartitionedData.fromBlocks(sc, PartitionedData.layout(ds.block(), partitions));
      name = ds.name();
    } else {
      data = LibsvmRdd.read(sc, spec, partitions, new LibsvmOptions(null, labelPolicy(loss)));
      name = spec;
    }
    return new TrainingData(name, new SparkGradientOracle(sc, data, new LinearObjective(loss, data.dimension()), reduction), data);
  }

  /** The cached Spark partitions, or null in-process. */
  public PartitionedData sparkData() {
    return sparkData;
  }

  /** The random-feature map the oracle's rows went through, or null for raw features. */
  public FeatureMap featureMap() {
    return featureMap;
  }

  public String name() {
    return name;
  }

  /** K for a multi-class loss, 0 for a margin loss (one weight per feature). */
  public int classes() {
    return classes;
  }

  public GradientOracle oracle() {
    return oracle;
  }

  public int dimension() {
    return oracle.dimension();
  }

  /**
   * The same in-process rows in one partition (concatenated in partition order, O(nnz)), for
   * auto's cocoa ({@link org.stochopt.core.method.MethodRun#autoPicksCocoa}); this data is left as it was.
   */
  public TrainingData inOnePartition() {
    if (!(oracle instanceof InMemoryOracle mem) || sparkData != null || featureMap != null || classes > 0) {
      throw new IllegalStateException("only plain in-process data can be put in one partition");
    }
    org.stochopt.core.linalg.RowBlockBuilder b = new org.stochopt.core.linalg.RowBlockBuilder();
    int d = mem.dimension();
    int widest = 1; // sized by the rows, not by d (which may be huge: the driver-memory check comes later)
    for (RowBlock part : mem.partitions()) {
      for (int r = 0; r < part.rows(); r++) {
        int[] count = {0};
        part.forEachEntry(r, (j, v) -> count[0]++);
        widest = Math.max(widest, count[0]);
      }
    }
    int[] idx = new int[widest];
    double[] val = new double[widest];
    for (RowBlock part : mem.partitions()) {
      for (int r = 0; r < part.rows(); r++) {
        int[] count = {0};
        part.forEachEntry(r, (j, v) -> {
          idx[count[0]] = j;
          val[count[0]++] = v;
        });
        b.addRow(part.label(r), idx, val, count[0]);
      }
    }
    return new TrainingData(name, new InMemoryOracle(mem.objective(), List.of(b.buildSparse(d, 0)), mem.threads()), null);
  }

  @Override
  public void close() {
    oracle.close(); // releases feature shards; a no-op for the row-partitioned oracles
    if (sparkData != null) sparkData.close();
  }
}
