package org.stochopt.core.meanfield;

import org.stochopt.core.rng.GaussianDraws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stochopt.core.loss.SquaredLoss;

/** The noise, the entropy estimator and the dual certificate against closed forms. */
class LangevinAndEstimatorsTest {

  @Test
  void withoutDataTheChainReachesItsGaussianStationaryLaw() {
    // c = 0: θ' = (1 − 2λ₁η)θ + sqrt(2λ₂η)ξ, stationary variance 2λ₂η / (1 − (1 − 2λ₁η)²).
    double lambda1 = 0.5;
    double lambda2 = 0.02;
    double eta = 0.1;
    int m = 4000;
    int p = 2;
    DataMatrix data = new DataMatrix(new double[p], new double[1], p);
    ParticleBlock block = ParticleBlock.initialize(new TanhUnit(), p, 0, m, 5);
    block = block.langevin(new TanhUnit(), data, new LangevinUpdate(null, new double[1], eta, lambda1, lambda2, 200, 0, 9));
    double a = 1 - 2 * lambda1 * eta;
    double expected = 2 * lambda2 * eta / (1 - a * a);
    double var = block.sumSquaredNorms() / (m * p);
    // the sample variance of 8000 normals has relative standard deviation sqrt(2/8000) ≈ 1.6%
    assertEquals(expected, var, 0.05 * expected);
  }

  @Test
  void kozachenkoLeonenkoRecoversGaussianEntropy() {
    int s = 3000;
    int p = 3;
    double sigma = 0.7;
    double[] x = new double[s * p];
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < x.length; i++) x[i] = sigma * GaussianDraws.next(rng);
    double exact = 0.5 * p * Math.log(2 * Math.PI * Math.E * sigma * sigma);
    assertEquals(exact, EntropyEstimator.kozachenkoLeonenko(x, s, p), 0.08);
    assertEquals(Math.log(Math.PI), EntropyEstimator.logUnitBallVolume(2), 1e-12);
    assertEquals(Math.log(4 * Math.PI / 3), EntropyEstimator.logUnitBallVolume(3), 1e-12);
  }

  @Test
  void dualAtZeroDerivativesIsTheGaussianPartitionFunction() {
    // g = 0: ℓ*(0) = 0 and Z = ∫exp(−λ₁‖θ‖²/λ₂) = (πλ₂/λ₁)^{p/2}, so D = −λ₂ (p/2) log(πλ₂/λ₁).
    TinyTeacher t = new TinyTeacher(30, 3, 2, 0.1, 1);
    MeanFieldObjective obj = new MeanFieldObjective(new SquaredLoss(), 0.2, 0.05);
    double[] sample = new double[200 * 3];
    SplittableRandom rng = new SplittableRandom(8);
    for (int i = 0; i < sample.length; i++) sample[i] = 0.3 * GaussianDraws.next(rng);
    DualCertificate.Estimate d = DualCertificate.estimate(obj, new TanhUnit(), t.train, new double[30], sample, 200, 4000, 1);
    double logZ = 1.5 * Math.log(Math.PI * 0.05 / 0.2);
    assertEquals(logZ, d.logPartition(), 0.02);
    assertEquals(-0.05 * logZ, d.dual(), 0.05 * 0.02);
  }

  @Test
  void logisticConjugateSatisfiesFenchelYoungWithEquality() {
    MeanFieldObjective obj = new MeanFieldObjective(new org.stochopt.core.loss.LogisticLoss(), 1, 1);
    for (double z : new double[] {-3, -0.2, 0.5, 4}) {
      for (double y : new double[] {-1, 1}) {
        double g = obj.loss().derivative(z, y);
        assertEquals(g * z, obj.loss().value(z, y) + obj.conjugate(g, y), 1e-12);
        assertTrue(obj.loss().value(z + 0.3, y) + obj.conjugate(g, y) >= g * (z + 0.3) - 1e-12);
      }
    }
  }
}
