package org.stochopt.core.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.loss.SquaredLoss;

/**
 * The MFLD drift is ∇θ δF/δq(θ_j) = M · ∂F(Θ)/∂θ_j for the particle objective
 * F(Θ) = (1/n) Σ_i ℓ((1/M) Σ_r h(θ_r, x_i), y_i) + (λ₁/M) Σ_r ‖θ_r‖², computed here
 * independently by central differences (no noise: λ₂ = 0, one full-batch Euler step).
 */
class FirstVariationGradientTest {
  private static final double LAMBDA1 = 0.03;

  private static double particleObjective(MeanFieldObjective obj, NeuronUnit unit, DataMatrix data, double[] theta, int m, int p) {
    ParticleBlock block = new ParticleBlock(0, m, p, theta);
    double[] sums = new double[data.rows()];
    block.addPredictionSums(unit, data, null, sums);
    return obj.meanLoss(sums, m, data, null) + obj.lambda1() * block.sumSquaredNorms() / m;
  }

  @Test
  void driftMatchesFiniteDifferencesForEveryUnitAndLoss() {
    TinyTeacher t = new TinyTeacher(40, 4, 2, 0.1, 7);
    double[] labels = new double[t.train.rows()];
    for (int i = 0; i < labels.length; i++) labels[i] = t.train.y()[i] > 0 ? 1 : -1;
    DataMatrix classification = new DataMatrix(t.train.x(), labels, t.train.dim());
    for (NeuronUnit unit : List.of(new TanhUnit(), new BoundedTanhUnit(1.7))) {
      for (Loss loss : List.of(new SquaredLoss(), new LogisticLoss())) {
        DataMatrix data = loss instanceof LogisticLoss ? classification : t.train;
        check(unit, new MeanFieldObjective(loss, LAMBDA1, 0.0), data);
      }
    }
  }

  private static void check(NeuronUnit unit, MeanFieldObjective obj, DataMatrix data) {
    int m = 5;
    int p = unit.parameterDim(data.dim());
    LocalParticleEnsemble e = new LocalParticleEnsemble(unit, data, null, m, 1, 3);
    double[] theta = new double[m * p];
    for (int j = 0; j < m; j++) e.currentBlocks().get(0).copyParticle(j, theta, j * p);
    double eta = 1e-3;
    Mfld mfld = new Mfld(new MfldConfig(eta, 0, 1), obj, data);
    mfld.start(e);
    mfld.step();
    double[] after = new double[m * p];
    for (int j = 0; j < m; j++) e.currentBlocks().get(0).copyParticle(j, after, j * p);

    SplittableRandom rng = new SplittableRandom(11);
    double h = 1e-5;
    for (int j = 0; j < m; j++) {
      double[] v = new double[p];
      double dirDrift = 0.0;
      for (int k = 0; k < p; k++) {
        v[k] = rng.nextDouble() - 0.5;
        dirDrift += v[k] * (theta[j * p + k] - after[j * p + k]) / eta;
      }
      double[] plus = theta.clone();
      double[] minus = theta.clone();
      for (int k = 0; k < p; k++) {
        plus[j * p + k] += h * v[k];
        minus[j * p + k] -= h * v[k];
      }
      double fd = m * (particleObjective(obj, unit, data, plus, m, p) - particleObjective(obj, unit, data, minus, m, p)) / (2 * h);
      assertEquals(fd, dirDrift, 1e-6 * Math.max(1, Math.abs(fd)), unit.spec() + "/" + obj.loss().name() + " particle " + j);
    }
    assertTrue(Math.abs(after[0] - theta[0]) > 0, "the step moved the particles");
  }
}
