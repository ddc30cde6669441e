package org.stochopt.core.meanfield;

import org.stochopt.core.rng.GaussianDraws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stochopt.core.loss.SquaredLoss;

/** MFLD and PDA on a tiny teacher–student problem: convergence, determinism, dual-averaging weights. */
class MeanFieldTrainingTest {
  private static final TinyTeacher TEACHER = new TinyTeacher(200, 3, 2, 0.05, 21);
  private static final MeanFieldObjective OBJ = new MeanFieldObjective(new SquaredLoss(), 1e-3, 1e-3);
  private static final int SAMPLE = 300;

  private static MeanFieldEvaluator evaluator() {
    return new MeanFieldEvaluator(OBJ, TEACHER.train, null, new MeanFieldEvaluator.Settings(SAMPLE, 0, TEACHER.directions, 1));
  }

  /**
   * An upper bound on min P from the data: P at the teacher smoothed into Gaussians N(w*_k, s²I)
   * (equal weights), evaluated with the same estimators as the run, best of a few widths s.
   */
  private static double smoothedTeacherObjective() {
    double best = Double.POSITIVE_INFINITY;
    int d = TEACHER.train.dim();
    int m = SAMPLE;
    for (double s : new double[] {0.03, 0.1, 0.3}) {
      double[] theta = new double[m * d];
      SplittableRandom rng = new SplittableRandom(99);
      for (int r = 0; r < m; r++) {
        double[] w = TEACHER.directions[r % TEACHER.directions.length];
        for (int j = 0; j < d; j++) theta[r * d + j] = w[j] + s * GaussianDraws.next(rng);
      }
      ParticleBlock block = new ParticleBlock(0, m, d, theta);
      double[] sums = new double[TEACHER.train.rows()];
      block.addPredictionSums(new TanhUnit(), TEACHER.train, null, sums);
      double p = OBJ.meanLoss(sums, m, TEACHER.train, null) + OBJ.lambda1() * block.sumSquaredNorms() / m
          - OBJ.lambda2() * EntropyEstimator.kozachenkoLeonenko(theta, m, d);
      best = Math.min(best, p);
    }
    return best;
  }

  private static MeanFieldRunner.Run run(ParticleMethod method, int blocks, long steps) {
    try (LocalParticleEnsemble e = new LocalParticleEnsemble(new TanhUnit(), TEACHER.train, null, SAMPLE, blocks, 4)) {
      return MeanFieldRunner.run(method, e, evaluator(), new MeanFieldRunner.Budget(steps, steps, false, 0), r -> {});
    }
  }

  @Test
  void mfldBeatsTheSmoothedTeacherAndAlignsWithIt() {
    double bound = smoothedTeacherObjective();
    MeanFieldRunner.Run r = run(new Mfld(new MfldConfig(1.0, 0, 3), OBJ, TEACHER.train), 2, 400);
    MeanFieldRecord first = r.trace().get(0);
    MeanFieldRecord last = r.last();
    assertTrue(first.objective() > bound, "the start is worse than the bound: " + first.objective() + " vs " + bound);
    assertTrue(last.objective() < bound, "MFLD objective " + last.objective() + " ≥ smoothed-teacher objective " + bound);
    assertTrue(last.alignment() > first.alignment() + 0.2, "alignment " + first.alignment() + " → " + last.alignment());
  }

  @Test
  void minibatchMfldAndPdaAlsoBeatTheBound() {
    double bound = smoothedTeacherObjective();
    assertTrue(run(new Mfld(new MfldConfig(1.0, 50, 3), OBJ, TEACHER.train), 2, 400).last().objective() < bound);
    assertTrue(run(new ParticleDualAveraging(new PdaConfig(1.0, 5, 3), OBJ, TEACHER.train), 2, 40).last().objective() < bound);
  }

  private static double[] particlesAfter(long seed, int blocks, int batch) {
    return particlesAfter(new MfldConfig(0.5, batch, seed), blocks, 15);
  }

  private static double[] particlesAfter(MfldConfig config, int blocks, int steps) {
    long seed = config.seed();
    try (LocalParticleEnsemble e = new LocalParticleEnsemble(new TanhUnit(), TEACHER.train, null, 50, blocks, seed)) {
      Mfld m = new Mfld(config, OBJ, TEACHER.train);
      m.start(e);
      for (int t = 0; t < steps; t++) m.step();
      double[] all = new double[50 * 3];
      int at = 0;
      for (ParticleBlock b : e.currentBlocks()) {
        for (int j = 0; j < b.count(); j++) b.copyParticle(j, all, 3 * at++);
      }
      return all;
    }
  }

