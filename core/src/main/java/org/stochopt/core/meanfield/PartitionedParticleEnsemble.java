package org.stochopt.core.meanfield;

import java.util.List;
import org.stochopt.core.runtime.BlockSource;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.core.runtime.Round;
import org.stochopt.core.runtime.Shipped;

/**
 * The particle ensemble written once for every backend: M particles in P contiguous
 * {@link ParticleBlock}s (block b holds particles [⌊bM/P⌋, ⌊(b+1)M/P⌋)), held by a
 * {@link PartitionRunner} — in this JVM ({@link LocalParticleEnsemble}) or as a cached RDD, one
 * block per partition (the Spark runner). Particles are drawn where they live and never travel;
 * the data matrices are {@linkplain PartitionRunner#share shared} once.
 *
 * <p><b>One round.</b> {@link #update}: the {@link LangevinUpdate} (the batch's row indices and
 * loss-derivative coefficients: batch-length vectors) rides inside the task; every partition
 * replaces its block by the updated one (noise keyed by (seed, step, particle)) and, in the same
 * task, returns its partial prediction sums on the next batch. The driver adds the P vectors in
 * partition order, so every backend gives the same bits.
 */
public class PartitionedParticleEnsemble implements ParticleEnsemble {
  private final NeuronUnit unit;
  private final PartitionRunner<ParticleBlock> runner;
  private final Shipped<DataMatrix> train;
  private final Shipped<DataMatrix> test;
  private final int particles;
  private final int inputDim;
  private final int trainRows;
  private long rounds;

  /**
   * @param runner the P blocks, already drawn
   * @param test held-out rows, or null
   */
  protected PartitionedParticleEnsemble(NeuronUnit unit, PartitionRunner<ParticleBlock> runner, DataMatrix train,
      DataMatrix test, int particles) {
    this.unit = unit;
    this.runner = runner;
    this.train = runner.share(train);
    this.test = test == null ? null : runner.share(test);
    this.particles = particles;
    this.inputDim = train.dim();
    this.trainRows = train.rows();
  }

  /** Partition b's initial block: particles [⌊bM/P⌋, ⌊(b+1)M/P⌋) drawn from the stream (seed, INIT, g). */
  protected static ParticleBlock initialBlock(NeuronUnit unit, int inputDim, int particles, int blocks, int b, long seed) {
    int first = ParticleBlock.blockStart(particles, blocks, b);
    return ParticleBlock.initialize(unit, inputDim, first, ParticleBlock.blockStart(particles, blocks, b + 1) - first, seed);
  }

  /**
   * The blocks' source for a backend: {@code saved} (a checkpoint's blocks) when given, else the
   * initial draw; the split is checked first.
   */
  protected static BlockSource<ParticleBlock> source(NeuronUnit unit, int inputDim, int particles, int blockCount, long seed,
      BlockSource<ParticleBlock> saved) {
    checkShape(particles, blockCount);
    return saved != null ? saved : b -> initialBlock(unit, inputDim, particles, blockCount, b, seed);
  }

  /** Refuses an impossible split before anything is drawn. */
  protected static void checkShape(int particles, int blockCount) {
    if (particles < 1) throw new IllegalArgumentException("the number of particles must be positive, got " + particles);
    if (blockCount < 1 || blockCount > particles) {
      throw new IllegalArgumentException("particle blocks must be in 1.." + particles + ", got " + blockCount);
    }
  }

  @Override
  public int particles() {
    return particles;
  }

  @Override
  public int inputDim() {
    return inputDim;
  }

  @Override
  public int blocks() {
    return runner.partitions();
  }

  @Override
  public NeuronUnit unit() {
    return unit;
  }

  @Override
  public double[] predictionSums(int[] rows) {
    rounds++;
    return addInOrder(runner.map(sums(unit, train, rows), true), rows);
  }

  @Override
  public double[] update(LangevinUpdate u, int[] nextRows, boolean predictAfter) {
    NeuronUnit h = unit;
    Shipped<DataMatrix> data = train;
    // The next rows' activations are computed once, kept in the new block, and read twice: by the
    // sums returned now and by the next step's gradient on the same rows.
    Round<double[]> round = runner.update((p, block) -> {
      ParticleBlock next = block.langevin(h, data.value(), u);
      return predictAfter ? next.prepare(h, data.value(), nextRows) : next;
    }, predictAfter ? sums(h, data, nextRows) : null);
    rounds++;
    return predictAfter ? addInOrder(round, nextRows) : null;
  }

  @Override
  public void prepare(int[] rows) {
    if (rows == null) return;
    NeuronUnit h = unit;
    Shipped<DataMatrix> data = train;
    int[] r = rows.clone();
    runner.update((p, block) -> block.prepare(h, data.value(), r), null);
  }

  /**
   * Runs {@code task} on every block where it lives, results in block order (a checkpoint writes
   * each block from there, so particles never reach the driver). Not a round.
   */
  public <R> List<R> visit(org.stochopt.core.runtime.PartitionTask<ParticleBlock, R> task) {
    return runner.map(task, true).results();
  }

  /** Partial prediction sums of one block on the given rows (null: all training rows). */
  private static org.stochopt.core.runtime.PartitionTask<ParticleBlock, double[]> sums(
      NeuronUnit h, Shipped<DataMatrix> data, int[] rows) {
    return (p, block) -> {
      DataMatrix x = data.value();
      double[] s = new double[rows == null ? x.rows() : rows.length];
      block.addPredictionSums(h, x, rows, s);
      return s;
    };
  }

  /** Σ over partitions in partition order, starting from zeros. */
  private double[] addInOrder(Round<double[]> round, int[] rows) {
    double[] out = new double[rows == null ? trainRows : rows.length];
    for (double[] part : round.results()) {
      if (part == null) continue;
      for (int k = 0; k < out.length; k++) out[k] += part[k];
    }
    return out;
  }

  @Override
  public EnsembleSnapshot snapshot(int sample) {
    NeuronUnit h = unit;
    Shipped<DataMatrix> tr = train;
    Shipped<DataMatrix> te = test;
    int m = particles;
    List<EnsembleSnapshot> parts = runner.map(
        (p, block) -> EnsembleSnapshot.ofBlock(block, h, tr.value(), te == null ? null : te.value(), m, sample), true).results();
    return EnsembleSnapshot.merge(parts);
  }

  /** The current blocks, in block order (tests compare backends particle by particle). */
  public List<ParticleBlock> currentBlocks() {
    return runner.collect();
  }

  @Override
  public long rounds() {
    return rounds;
  }

  @Override
  public void continueCounting(long rounds) {
    if (this.rounds != 0) throw new IllegalStateException("the ensemble has already run " + this.rounds + " rounds");
    this.rounds = rounds;
  }

  @Override
  public void close() {
    runner.close();
    train.release();
    if (test != null) test.release();
  }
}
