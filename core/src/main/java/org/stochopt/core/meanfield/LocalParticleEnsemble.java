package org.stochopt.core.meanfield;

import org.stochopt.core.runtime.LocalPartitionRunner;

/**
 * All particle blocks in this JVM (the single-process backend of
 * {@link PartitionedParticleEnsemble}); blocks are updated on up to
 * {@link LocalPartitionRunner#defaultThreads()} threads, with the same results as one thread.
 */
public final class LocalParticleEnsemble extends PartitionedParticleEnsemble {
  /**
   * @param test held-out rows, or null
   * @param seed particle g starts from the stream (seed, INIT, g)
   */
  public LocalParticleEnsemble(NeuronUnit unit, DataMatrix train, DataMatrix test, int particles, int blockCount, long seed) {
    super(unit, draw(unit, train.dim(), particles, blockCount, seed), train, test, particles);
  }

  private static LocalPartitionRunner<ParticleBlock> draw(NeuronUnit unit, int inputDim, int particles, int blockCount, long seed) {
    checkShape(particles, blockCount);
    return LocalPartitionRunner.generate(blockCount,
        b -> initialBlock(unit, inputDim, particles, blockCount, b, seed), LocalPartitionRunner.defaultThreads());
  }
}
