package org.stochopt.core.meanfield;

import org.stochopt.core.runtime.BlockSource;
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
    this(unit, train, test, particles, blockCount, seed, null);
  }

  /** @param saved the blocks of a checkpoint to continue from, or null to draw the particles */
  public LocalParticleEnsemble(NeuronUnit unit, DataMatrix train, DataMatrix test, int particles, int blockCount, long seed,
      BlockSource<ParticleBlock> saved) {
    super(unit, LocalPartitionRunner.generate(blockCount, source(unit, train.dim(), particles, blockCount, seed, saved),
        LocalPartitionRunner.defaultThreads()), train, test, particles);
  }
}
