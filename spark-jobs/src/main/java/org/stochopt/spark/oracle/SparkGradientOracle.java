package org.stochopt.spark.oracle;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.stochopt.core.objective.FiniteSumObjective;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.oracle.DataSummary;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.oracle.OracleStats;
import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.RowSelection;
import org.stochopt.spark.data.PartitionedData;

/**
 * The gradient oracle on Spark. Every call is one round, one Spark job: ship the iterate (and
 * anchor), fold each cached partition into a {@link GradientSum} with the same objective code the
 * in-process oracle runs, reduce the sums to the driver. Minibatches travel as a few counts and a
 * seed; each partition draws its own rows from them.
 *
 * <p>How the per-partition sums reach the driver is the {@link Reduction}. With one reduction level
 * (few partitions, see {@link #aggregationDepth}) both modes run the job through
 * {@link PartitionJob} and merge the P sums on the driver in partition order: bit-identical to the
 * in-process oracle and to any re-execution after a lost task or executor. With two levels,
 * {@code TREE} uses Spark's {@code treeAggregate} (scalable; its driver-side fold merges in arrival
 * order, so sums can differ in the last bits from run to run) while {@code ORDERED} still collects
 * all P sums (P vectors of d doubles at the driver per round).
 *
 * <p>Round latency is the wall time of the call; compute is the slowest partition's
 * accumulation time, carried inside the {@link GradientSum}; the difference is overhead
 * (scheduling, serialization, task launch, result transfer); docs/performance.md breaks it down.
 */
public final class SparkGradientOracle implements GradientOracle {
  /**
   * Tree depth of the reduction: 1 (every partition's sum straight to the driver) unless there are
   * so many partitions, or such long vectors, that the driver's merge would be the bottleneck —
   * then 2 (n → √n → 1, what Spark's own ML algorithms use). A second level is a shuffle stage:
   * measured in local[2] with 8 partitions and d = 100 it made a round 36.7 ms instead of ~14 ms.
   */
  static int aggregationDepth(int partitions, int d) {
    return partitions <= 64 && (long) partitions * d <= 8_000_000L ? 1 : 2;
  }

  /** How per-partition sums are combined on their way to the driver. */
  public enum Reduction {
    /**
     * In partition order while one reduction level suffices; beyond that treeAggregate (depth 2):
     * scalable, but the merge order (and so the last bits) may vary.
     */
    TREE,
    /** always collect the P sums and merge them on the driver in partition order: bit-reproducible. */
    ORDERED;

