package org.stochopt.core.oracle;

import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.objective.FiniteSumObjective;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.core.runtime.RepeatedVector;
import org.stochopt.core.runtime.Round;
import org.stochopt.core.runtime.Shipped;
import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.RowSelection;

/**
 * The gradient oracle of a row-partitioned data set, written once for every backend: each call is
 * one {@link PartitionRunner} call whose task folds one partition's rows into a
 * {@link GradientSum} with the objective's own kernels; the P sums are merged in partition order
 * (or through the runner's tree, when it is configured for one) and divided on the driver.
 * In-process ({@link InMemoryOracle}) and on Spark ({@code SparkGradientOracle}) only the runner
 * differs, so both backends perform the same additions in the same order.
 *
 * <p>What travels per call: the iterate (and the anchor, shared once per epoch through a
 * {@link RepeatedVector}), a {@link Minibatch} (counts and a seed: each partition draws its own
 * rows), or a {@link LocalWork}. Empty selections contribute nothing (a partition with no batch
 * rows returns no sum), so an empty partition never perturbs the merge.
 *
 * <p>Timing: a round is the wall time of the call; compute is that too in-process (no
 * communication), and on a cluster the slowest partition's accumulation time.
 */
public class PartitionedOracle implements GradientOracle {
  private final FiniteSumObjective objective;
  private final PartitionRunner<RowBlock> runner;
  private final int[] sizes;
  private final long n;
  private final RepeatedVector anchors;
  private final java.util.List<PartitionRunner<?>> derived = new java.util.ArrayList<>();
  private OracleStats stats = OracleStats.ZERO;
  private DataSummary summary;
  private double[] masses;
  private SparseBatchRows sparseRows;
  private boolean sparseChecked;
  /** A full pass's sum and its point, from {@link #rememberFullPass} (null: none). */
  private double[] rememberedAt;
  private GradientSum remembered;

  /**
   * @param sizes rows per partition, in partition order (known from the layout; not recomputed)
   */
  protected PartitionedOracle(FiniteSumObjective objective, PartitionRunner<RowBlock> runner, int[] sizes) {
    if (sizes.length != runner.partitions()) {
      throw new IllegalArgumentException(sizes.length + " partition sizes for " + runner.partitions() + " partitions");
    }
    long total = 0;
    for (int s : sizes) total += s;
    if (total == 0) throw new IllegalArgumentException("the data set has no rows");
    this.objective = objective;
    this.runner = runner;
    this.sizes = sizes.clone();
    this.n = total;
    this.anchors = new RepeatedVector(runner);
  }

  /**
   * An oracle over blocks someone else owns and keeps (models that transform their rows between
   * fits, such as ResFGB's features): do not {@link #close} it, close the runner instead.
   */
  public static PartitionedOracle over(FiniteSumObjective objective, PartitionRunner<RowBlock> runner, int[] sizes) {
    return new PartitionedOracle(objective, runner, sizes);
  }

  /** The runner the oracle's calls go through. */
  public PartitionRunner<RowBlock> runner() {
    return runner;
  }

  public FiniteSumObjective objective() {
    return objective;
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
    record(n, t0, total.computeNanos());
    return f;
  }

  @Override
  public double evaluate(double[] w, double[] gOut) {
    if (rememberedAt != null && java.util.Arrays.equals(rememberedAt, w)) return remembered.meanInto(n, gOut);
    // A miss drops it: nothing stale survives an evaluation elsewhere. A hit keeps it for the next
    // evaluation at the same point (the trace's start and the first round's point are both w₀).
    rememberedAt = null;
    remembered = null;
    return full(w).meanInto(n, gOut);
  }

  /**
   * Keeps the full pass's sum at w that a method computed along with its own work (CoCoA+'s round reads
   * every row at its point w for the certificate anyway), for an {@link #evaluate} at exactly this w,
   * which then reads no rows. The sum must be the one {@link #evaluate} would compute: the objective's
   * {@code accumulate} per partition, merged in partition order. Replaces the previous one; it serves
   * every {@link #evaluate} at exactly this w until an evaluation elsewhere drops it. The caller
   * keeps the rows unchanged meanwhile (CoCoA+, the one caller, never changes them).
   */
  public void rememberFullPass(double[] w, GradientSum sum) {
    if (sum.gradient().length != objective.dimension() || w.length != objective.dimension()) {
      throw new IllegalArgumentException("a full pass of dimension " + sum.gradient().length + " at a point of " + w.length
          + " for an objective of " + objective.dimension());
    }
    rememberedAt = w.clone();
    remembered = sum;
  }

  private GradientSum full(double[] w) {
    FiniteSumObjective obj = objective;
    Shipped<double[]> sw = shipVector(w);
    try {
      return sum((p, block) -> {
        GradientSum acc = new GradientSum(obj.dimension());
        obj.accumulate(sw.value(), block, acc);
        return acc;
      }, true);
    } finally {
      sw.release();
    }
  }

  @Override
  public double batchGradient(double[] w, Minibatch batch, double[] gOut) {
    long t0 = System.nanoTime();
    FiniteSumObjective obj = objective;
    Shipped<double[]> sw = shipVector(w);
    GradientSum total;
    try {
      total = sum((p, block) -> {
        if (batch.countFor(p) == 0) return null;
        GradientSum acc = new GradientSum(obj.dimension());
        RowSelection sel = batch.select(p, block);
        obj.accumulateRows(sw.value(), block, sel.rows(), sel.weights(), acc);
        return acc;
      }, batch.size() >= PARALLEL_BATCH);
    } finally {
      sw.release();
    }
    double f = total.meanInto(batch.size(), gOut);
    record(batch.size(), t0, total.computeNanos());
    return f;
  }

