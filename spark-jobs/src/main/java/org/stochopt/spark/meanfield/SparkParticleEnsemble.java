package org.stochopt.spark.meanfield;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.stochopt.core.meanfield.DataMatrix;
import org.stochopt.core.meanfield.EnsembleSnapshot;
import org.stochopt.core.meanfield.LangevinUpdate;
import org.stochopt.core.meanfield.NeuronUnit;
import org.stochopt.core.meanfield.ParticleBlock;
import org.stochopt.core.meanfield.ParticleEnsemble;

/**
 * Particles sharded across executors: a cached {@code JavaRDD<ParticleBlock>} with exactly one
 * block per partition, block b holding particles [⌊bM/P⌋, ⌊(b+1)M/P⌋). Particles are drawn on the
 * executors and never travel. The data (train and test rows) is broadcast once.
 *
 * <p><b>One round.</b> {@link #update}: the driver ships a {@link LangevinUpdate} (the batch's row
 * indices and loss-derivative coefficients: batch-length vectors) in the task closure; every
 * partition updates its own particles with noise keyed by (seed, step, its particles) and, in the
 * same task, returns its partial prediction sums for the next batch (a batch-length vector). The
 * driver collects the P vectors and adds them in partition order, exactly as
 * {@link org.stochopt.core.meanfield.LocalParticleEnsemble} adds its blocks, so the two backends
 * agree bit for bit (no tree-reduction order to worry about; P·B doubles is small).
 *
 * <p><b>RDD lifetime.</b> Blocks are immutable, so every update makes a new RDD. It is persisted
 * before its first action, materialized by that action, and only then is the previous RDD
 * unpersisted. Every {@code checkpointEvery} updates the new RDD is {@code localCheckpoint()}ed,
 * which truncates the lineage (otherwise a long run's DAG grows by one map per step, and task
 * serialization and recovery get slower with it).
 */
public final class SparkParticleEnsemble implements ParticleEnsemble {
  private final JavaSparkContext sc;
  private final NeuronUnit unit;
  private final Broadcast<DataMatrix> train;
  private final Broadcast<DataMatrix> test;
  private final int particles;
  private final int inputDim;
  private final int blocks;
  private final int checkpointEvery;
  private JavaRDD<ParticleBlock> current;
  private int sinceCheckpoint;
  private long rounds;

  public SparkParticleEnsemble(JavaSparkContext sc, NeuronUnit unit, DataMatrix trainData, DataMatrix testData,
      int particles, int blockCount, long seed, int checkpointEvery) {
    if (particles < 1) throw new IllegalArgumentException("the number of particles must be positive, got " + particles);
    if (blockCount < 1 || blockCount > particles) {
      throw new IllegalArgumentException("particle blocks must be in 1.." + particles + ", got " + blockCount);
    }
    if (checkpointEvery < 1) throw new IllegalArgumentException("checkpoint interval must be positive, got " + checkpointEvery);
    this.sc = sc;
    this.unit = unit;
    this.train = sc.broadcast(trainData);
    this.test = testData == null ? null : sc.broadcast(testData);
    this.particles = particles;
    this.inputDim = trainData.dim();
    this.blocks = blockCount;
    this.checkpointEvery = checkpointEvery;
    List<Integer> ids = new ArrayList<>(blockCount);
    for (int b = 0; b < blockCount; b++) ids.add(b);
    final int m = particles;
    final int pb = blockCount;
    final int d = inputDim;
    final NeuronUnit u = unit;
    JavaRDD<ParticleBlock> init = sc.parallelize(ids, blockCount).map(b -> {
      int first = ParticleBlock.blockStart(m, pb, b);
      return ParticleBlock.initialize(u, d, first, ParticleBlock.blockStart(m, pb, b + 1) - first, seed);
    });
    init.persist(StorageLevel.MEMORY_AND_DISK());
    init.count();
    current = init;
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
    return blocks;
  }

  @Override
  public NeuronUnit unit() {
    return unit;
  }

  @Override
  public double[] predictionSums(int[] rows) {
    rounds++;
    return addInOrder(sums(current, unit, train, rows).collect());
  }

  @Override
  public double[] update(LangevinUpdate u, int[] nextRows, boolean predictAfter) {
    final NeuronUnit h = unit;
    final Broadcast<DataMatrix> data = train;
    JavaRDD<ParticleBlock> next = current.map(block -> block.langevin(h, data.value(), u));
    next.persist(StorageLevel.MEMORY_AND_DISK());
    if (++sinceCheckpoint >= checkpointEvery) {
      next.rdd().localCheckpoint();
      sinceCheckpoint = 0;
    }
    double[] out = null;
    if (predictAfter) {
      out = addInOrder(sums(next, h, data, nextRows).collect()); // materializes (and caches) next
    } else {
      next.count();
    }
    current.unpersist(false);
    current = next;
    rounds++;
    return out;
  }

  private static JavaRDD<double[]> sums(JavaRDD<ParticleBlock> rdd, NeuronUnit h, Broadcast<DataMatrix> data, int[] rows) {
    return rdd.map(block -> {
      DataMatrix x = data.value();
      double[] s = new double[rows == null ? x.rows() : rows.length];
      block.addPredictionSums(h, x, rows, s);
      return s;
    });
  }

  /** Σ over partitions in partition order (collect preserves it), starting from zeros. */
  private static double[] addInOrder(List<double[]> parts) {
    double[] out = new double[parts.get(0).length];
    for (double[] part : parts) {
      for (int k = 0; k < out.length; k++) out[k] += part[k];
    }
    return out;
  }

  @Override
  public EnsembleSnapshot snapshot(int sample) {
    final NeuronUnit h = unit;
    final Broadcast<DataMatrix> tr = train;
    final Broadcast<DataMatrix> te = test;
    final int m = particles;
    return EnsembleSnapshot.merge(current
        .map(block -> EnsembleSnapshot.ofBlock(block, h, tr.value(), te == null ? null : te.value(), m, sample))
        .collect());
  }

  /** The current blocks, collected in block order (tests compare backends particle by particle). */
  public List<ParticleBlock> collectBlocks() {
    return current.collect();
  }

  @Override
  public long rounds() {
    return rounds;
  }

  @Override
  public void close() {
    current.unpersist(false);
    train.destroy();
    if (test != null) test.destroy();
  }
}