    public static Reduction parse(String s) {
      return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "tree" -> TREE;
        case "ordered" -> ORDERED;
        default -> throw new IllegalArgumentException("unknown --reduce '" + s + "' (expected tree or ordered)");
      };
    }
  }

  private final JavaSparkContext sc;
  private final Reduction reduction;
  private final PartitionedData data;
  private final FiniteSumObjective objective;
  private final int[] sizes;
  private final long n;
  private final int depth;
  private final RepeatedVector anchors;
  private OracleStats stats = OracleStats.ZERO;
  private DataSummary summary;
  private double[] masses;

  public SparkGradientOracle(JavaSparkContext sc, PartitionedData data, FiniteSumObjective objective) {
    this(sc, data, objective, Reduction.TREE);
  }

  public SparkGradientOracle(
      JavaSparkContext sc, PartitionedData data, FiniteSumObjective objective, Reduction reduction) {
    if (data.dimension() != objective.featureDimension()) {
      throw new IllegalArgumentException(
          "data has dimension " + data.dimension() + " but the model has dimension " + objective.featureDimension());
    }
    this.sc = sc;
    this.reduction = reduction;
    this.data = data;
    this.objective = objective;
    this.sizes = data.partitionSizes();
    this.n = data.rows();
    this.depth = aggregationDepth(sizes.length, objective.dimension());
    this.anchors = new RepeatedVector(sc);
    if (n == 0) throw new IllegalArgumentException("the data set has no rows");
  }

  @Override
  public int dimension() {
    return objective.dimension();
  }

  @Override
  public long size() {
    return n;
  }

  @Override
  public int[] partitionSizes() {
    return sizes.clone();
  }

  @Override
  public double fullGradient(double[] w, double[] gOut) {
    long t0 = System.nanoTime();
    GradientSum total = full(w);
    double f = total.meanInto(n, gOut);
    record(n, t0, total);
    return f;
  }

  @Override
  public double evaluate(double[] w, double[] gOut) {
    return full(w).meanInto(n, gOut);
  }

  private GradientSum full(double[] w) {
    ShippedVector bw = ShippedVector.of(sc, w);
    FiniteSumObjective obj = objective;
    try {
      return aggregate((acc, pb) -> obj.accumulate(bw.value(), pb.block(), acc));
    } finally {
      bw.release();
    }
  }

  @Override
  public double batchGradient(double[] w, Minibatch batch, double[] gOut) {
    long t0 = System.nanoTime();
    ShippedVector bw = ShippedVector.of(sc, w);
    FiniteSumObjective obj = objective;
    GradientSum total;
    try {
      total = aggregate((acc, pb) -> {
        RowSelection sel = batch.select(pb.partition(), pb.block());
        obj.accumulateRows(bw.value(), pb.block(), sel.rows(), sel.weights(), acc);
      });
    } finally {
      bw.release();
    }
    double f = total.meanInto(batch.size(), gOut);
    record(batch.size(), t0, total);
    return f;
  }

  @Override
  public void batchGradientDifference(double[] w, double[] anchor, Minibatch batch, double[] dOut) {
    long t0 = System.nanoTime();
    ShippedVector bw = ShippedVector.of(sc, w);
    ShippedVector ba = anchors.ship(anchor); // the same anchor for a whole epoch: broadcast once
    FiniteSumObjective obj = objective;
    GradientSum total;
    try {
      total = aggregate((acc, pb) -> {
        RowSelection sel = batch.select(pb.partition(), pb.block());
        obj.accumulateDifference(bw.value(), ba.value(), pb.block(), sel.rows(), sel.weights(), acc);
      });
    } finally {
      bw.release();
      ba.release();
    }
    total.meanInto(batch.size(), dOut);
    record(2L * batch.size(), t0, total);
  }

  @Override
  public void curvatureProduct(double[] v, double[] out) {
    ShippedVector bv = ShippedVector.of(sc, v);
    FiniteSumObjective obj = objective;
    try {
      aggregate((acc, pb) -> obj.accumulateCurvatureProduct(bv.value(), pb.block(), acc)).meanInto(n, out);
    } finally {
      bv.release();
    }
  }

  public Reduction reduction() {
    return reduction;
  }

  /**
   * One round: fold every cached partition into a zero {@link GradientSum}, then reduce to the
   * driver. With one reduction level (and always for {@code ORDERED}) the P sums come back through
   * {@link PartitionJob} and are merged in partition order; beyond that, {@code treeAggregate}.
   */
  private GradientSum aggregate(BlockStep step) {
    if (reduction == Reduction.ORDERED || depth == 1) {
      int d = dimension();
      List<GradientSum> parts = PartitionJob.run(data.blocks(), it -> {
        GradientSum acc = new GradientSum(d);
        while (it.hasNext()) step.accumulate(acc, it.next());
        return acc;
      }, GradientSum.class);
      GradientSum total = new GradientSum(d);
      // Same merge sequence as InMemoryOracle: partitions in order, empty ones skipped.
      for (GradientSum part : parts) if (part.count() > 0) total.merge(part);
      return total;
    }
    return data.blocks().treeAggregate(
        new GradientSum(dimension()),
        (acc, pb) -> {
          step.accumulate(acc, pb);
          return acc;
        },
        GradientSum::merge,
        depth);
  }

  /** What one partition adds to the round's sum (runs inside a Spark task). */
  @FunctionalInterface
  private interface BlockStep extends java.io.Serializable {
    void accumulate(GradientSum acc, org.stochopt.spark.data.PartitionBlock pb);
  }

  @Override
  public void localRound(org.stochopt.core.oracle.LocalWork work, double[] out) {
    work.checkOutput(out);
    long t0 = System.nanoTime();
    FiniteSumObjective f = objective;
    // The work carries the driver's vectors: small ones ride in the closure, large ones in one broadcast.
    org.apache.spark.broadcast.Broadcast<org.stochopt.core.oracle.LocalWork> shipped =
        work.outputLength() > ShippedVector.CLOSURE_LIMIT ? sc.broadcast(work) : null;
    org.stochopt.core.oracle.LocalWork captured = shipped == null ? work : null;
    java.util.List<double[]> parts;
    try {
      // [partition, compute nanos, u_1..u_k]; collect keeps partition order.
      parts = everyBlock(pb -> {
        long tp = System.nanoTime();
        org.stochopt.core.oracle.LocalWork local = captured != null ? captured : shipped.value();
        double[] u = local.run(f, pb.block(), pb.partition());
        double[] r = new double[u.length + 2];
        r[0] = pb.partition();
        r[1] = System.nanoTime() - tp;
        System.arraycopy(u, 0, r, 2, u.length);
        return r;
      }, double[].class);
    } finally {
      if (shipped != null) shipped.destroy();
    }
    double[][] byPartition = new double[sizes.length][];
    long compute = 0;
    for (double[] r : parts) {
      byPartition[(int) r[0]] = r;
      compute = Math.max(compute, (long) r[1]);
    }
    java.util.Arrays.fill(out, 0.0);
    for (int p = 0; p < sizes.length; p++) {
      double weight = (double) sizes[p] / n;
      double[] r = byPartition[p];
      if (r == null) continue; // a partition without a block holds no rows (weight 0)
      for (int j = 0; j < out.length; j++) out[j] += weight * r[j + 2];
    }
    long elapsed = System.nanoTime() - t0;
    stats = stats.plusRound(sizes.length * work.gradientsPerPartition(), elapsed, Math.min(elapsed, compute));
  }


  @Override
  public double[] partitionMasses() {
    if (masses == null) {
      // Summed in row order inside each partition, exactly as InMemoryOracle does.
      List<double[]> parts = everyBlock(pb -> {
        double m = 0.0;
        for (int r = 0; r < pb.block().rows(); r++) m += pb.block().squaredNorm(r);
        return new double[] {pb.partition(), m};
      }, double[].class);
      double[] out = new double[sizes.length];
      for (double[] pm : parts) out[(int) pm[0]] = pm[1];
      masses = out;
    }
    return masses.clone();
  }

  /** f of every cached block, in partition order (a partition may hold no block, or in principle several). */
  private <U> List<U> everyBlock(BlockFunction<U> f, Class<U> type) {
    List<List<U>> perPartition = PartitionJob.run(data.blocks(), it -> {
      ArrayList<U> out = new ArrayList<>(1);
      while (it.hasNext()) out.add(f.apply(it.next()));
      return out;
    }, (Class<List<U>>) (Class<?>) List.class);
    List<U> out = new ArrayList<>(perPartition.size());
    for (List<U> part : perPartition) out.addAll(part);
    return out;
  }

  /** A per-block computation (runs inside a Spark task). */
  @FunctionalInterface
  private interface BlockFunction<U> extends java.io.Serializable {
    U apply(org.stochopt.spark.data.PartitionBlock pb);
  }

  @Override
  public DataSummary summary() {
    if (summary == null && (reduction == Reduction.ORDERED || depth == 1)) {
      DataSummary s = new DataSummary();
      for (DataSummary part : everyBlock(pb -> DataSummary.of(pb.block()), DataSummary.class)) s.merge(part);
      summary = s;
    }
    if (summary == null) {
      summary = data.blocks().treeAggregate(
          new DataSummary(), (acc, pb) -> acc.merge(DataSummary.of(pb.block())), DataSummary::merge, depth);
    }
    return summary;
  }

  /** Releases the kept anchor broadcast (the cached data belongs to the caller's {@link PartitionedData}). */
  @Override
  public void close() {
    anchors.close();
  }

  @Override
  public OracleStats stats() {
    return stats;
  }

  private void record(long gradients, long t0, GradientSum total) {
    long elapsed = System.nanoTime() - t0;
    stats = stats.plusRound(gradients, elapsed, Math.min(elapsed, total.computeNanos()));
  }
}
