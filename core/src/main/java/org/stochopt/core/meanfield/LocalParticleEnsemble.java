package org.stochopt.core.meanfield;

import java.util.ArrayList;
import java.util.List;

/**
 * All particle blocks in this JVM, processed one after another (the single-process baseline).
 * With the same number of blocks it computes exactly what the Spark ensemble computes: the same
 * block kernels, combined in block order.
 */
public final class LocalParticleEnsemble implements ParticleEnsemble {
  private final NeuronUnit unit;
  private final DataMatrix train;
  private final DataMatrix test;
  private final int particles;
  private List<ParticleBlock> blocks;
  private long rounds;

  /**
   * @param test held-out rows, or null
   * @param seed particle g starts from the stream (seed, INIT, g)
   */
  public LocalParticleEnsemble(NeuronUnit unit, DataMatrix train, DataMatrix test, int particles, int blockCount, long seed) {
    checkShape(particles, blockCount);
    this.unit = unit;
    this.train = train;
    this.test = test;
    this.particles = particles;
    this.blocks = new ArrayList<>(blockCount);
    for (int b = 0; b < blockCount; b++) {
      int first = ParticleBlock.blockStart(particles, blockCount, b);
      blocks.add(ParticleBlock.initialize(unit, train.dim(), first, ParticleBlock.blockStart(particles, blockCount, b + 1) - first, seed));
    }
  }

  static void checkShape(int particles, int blockCount) {
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
    return train.dim();
  }

  @Override
  public int blocks() {
    return blocks.size();
  }

  @Override
  public NeuronUnit unit() {
    return unit;
  }

  @Override
  public double[] predictionSums(int[] rows) {
    rounds++;
    double[] out = new double[rows == null ? train.rows() : rows.length];
    for (ParticleBlock b : blocks) {
      double[] part = new double[out.length];
      b.addPredictionSums(unit, train, rows, part);
      for (int k = 0; k < out.length; k++) out[k] += part[k];
    }
    return out;
  }

  @Override
  public double[] update(LangevinUpdate u, int[] nextRows, boolean predictAfter) {
    List<ParticleBlock> next = new ArrayList<>(blocks.size());
    for (ParticleBlock b : blocks) next.add(b.langevin(unit, train, u));
    blocks = next;
    if (!predictAfter) {
      rounds++;
      return null;
    }
    return predictionSums(nextRows);
  }

  @Override
  public EnsembleSnapshot snapshot(int sample) {
    List<EnsembleSnapshot> parts = new ArrayList<>(blocks.size());
    for (ParticleBlock b : blocks) parts.add(EnsembleSnapshot.ofBlock(b, unit, train, test, particles, sample));
    return EnsembleSnapshot.merge(parts);
  }

  @Override
  public long rounds() {
    return rounds;
  }

  /** The current blocks (read-only use: tests compare backends particle by particle). */
  public List<ParticleBlock> currentBlocks() {
    return List.copyOf(blocks);
  }

  @Override
  public void close() {
    blocks = List.of();
  }
}