  @Override
  public void batchGradientDifference(double[] w, double[] anchor, Minibatch batch, double[] dOut) {
    long t0 = System.nanoTime();
    FiniteSumObjective obj = objective;
    Shipped<double[]> sw = shipVector(w);
    Shipped<double[]> sa = anchors.ship(anchor); // the same anchor for a whole epoch: shared once
    GradientSum total;
    try {
      total = sum((p, block) -> {
        if (batch.countFor(p) == 0) return null;
        GradientSum acc = new GradientSum(obj.dimension());
        RowSelection sel = batch.select(p, block);
        obj.accumulateDifference(sw.value(), sa.value(), block, sel.rows(), sel.weights(), acc);
        return acc;
      }, batch.size() >= PARALLEL_BATCH);
    } finally {
      sw.release();
      sa.release();
    }
    total.meanInto(batch.size(), dOut);
    record(2L * batch.size(), t0, total.computeNanos());
  }

  @Override
  public void curvatureProduct(double[] v, double[] out) {
    FiniteSumObjective obj = objective;
    Shipped<double[]> sv = shipVector(v);
    try {
      sum((p, block) -> {
        GradientSum acc = new GradientSum(obj.dimension());
        obj.accumulateCurvatureProduct(sv.value(), block, acc);
        return acc;
      }, true).meanInto(n, out);
    } finally {
      sv.release();
    }
  }

  @Override
  public void localRound(LocalWork work, double[] out) {
    work.checkOutput(out);
    long t0 = System.nanoTime();
    FiniteSumObjective obj = objective;
    // The work carries the driver's vectors: small ones ride in the task, large ones in one broadcast.
    Shipped<LocalWork> shipped = runner.ship(work, 8L * work.outputLength());
    Round<double[]> round;
    try {
      round = runner.map((p, block) -> shipped.value().run(obj, block, p), true);
    } finally {
      shipped.release();
    }
    java.util.Arrays.fill(out, 0.0);
    for (int p = 0; p < sizes.length; p++) {
      double[] r = round.results().get(p);
      if (r == null) continue; // a partition without a block holds no rows (weight 0)
      double weight = (double) sizes[p] / n;
      for (int j = 0; j < out.length; j++) out[j] += weight * r[j];
    }
    record(sizes.length * work.gradientsPerPartition(), t0, round.slowestTaskNanos());
  }

  @Override
  public double[] partitionMasses() {
    if (masses == null) {
      // Summed in row order inside each partition.
      Round<Double> round = runner.map((p, block) -> {
        double m = 0.0;
        for (int r = 0; r < block.rows(); r++) m += block.squaredNorm(r);
        return m;
      }, true);
      double[] out = new double[sizes.length];
      for (int p = 0; p < out.length; p++) if (round.results().get(p) != null) out[p] = round.results().get(p);
      masses = out;
    }
    return masses.clone();
  }

  /**
   * The sparse minibatch rounds ({@link SparseBatchRows}) when every block is CSR, else null; the
   * check is one uncounted pass, made on the first call.
   */
  @Override
  public SparseBatchRows sparseBatchRows() {
    if (!sparseChecked) {
      sparseRows = SparseBatchRows.of(this, objective, runner);
      sparseChecked = true;
    }
    return sparseRows;
  }

  @Override
  public DataSummary summary() {
    if (summary == null) {
      summary = runner.aggregate((p, block) -> DataSummary.of(block), DataSummary::new, DataSummary::merge, true);
    }
    return summary;
  }

  @Override
  public OracleStats stats() {
    return stats;
  }

  /**
   * A runner whose block p is {@code make(p, rows_p)}, next to this oracle's rows (the blocks refer to
   * the rows, they do not copy them): for a method that keeps per-row state in the partitions from
   * round to round (CoCoA+'s dual variables). It is closed with this oracle.
   */
  public <C> PartitionRunner<C> derive(org.stochopt.core.runtime.PartitionTask<RowBlock, C> make) {
    PartitionRunner<C> r = runner.derive(make);
    derived.add(r);
    return r;
  }

  /** Releases the kept anchor share, derived runners and the runner's cached blocks. */
  @Override
  public void close() {
    for (PartitionRunner<?> r : derived) r.close();
    derived.clear();
    anchors.close();
    runner.close();
  }

  /** Smallest minibatch whose partitions are worth spreading over threads in-process. */
  static final int PARALLEL_BATCH = 4096;

  private Shipped<double[]> shipVector(double[] v) {
    return runner.ship(v, 8L * v.length);
  }

  private GradientSum sum(org.stochopt.core.runtime.PartitionTask<RowBlock, GradientSum> task, boolean large) {
    int d = objective.dimension();
    return runner.aggregate(task, () -> new GradientSum(d), PartitionedOracle::mergeNonEmpty, large);
  }

  /** Same merge sequence everywhere: partitions in order, sums of no rows skipped. */
  private static GradientSum mergeNonEmpty(GradientSum total, GradientSum part) {
    return part.count() > 0 ? total.merge(part) : total;
  }

  /**
   * Counts one round that a method ran on its own runner derived from {@link #runner()} (CoCoA+:
   * its blocks hold the rows and their dual variables), exactly as this oracle counts its own calls.
   *
   * @param gradients component-gradient evaluations of the round (a dual coordinate step counts one)
   * @param t0 {@link System#nanoTime()} when the round began
   * @param computeNanos the slowest task's compute time
   */
  public void countRound(long gradients, long t0, long computeNanos) {
    record(gradients, t0, computeNanos);
  }

  private void record(long gradients, long t0, long computeNanos) {
    long elapsed = System.nanoTime() - t0;
    // In-process there is no communication: the whole round is compute.
    stats = stats.plusRound(gradients, elapsed, runner.inProcess() ? elapsed : Math.min(elapsed, computeNanos));
  }
}
