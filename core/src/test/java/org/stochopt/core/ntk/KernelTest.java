package org.stochopt.core.ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The NTK: finite width → closed form, eigen-solver, kernel ridge, source norms, step condition, rates. */
class KernelTest {
  @Test
  void finiteWidthGramConvergesToTheReluClosedForm() {
    int n = 12;
    int d = 5;
    int m = 200_000;
    double[] x = EigenfunctionTarget.spherePoints(n, d, 1);
    for (int i = 0; i < d; i++) x[i] *= 0.6; // one point off the sphere: the norms enter k_a
    double[] dirs = EigenfunctionTarget.spherePoints(m, d, 2);
    NtkGram fin = NtkGram.finiteWidth(x, n, d, dirs, m, new Activation.Relu(), 0.8, 1.5);
    NtkGram inf = NtkGram.reluClosedForm(x, n, d, 0.8, 1.5);
    for (int k = 0; k < n * n; k++) {
      assertEquals(inf.outputTerm()[k], fin.outputTerm()[k], 3e-3, "k_a entry " + k);
      assertEquals(inf.inputTerm()[k], fin.inputTerm()[k], 1e-2, "k_b entry " + k);
    }
    // Self-similarity: k_a(x, x) = 1/(2d) on the sphere, k_b(x, x) = R²(1 + γ²)/2.
    assertEquals(1.0 / (2 * d), inf.outputTerm()[n * n - 1], 1e-15);
    assertEquals(0.64 * (1 + 2.25) / 2, inf.inputTerm()[n * n - 1], 1e-12);
  }

  @Test
  void eigenSolverReproducesAKnownSpectrum() {
    int n = 30;
    SplittableRandom rng = new SplittableRandom(3);
    // Q diag(λ) Qᵀ with Q from Gram–Schmidt of random vectors.
    double[][] q = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) q[i][k] = rng.nextGaussian();
      for (int j = 0; j < i; j++) {
        double dot = 0;
        for (int k = 0; k < n; k++) dot += q[i][k] * q[j][k];
        for (int k = 0; k < n; k++) q[i][k] -= dot * q[j][k];
      }
      double norm = 0;
      for (int k = 0; k < n; k++) norm += q[i][k] * q[i][k];
      for (int k = 0; k < n; k++) q[i][k] /= Math.sqrt(norm);
    }
    double[] lam = new double[n];
    for (int i = 0; i < n; i++) lam[i] = Math.pow(i + 1, -1.5);
    double[] a = new double[n * n];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        double s = 0;
        for (int i = 0; i < n; i++) s += lam[i] * q[i][r] * q[i][c];
        a[c * n + r] = s;
      }
    }
    SymmetricEigen eig = SymmetricEigen.of(a, n, true);
    for (int i = 0; i < n; i++) assertEquals(lam[i], eig.values()[i], 1e-12);
    double[] v = eig.vector(0);
    double dot = 0;
    for (int k = 0; k < n; k++) dot += v[k] * q[0][k];
    assertEquals(1.0, Math.abs(dot), 1e-10);
  }

  @Test
  void kernelRidgeSolvesTheRegularisedSystem() {
    int n = 40;
    int d = 4;
    double[] x = EigenfunctionTarget.spherePoints(n, d, 5);
    double[] k = NtkGram.reluClosedForm(x, n, d, 1.0, 1.0).of(TrainedLayers.BOTH);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) y[i] = Math.sin(3 * x[i * d]);
    double lambda = 1e-3;
    double[] alpha = KernelRidge.fit(k, n, y, lambda);
    for (int i = 0; i < n; i++) {
      double s = n * lambda * alpha[i];
      for (int j = 0; j < n; j++) s += k[j * n + i] * alpha[j];
      assertEquals(y[i], s, 1e-9);
    }
  }

  @Test
  void eigenfunctionTargetHasTheAdvertisedNorms() {
    int n = 400;
    int d = 3;
    EigenfunctionTarget t = new EigenfunctionTarget(d, n, 1.0, 1.0, TrainedLayers.BOTH, 7);
    // On the reference points the target is the mean of 10 orthonormal eigenfunctions: ‖g‖²_n = 1/10.
    double[] pts = EigenfunctionTarget.spherePoints(n, d, org.stochopt.core.rng.Seeds.child(7, 0x45494746L));
    double[] g = new double[n];
    double sq = 0;
    for (int i = 0; i < n; i++) {
      g[i] = t.value(pts, i * d);
      sq += g[i] * g[i] / n;
    }
    assertEquals(0.1, sq, 1e-8);
    double[] k = NtkGram.reluClosedForm(pts, n, d, 1.0, 1.0).of(TrainedLayers.BOTH);
    for (int i = 0; i < k.length; i++) k[i] /= n;
    SymmetricEigen eig = SymmetricEigen.of(k, n, true);
    for (double r : new double[] {0.5, 1.0}) {
      assertEquals(t.sourceNorm(r), SourceNorms.norm(eig, g, r, 1e-12), 1e-6 * t.sourceNorm(r), "r = " + r);
    }
  }

  @Test
  void stepConditionAndRates() {
    assertNull(StepCondition.violation(1.0 / 24.0, 0.0));
    String v = StepCondition.violation(0.05, 0.1);
    assertTrue(v.startsWith("--step 0.05 breaks the step condition 4(6 + λ)η ≤ 1"), v);
    assertThrows(IllegalArgumentException.class, () -> new AveragedSgd.Config(0.05, 0.1, 1));
    assertEquals(1.0 / (4 * 6.1), StepCondition.maxStep(0.1), 1e-15);
    assertEquals(Math.pow(1000, -1.25 / 2.25), RateTheory.lambda(1000, 0.5, 1.25), 1e-15);
    assertEquals(1.25 / 2.25, RateTheory.rateExponent(0.5, 1.25), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> RateTheory.check(0.4, 2));
    assertThrows(IllegalArgumentException.class, () -> RateTheory.check(0.5, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new NtkShape(7, 2, 1, 1, new Activation.Relu(), TrainedLayers.BOTH));
  }
}
