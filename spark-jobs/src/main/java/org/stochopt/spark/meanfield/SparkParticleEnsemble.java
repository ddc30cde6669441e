package org.stochopt.spark.meanfield;

import org.apache.spark.api.java.JavaSparkContext;
import org.stochopt.core.meanfield.DataMatrix;
import org.stochopt.core.meanfield.NeuronUnit;
import org.stochopt.core.meanfield.ParticleBlock;
import org.stochopt.core.meanfield.PartitionedParticleEnsemble;
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
    super(unit, draw(sc, unit, trainData.dim(), particles, blockCount, seed, checkpointEvery), trainData, testData, particles);
  }

  private static SparkPartitionRunner<ParticleBlock> draw(JavaSparkContext sc, NeuronUnit unit, int inputDim,
      int particles, int blockCount, long seed, int checkpointEvery) {
    checkShape(particles, blockCount);
    if (checkpointEvery < 1) throw new IllegalArgumentException("checkpoint interval must be positive, got " + checkpointEvery);
    return SparkPartitionRunner.generate(sc, blockCount,
        b -> initialBlock(unit, inputDim, particles, blockCount, b, seed), checkpointEvery);
  }
}
