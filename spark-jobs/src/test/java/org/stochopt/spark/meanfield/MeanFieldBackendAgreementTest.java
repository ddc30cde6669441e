package org.stochopt.spark.meanfield;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stochopt.core.loss.SquaredLoss;
import org.stochopt.core.meanfield.BoundedTanhUnit;
import org.stochopt.core.meanfield.DataMatrix;
import org.stochopt.core.meanfield.EnsembleSnapshot;
import org.stochopt.core.meanfield.LocalParticleEnsemble;
import org.stochopt.core.meanfield.MeanFieldObjective;
import org.stochopt.core.meanfield.Mfld;
import org.stochopt.core.meanfield.MfldConfig;
import org.stochopt.core.meanfield.NeuronUnit;
import org.stochopt.core.meanfield.ParticleBlock;
import org.stochopt.core.meanfield.ParticleDualAveraging;
import org.stochopt.core.meanfield.ParticleMethod;
import org.stochopt.core.meanfield.PdaConfig;
import org.stochopt.datasets.synth.MeanFieldTeacher;
import org.stochopt.spark.SparkTestSession;

/**
 * In-process and sharded (local[2], particles in 3 partitions) runs with the same seed give the
 * same particles bit for bit, through RDD re-creation every step and local checkpoints.
 */
class MeanFieldBackendAgreementTest {
  private static final MeanFieldTeacher TEACHER = new MeanFieldTeacher(120, 4, 2, 0.1, 2.0, 40, 5);
  private static final DataMatrix TRAIN = DataMatrix.of(TEACHER.train().block());
  private static final DataMatrix TEST = DataMatrix.of(TEACHER.heldOut().block());
  private static final MeanFieldObjective OBJ = new MeanFieldObjective(new SquaredLoss(), 1e-3, 1e-3);
  private static final NeuronUnit UNIT = new BoundedTanhUnit(1.5);
  private static final int M = 90;
  private static final int BLOCKS = 3;
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = SparkTestSession.start();
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  private static double[] flatten(List<ParticleBlock> blocks) {
    int p = blocks.get(0).parameterDim();
    double[] all = new double[M * p];
    for (ParticleBlock b : blocks) {
      for (int j = 0; j < b.count(); j++) b.copyParticle(j, all, (b.first() + j) * p);
    }
    return all;
  }

  private static void assertSameRun(ParticleMethod local, ParticleMethod sharded, int steps) {
    try (LocalParticleEnsemble a = new LocalParticleEnsemble(UNIT, TRAIN, TEST, M, BLOCKS, 17);
        SparkParticleEnsemble b = new SparkParticleEnsemble(sc, UNIT, TRAIN, TEST, M, BLOCKS, 17, 2)) {
      assertArrayEquals(flatten(a.currentBlocks()), flatten(b.currentBlocks()), 0.0, "initial particles");
      local.start(a);
      sharded.start(b);
      for (int t = 0; t < steps; t++) {
        local.step();
        sharded.step();
      }
      double[] x = flatten(a.currentBlocks());
      assertArrayEquals(x, flatten(b.currentBlocks()), 0.0, "particles after " + steps + " steps");
      EnsembleSnapshot sa = a.snapshot(20);
      EnsembleSnapshot sb = b.snapshot(20);
      assertArrayEquals(sa.trainSums(), sb.trainSums(), 0.0);
      assertArrayEquals(sa.testSums(), sb.testSums(), 0.0);
      assertArrayEquals(sa.sample(), sb.sample(), 0.0);
      assertEquals(20, sa.sampleCount());
      assertEquals(a.rounds(), b.rounds());
      assertTrue(x[0] != 0.0);
    }
  }

  @Test
  void minibatchMfldAgreesBitForBit() {
    assertSameRun(new Mfld(new MfldConfig(0.5, 16, 3), OBJ, TRAIN), new Mfld(new MfldConfig(0.5, 16, 3), OBJ, TRAIN), 7);
  }

  @Test
  void pdaAgreesBitForBit() {
    assertSameRun(new ParticleDualAveraging(new PdaConfig(0.5, 3, 3), OBJ, TRAIN),
        new ParticleDualAveraging(new PdaConfig(0.5, 3, 3), OBJ, TRAIN), 3);
  }
}
