package org.stochopt.spark.meanfield;

import org.apache.spark.api.java.JavaSparkContext;
import org.stochopt.core.meanfield.DataMatrix;
import org.stochopt.core.meanfield.NeuronUnit;
import org.stochopt.core.meanfield.ParticleBlock;
import org.stochopt.core.meanfield.PartitionedParticleEnsemble;
import org.stochopt.core.runtime.BlockSource;
import org.stochopt.spark.runtime.SparkPartitionRunner;

/**
 * Particles sharded across executors: the Spark backend of {@link PartitionedParticleEnsemble},
 * one {@link ParticleBlock} per partition of a cached RDD, drawn on the executors. The data (train
 * and test rows) is broadcast once. Updates make a new cached RDD per step; every
 * {@code checkpointEvery} steps its lineage is cut with a local checkpoint.
 */
public final class SparkParticleEnsemble extends PartitionedParticleEnsemble {
  public SparkParticleEnsemble(JavaSparkContext sc, NeuronUnit unit, DataMatrix trainData, DataMatrix testData,
      int particles, int blockCount, long seed, int checkpointEvery) {
    this(sc, unit, trainData, testData, particles, blockCount, seed, checkpointEvery, null);
  }

  /** @param saved the blocks of a checkpoint to continue from (read on the executors), or null to draw the particles */
  public SparkParticleEnsemble(JavaSparkContext sc, NeuronUnit unit, DataMatrix trainData, DataMatrix testData,
      int particles, int blockCount, long seed, int checkpointEvery, BlockSource<ParticleBlock> saved) {
    super(unit, draw(sc, source(unit, trainData.dim(), particles, blockCount, seed, saved), blockCount, checkpointEvery), trainData,
        testData, particles);
  }

  private static SparkPartitionRunner<ParticleBlock> draw(JavaSparkContext sc, BlockSource<ParticleBlock> source, int blockCount,
      int checkpointEvery) {
    if (checkpointEvery < 1) throw new IllegalArgumentException("checkpoint interval must be positive, got " + checkpointEvery);
    return SparkPartitionRunner.generate(sc, blockCount, source, checkpointEvery);
  }
}
