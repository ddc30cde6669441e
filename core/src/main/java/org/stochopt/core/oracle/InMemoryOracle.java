package org.stochopt.core.oracle;

import java.util.List;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.objective.FiniteSumObjective;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.RowSelection;

/**
 * The in-process oracle: the data held as the same list of partitions a Spark run would cache,
 * each accumulated into its own {@link GradientSum} and merged in partition order — the same
 * arithmetic as the Spark backend, so that both produce the same iterates.
 *
 * <p>Partitions are processed by up to {@code threads} threads when a call has enough work to pay
 * for the hand-off (full passes, local rounds, minibatches of at least {@link #PARALLEL_BATCH}
 * rows); small minibatches stay on the calling thread, where a fork/join would cost more than the
 * rows. Each partition still fills its own sum and the sums are merged in partition order, so the
 * result is bit-identical for every thread count.
 */
public final class InMemoryOracle implements GradientOracle {
  private final FiniteSumObjective objective;
  private final List<RowBlock> partitions;
  private final int[] sizes;
  private final long n;
  /** Smallest minibatch whose partitions are worth spreading over threads. */
  static final int PARALLEL_BATCH = 4096;
  /** Environment variable that sets the default thread count (default: the available processors). */
  public static final String THREADS_ENV = "STOCHOPT_THREADS";

  private final int threads;
  private OracleStats stats = OracleStats.ZERO;
  private DataSummary summary;

  /** With {@link #defaultThreads()} threads. */
  public InMemoryOracle(FiniteSumObjective objective, List<RowBlock> partitions) {
    this(objective, partitions, defaultThreads());
  }

  /**
   * @param threads most partitions processed at once (1 = everything on the calling thread); the
   *     results do not depend on it
   */
  public InMemoryOracle(FiniteSumObjective objective, List<RowBlock> partitions, int threads) {
    if (threads <= 0) throw new IllegalArgumentException("threads must be positive, got " + threads);
    if (partitions.isEmpty()) throw new IllegalArgumentException("no data partitions");
    this.objective = objective;
    this.partitions = List.copyOf(partitions);
    this.sizes = new int[partitions.size()];
    long total = 0;
    for (int p = 0; p < sizes.length; p++) {
      RowBlock b = partitions.get(p);
      if (b.dim() != objective.featureDimension()) {
        throw new IllegalArgumentException(
            "partition " + p + " has dimension " + b.dim() + ", the model " + objective.featureDimension());
      }
      sizes[p] = b.rows();
      total += b.rows();
    }
    if (total == 0) throw new IllegalArgumentException("the data set has no rows");
    this.n = total;
    this.threads = Math.min(threads, sizes.length);
  }