  @Test
  void tailStepDecayIsLinearToZeroAndLeavesTheStartAlone() {
    MfldConfig c = MfldConfig.withTailDecay(2.0, 20, 5, 100, 0.4);
    assertEquals(2.0, c.etaAt(0), 0.0);
    assertEquals(2.0, c.etaAt(59), 0.0);
    assertEquals(2.0, c.etaAt(60), 0.0); // (100 − 60)/40 = 1
    assertEquals(1.0, c.etaAt(80), 1e-15);
    assertEquals(2.0 / 40, c.etaAt(99), 1e-15); // the last step still moves
    assertEquals(2.0, MfldConfig.withTailDecay(2.0, 20, 5, 100, 0).etaAt(99), 0.0);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MfldConfig.withTailDecay(2.0, 20, 5, 100, 1.5)).getMessage()
        .contains("--step-decay"));
    // Same trajectory as the constant step until the decay starts, a different one after.
    MfldConfig decayed = MfldConfig.withTailDecay(0.5, 20, 5, 20, 0.5);
    assertArrayEquals(particlesAfter(new MfldConfig(0.5, 20, 5), 3, 10), particlesAfter(decayed, 3, 10), 0.0);
    assertFalse(Arrays.equals(particlesAfter(new MfldConfig(0.5, 20, 5), 3, 15), particlesAfter(decayed, 3, 15)));
    // and the decayed minibatch run still beats the smoothed teacher
    assertTrue(run(new Mfld(MfldConfig.withTailDecay(1.0, 50, 3, 400, 0.5), OBJ, TEACHER.train), 2, 400).last().objective()
        < smoothedTeacherObjective());
  }

  @Test
  void sameSeedSameTrajectoryAndBlockingOnlyChangesRounding() {
    double[] a = particlesAfter(5, 3, 20);
    assertArrayEquals(a, particlesAfter(5, 3, 20), 0.0);
    assertFalse(Arrays.equals(a, particlesAfter(6, 3, 20)));
    // noise is keyed by the global particle index: other block counts change only the summation order
    assertArrayEquals(a, particlesAfter(5, 1, 20), 1e-10);
    assertArrayEquals(a, particlesAfter(5, 7, 20), 1e-10);
  }

  /** An ensemble whose predictions never change: the loss derivatives are a constant vector g. */
  private static final class FrozenEnsemble implements ParticleEnsemble {
    final double[] sums;

    FrozenEnsemble(double[] sums) {
      this.sums = sums;
    }

    public int particles() { return 1; }
    public int inputDim() { return TEACHER.train.dim(); }
    public int blocks() { return 1; }
    public NeuronUnit unit() { return new TanhUnit(); }
    public double[] predictionSums(int[] rows) { return sums.clone(); }
    public double[] update(LangevinUpdate u, int[] next, boolean predict) { return sums.clone(); }
    public EnsembleSnapshot snapshot(int sample) { throw new UnsupportedOperationException(); }
    public void prepare(int[] rows) {}
    public long rounds() { return 0; }
    public void continueCounting(long rounds) {}
    public void close() {}
  }

  @Test
  void dualAverageUsesLinearWeightsNormalizedThroughTheNextIterate() {
    int n = TEACHER.train.rows();
    double[] sums = new double[n];
    Arrays.fill(sums, 0.25);
    ParticleDualAveraging pda = new ParticleDualAveraging(new PdaConfig(0.1, 2, 1), OBJ, TEACHER.train);
    pda.start(new FrozenEnsemble(sums));
    for (int t = 1; t <= 6; t++) {
      pda.step();
      double[] a = pda.dualAverage();
      // Σ_{s≤t} s·g / ((t+1)(t+2)/2) = g · t/(t+2)
      for (int i = 0; i < n; i += 37) {
        assertEquals((0.25 - TEACHER.train.y()[i]) * t / (t + 2.0), a[i], 1e-12, "t=" + t + " i=" + i);
      }
      assertEquals(2L * t, pda.langevinSteps());
    }
  }

  @Test
  void badSettingsAreRefusedWithTheFlagName() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new MfldConfig(0, 0, 1)).getMessage().contains("--step"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new PdaConfig(0.1, 0, 1)).getMessage().contains("--inner-steps"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new MeanFieldObjective(new SquaredLoss(), 0, 1))
        .getMessage().contains("--lambda1"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new MeanFieldObjective(new org.stochopt.core.loss.SmoothedHingeLoss(1), 1, 1)).getMessage().contains("squared and logistic"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> NeuronUnit.parse("relu")).getMessage().contains("relu"));
    assertThrows(IllegalArgumentException.class, () -> new LocalParticleEnsemble(new TanhUnit(), TEACHER.train, null, 3, 4, 1));
  }
}
