package org.stochopt.core.oracle;

import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * The one seam between methods and data. A method asks for gradients of f(w) = (1/n) Σ f_i(w);
 * it never sees where rows live. Each call is one communication round (one Spark job on a
 * cluster) and is counted in {@link #stats()}; {@code evaluate} and the summary calls are
 * measurement and are not counted.
 *
 * <p>Sign convention, everywhere in stochopt: a gradient is the gradient of the quantity being
 * minimized; methods subtract it.
 */
public interface GradientOracle extends AutoCloseable {
  int dimension();

  /** n, the number of component functions. */
  long size();

  /** Rows per partition, in partition order (the layout minibatches are planned over). */
  int[] partitionSizes();

  /** Writes ∇f(w) into gOut and returns f(w). One round, n component gradients. */
  double fullGradient(double[] w, double[] gOut);

  /** Writes (1/b) Σ_{i∈B} ∇f_i(w) into gOut and returns (1/b) Σ_{i∈B} f_i(w). One round, b gradients. */
  double batchGradient(double[] w, Minibatch batch, double[] gOut);

  /**
   * Writes (1/b) Σ_{i∈B} (∇f_i(w) − ∇f_i(anchor)) into dOut, in one pass over the batch rows.
   * One round, 2b component gradients.
   */
  void batchGradientDifference(double[] w, double[] anchor, Minibatch batch, double[] dOut);

  /** Like {@link #fullGradient} but for measurement: not counted in {@link #stats()}. */
  double evaluate(double[] w, double[] gOut);

  /** out = (1/n) Σ c x_i x_iᵀ v, with c the loss curvature bound (for power iteration). Not counted. */
  void curvatureProduct(double[] v, double[] out);

  /**
   * Σ_i ‖x_i‖² of each partition, in partition order: the masses importance sampling
   * (p_i ∝ L_i = c‖x_i‖²) splits minibatches by. Not counted.
   */
  double[] partitionMasses();

  /**
   * The sampling plan of a run over this oracle's partitions, with the partition masses that
   * {@link SamplingScheme#IMPORTANCE} needs (computed only for that scheme).
   */
  default SamplingPlan samplingPlan(long seed, SamplingScheme scheme) {
    return new SamplingPlan(seed, partitionSizes(), scheme, scheme == SamplingScheme.IMPORTANCE ? partitionMasses() : null);
  }

  /**
   * One communication-efficient round: every partition p runs {@code work} on its own rows and
   * {@code out} receives Σ_p (n_p/n)·work.run(p), summed in partition order. One round,
   * P·{@link LocalWork#gradientsPerPartition()} component gradients. Oracles that cannot run code
   * next to the rows (feature-sharded ones) refuse.
   */
  default void localRound(LocalWork work, double[] out) {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " cannot run local steps (local methods need a row-partitioned backend: in-process or Spark rows)");
  }

  /**
   * Minibatch gradients as sparse vectors, for steps at O(nnz) ({@link SparseBatchRows}); null (the
   * default) when the rows are not CSR or not row-partitioned, and then methods take the dense path.
   */
  default SparseBatchRows sparseBatchRows() {
    return null;
  }

  /** Size, norms, labels and fingerprint of the data. Not counted. */
  DataSummary summary();

  OracleStats stats();

  @Override
  default void close() {}
}