  /** {@value #THREADS_ENV} if set to a positive integer, else the available processors. */
  public static int defaultThreads() {
    String env = System.getenv(THREADS_ENV);
    if (env != null && !env.isBlank()) {
      try {
        int t = Integer.parseInt(env.strip());
        if (t > 0) return t;
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
      throw new IllegalArgumentException(THREADS_ENV + " must be a positive integer, got '" + env + "'");
    }
    return Runtime.getRuntime().availableProcessors();
  }

  /** Threads this oracle uses for large calls. */
  public int threads() {
    return threads;
  }

  /** Runs {@code body} for every partition, on up to {@link #threads} threads when {@code large}. */
  private void forEachPartition(boolean large, java.util.function.IntConsumer body) {
    if (threads == 1 || !large) {
      for (int p = 0; p < sizes.length; p++) body.accept(p);
      return;
    }
    java.util.concurrent.ForkJoinPool pool = pool(threads);
    pool.submit(() -> java.util.stream.IntStream.range(0, sizes.length).parallel().forEach(body)).join();
  }

  private static final java.util.concurrent.ConcurrentHashMap<Integer, java.util.concurrent.ForkJoinPool> POOLS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** One daemon pool per thread count, shared by all oracles of the process (no lifecycle to manage). */
  private static java.util.concurrent.ForkJoinPool pool(int threads) {
    return POOLS.computeIfAbsent(threads, t -> new java.util.concurrent.ForkJoinPool(t, pool -> {
      java.util.concurrent.ForkJoinWorkerThread w =
          java.util.concurrent.ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
      w.setDaemon(true);
      w.setName("stochopt-partition-" + w.getPoolIndex());
      return w;
    }, null, false));
  }

  /** Merges per-partition sums in partition order (skipping nulls: partitions with nothing to do). */
  private GradientSum mergeInOrder(GradientSum[] parts) {
    GradientSum total = new GradientSum(dimension());
    for (GradientSum part : parts) if (part != null) total.merge(part);
    return total;
  }

  public List<RowBlock> partitions() {
    return partitions;
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
    double f = fullPass(w, gOut);
    record(n, t0);
    return f;
  }

  @Override
  public double evaluate(double[] w, double[] gOut) {
    return fullPass(w, gOut);
  }

  private double fullPass(double[] w, double[] gOut) {
    GradientSum[] parts = new GradientSum[sizes.length];
    forEachPartition(true, p -> {
      parts[p] = new GradientSum(dimension());
      objective.accumulate(w, partitions.get(p), parts[p]);
    });
    return mergeInOrder(parts).meanInto(n, gOut);
  }

  @Override
  public double batchGradient(double[] w, Minibatch batch, double[] gOut) {
    long t0 = System.nanoTime();
    GradientSum[] parts = new GradientSum[sizes.length];
    forEachPartition(batch.size() >= PARALLEL_BATCH, p -> {
      if (batch.countFor(p) == 0) return;
      parts[p] = new GradientSum(dimension());
      RowSelection sel = batch.select(p, partitions.get(p));
      objective.accumulateRows(w, partitions.get(p), sel.rows(), sel.weights(), parts[p]);
    });
    double f = mergeInOrder(parts).meanInto(batch.size(), gOut);
    record(batch.size(), t0);
    return f;
  }

  @Override
  public void batchGradientDifference(double[] w, double[] anchor, Minibatch batch, double[] dOut) {
    long t0 = System.nanoTime();
    GradientSum[] parts = new GradientSum[sizes.length];
    forEachPartition(batch.size() >= PARALLEL_BATCH, p -> {
      if (batch.countFor(p) == 0) return;
      parts[p] = new GradientSum(dimension());
      RowSelection sel = batch.select(p, partitions.get(p));
      objective.accumulateDifference(w, anchor, partitions.get(p), sel.rows(), sel.weights(), parts[p]);
    });
    mergeInOrder(parts).meanInto(batch.size(), dOut);
    record(2L * batch.size(), t0);
  }

  @Override
  public void curvatureProduct(double[] v, double[] out) {
    GradientSum[] parts = new GradientSum[sizes.length];
    forEachPartition(true, p -> {
      parts[p] = new GradientSum(dimension());
      objective.accumulateCurvatureProduct(v, partitions.get(p), parts[p]);
    });
    mergeInOrder(parts).meanInto(n, out);
  }

  @Override
  public void localRound(LocalWork work, double[] out) {
    work.checkOutput(out);
    long t0 = System.nanoTime();
    double[][] results = new double[sizes.length][];
    forEachPartition(true, p -> results[p] = work.run(objective, partitions.get(p), p));
    java.util.Arrays.fill(out, 0.0);
    for (int p = 0; p < sizes.length; p++) {
      double weight = (double) sizes[p] / n;
      for (int j = 0; j < out.length; j++) out[j] += weight * results[p][j];
    }
    long elapsed = System.nanoTime() - t0;
    stats = stats.plusRound(sizes.length * work.gradientsPerPartition(), elapsed, elapsed);
  }

  @Override
  public double[] partitionMasses() {
    double[] m = new double[partitions.size()];
    for (int p = 0; p < m.length; p++) {
      RowBlock b = partitions.get(p);
      for (int r = 0; r < b.rows(); r++) m[p] += b.squaredNorm(r);
    }
    return m;
  }

  @Override
  public DataSummary summary() {
    if (summary == null) {
      DataSummary s = new DataSummary();
      for (RowBlock block : partitions) s.merge(DataSummary.of(block));
      summary = s;
    }
    return summary;
  }

  @Override
  public OracleStats stats() {
    return stats;
  }

  private void record(long gradients, long t0) {
    // In-process there is no communication: the whole round is compute.
    long elapsed = System.nanoTime() - t0;
    stats = stats.plusRound(gradients, elapsed, elapsed);
  }
}
