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
 */
public final class InMemoryOracle implements GradientOracle {
  private final FiniteSumObjective objective;
  private final List<RowBlock> partitions;
  private final int[] sizes;
  private final long n;
  private OracleStats stats = OracleStats.ZERO;
  private DataSummary summary;

  public InMemoryOracle(FiniteSumObjective objective, List<RowBlock> partitions) {
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
    GradientSum total = new GradientSum(dimension());
    for (RowBlock block : partitions) {
      GradientSum part = new GradientSum(dimension());
      objective.accumulate(w, block, part);
      total.merge(part);
    }
    return total.meanInto(n, gOut);
  }

  @Override
  public double batchGradient(double[] w, Minibatch batch, double[] gOut) {
    long t0 = System.nanoTime();
    GradientSum total = new GradientSum(dimension());
    for (int p = 0; p < sizes.length; p++) {
      if (batch.countFor(p) == 0) continue;
      GradientSum part = new GradientSum(dimension());
      RowSelection sel = batch.select(p, partitions.get(p));
      objective.accumulateRows(w, partitions.get(p), sel.rows(), sel.weights(), part);
      total.merge(part);
    }
    double f = total.meanInto(batch.size(), gOut);
    record(batch.size(), t0);
    return f;
  }

  @Override
  public void batchGradientDifference(double[] w, double[] anchor, Minibatch batch, double[] dOut) {
    long t0 = System.nanoTime();
    GradientSum total = new GradientSum(dimension());
    for (int p = 0; p < sizes.length; p++) {
      if (batch.countFor(p) == 0) continue;
      GradientSum part = new GradientSum(dimension());
      RowSelection sel = batch.select(p, partitions.get(p));
      objective.accumulateDifference(w, anchor, partitions.get(p), sel.rows(), sel.weights(), part);
      total.merge(part);
    }
    total.meanInto(batch.size(), dOut);
    record(2L * batch.size(), t0);
  }

  @Override
  public void curvatureProduct(double[] v, double[] out) {
    GradientSum total = new GradientSum(dimension());
    for (RowBlock block : partitions) {
      GradientSum part = new GradientSum(dimension());
      objective.accumulateCurvatureProduct(v, block, part);
      total.merge(part);
    }
    total.meanInto(n, out);
  }

  @Override
  public void localStepsRound(double[] w, double[] anchor, double[] anchorGradient,
      org.stochopt.core.reg.Regularizer reg, double eta, int steps, int batch, long seed, long round, double[] out) {
    long t0 = System.nanoTime();
    org.stochopt.core.oracle.LocalSvrgSteps work = new org.stochopt.core.oracle.LocalSvrgSteps(objective, reg, eta, steps, batch);
    java.util.Arrays.fill(out, 0.0);
    long max = 0;
    for (int p = 0; p < sizes.length; p++) {
      long tp = System.nanoTime();
      double[] u = work.run(partitions.get(p), p, w, anchor, anchorGradient, seed, round);
      max = Math.max(max, System.nanoTime() - tp);
      double weight = (double) sizes[p] / n;
      for (int j = 0; j < out.length; j++) out[j] += weight * u[j];
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
