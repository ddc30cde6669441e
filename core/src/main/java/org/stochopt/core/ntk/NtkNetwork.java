package org.stochopt.core.ntk;

import java.util.List;
import org.stochopt.core.meanfield.DataMatrix;
import org.stochopt.core.runtime.BlockSource;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.core.runtime.PartitionTask;
import org.stochopt.core.runtime.Round;
import org.stochopt.core.runtime.Shipped;

/**
 * An NTK network whose M neurons are sharded into P contiguous {@link NeuronBlock}s held by a
 * {@link PartitionRunner} — in this JVM or one block per Spark partition; the same code runs on
 * both. The examples (the one-pass stream, or a data set) are {@linkplain PartitionRunner#share
 * shared} once; a step ships only the batch's row indices and the b loss coefficients, and brings
 * back the P partial output sums on the next batch (b numbers each). Neurons never travel: every
 * shard updates and averages its own.
 *
 * <p><b>One round per step.</b> Each block runs the step on its prepared batch, then prepares the
 * next batch and returns its partial sums Σ_{r in block} a_r σ(z_ir); the driver adds the P vectors
 * in partition order (the same bits in-process and on Spark) and scales by 1/√M.
 */
public final class NtkNetwork implements AutoCloseable {
  private final NtkShape shape;
  private final PartitionRunner<NeuronBlock> runner;
  private final Shipped<DataMatrix> examples;
  private long rounds;

  /**
   * @param runner blocks made by {@link #source}
   * @param examples the rows steps draw from (row indices refer to it)
   */
  public NtkNetwork(NtkShape shape, PartitionRunner<NeuronBlock> runner, DataMatrix examples) {
    if (examples.dim() != shape.inputDim()) {
      throw new IllegalArgumentException("the network has d=" + shape.inputDim() + " but the examples have d=" + examples.dim());
    }
    this.shape = shape;
    this.runner = runner;
    this.examples = runner.share(examples);
  }

  /** Partition p's initial block: neurons [⌊pM/P⌋, ⌊(p+1)M/P⌋) at the symmetric initialisation. */
  public static BlockSource<NeuronBlock> source(NtkShape shape, int blocks, long seed) {
    if (blocks < 1 || blocks > shape.width()) {
      throw new IllegalArgumentException("--partitions must be in 1.." + shape.width() + " (one neuron block each), got " + blocks);
    }
    return p -> {
      int first = NeuronBlock.blockStart(shape.width(), blocks, p);
      return NeuronBlock.initial(shape, first, NeuronBlock.blockStart(shape.width(), blocks, p + 1) - first, seed);
    };
  }

  public NtkShape shape() {
    return shape;
  }

  public int blocks() {
    return runner.partitions();
  }

  /** Rounds (Spark jobs) issued by {@link #prepare} and {@link #step}. */
  public long rounds() {
    return rounds;
  }

  /** Continues the round count of a resumed run (its blocks came from a checkpoint taken after {@code rounds} rounds). */
  public void continueCounting(long rounds) {
    if (this.rounds != 0) throw new IllegalStateException("the network has already run " + this.rounds + " rounds");
    this.rounds = rounds;
  }

  /** Prepares the first batch and returns g_Θ(x_i) on it. */
  public double[] prepare(int[] rows) {
    Shipped<DataMatrix> data = examples;
    Round<double[]> round = runner.update((p, block) -> block.prepare(gather(data.value(), rows)), NtkNetwork::sums);
    rounds++;
    return scaledSum(round, rows.length);
  }

  /**
   * One step on the prepared batch with coefficients e_i = ℓ′/b; then prepares {@code nextRows}
   * and returns g_Θ on them (or prepares nothing and returns null when {@code nextRows} is null).
   */
  public double[] step(double[] coef, double eta, double lambda, int[] nextRows) {
    Shipped<DataMatrix> data = examples;
    double[] e = coef.clone();
    Round<double[]> round = runner.update((p, block) -> {
      NeuronBlock next = block.step(e, eta, lambda);
      return nextRows == null ? next : next.prepare(gather(data.value(), nextRows));
    }, nextRows == null ? null : NtkNetwork::sums);
    rounds++;
    return nextRows == null ? null : scaledSum(round, nextRows.length);
  }

  private static double[] sums(int p, NeuronBlock block) {
    return block.preparedSums();
  }

  /** g on every row of {@code x}, with the current parameters or the average Θ̄ (evaluation, not counted as a round). */
  public double[] predict(Shipped<DataMatrix> x, boolean averaged) {
    int n = x.value().rows();
    Round<double[]> round = runner.map((p, block) -> {
      DataMatrix m = x.value();
      double[] out = new double[m.rows()];
      block.addSums(m.x(), m.rows(), averaged, out);
      return out;
    }, true);
    return scaledSum(round, n);
  }

  /** A data set the evaluation reads many times, shared once with the blocks. */
  public Shipped<DataMatrix> share(DataMatrix x) {
    return runner.share(x);
  }

  /** The shared training examples. */
  public Shipped<DataMatrix> examples() {
    return examples;
  }

  /** ‖Θ − Θ⁽⁰⁾‖ / ‖Θ⁽⁰⁾‖ (current or averaged): small in the NTK (lazy) regime. */
  public double relativeMovement(boolean averaged) {
    PartitionTask<NeuronBlock, double[]> t = (p, b) -> new double[] {b.squaredDistanceFromInit(averaged), b.squaredInitNorm()};
    double[] s = runner.aggregate(t, () -> new double[2], (l, r) -> {
      l[0] += r[0];
      l[1] += r[1];
      return l;
    }, true);
    return Math.sqrt(s[0] / s[1]);
  }

  /**
   * Runs {@code task} on every block where it lives and returns the results in partition order
   * (a checkpoint writes each block from there, so the neurons never reach the driver). Not a round.
   */
  public <R> List<R> visit(PartitionTask<NeuronBlock, R> task) {
    return runner.map(task, true).results();
  }

  /** The blocks in partition order (tests; small networks). */
  public List<NeuronBlock> collect() {
    return runner.collect();
  }

  static double[] gather(DataMatrix data, int[] rows) {
    int d = data.dim();
    double[] out = new double[rows.length * d];
    for (int k = 0; k < rows.length; k++) System.arraycopy(data.x(), rows[k] * d, out, k * d, d);
    return out;
  }

  /** (1/√M) Σ_p part_p in partition order. */
  private double[] scaledSum(Round<double[]> round, int length) {
    double[] out = new double[length];
    for (double[] part : round.results()) {
      if (part == null) continue;
      for (int k = 0; k < length; k++) out[k] += part[k];
    }
    double s = shape.outputFactor();
    for (int k = 0; k < length; k++) out[k] *= s;
    return out;
  }

  @Override
  public void close() {
    examples.release();
    runner.close();
  }
}
