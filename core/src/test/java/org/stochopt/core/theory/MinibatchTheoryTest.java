package org.stochopt.core.theory;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.stochopt.core.optim.ProblemConstants;

class MinibatchTheoryTest {
  private static MinibatchTheory theory(long n, double l, double meanL, double maxL, double mu) {
    return new MinibatchTheory(new TheoryInputs(new ProblemConstants(n, 10, meanL, maxL, l, mu), 1e-6, 1.0, 1.0));
  }

  private static double slope(MinibatchTheory t, String m, long b1, long b2) {
    return Math.log(t.predict(m, b2).rounds() / t.predict(m, b1).rounds()) / Math.log((double) b2 / b1);
  }

  @Test
  void illConditionedOptimalBatchIsRootN() {
    // κ = 10^8 ≥ n = 10^6 and L̄ = L: b* ≈ √n + n/√κ = 1000 + 100.
    MinibatchTheory t = theory(1_000_000, 1.0, 1.0, 1.0, 1e-8);
    assertEquals(1100, t.optimalBatchSize());
  }

  @Test
  void wellConditionedOptimalBatchIsNOverRootKappa() {
    // κ = 100 ≤ n = 10^6: b* ≈ n/√κ = 10^5 (+ √n).
    MinibatchTheory t = theory(1_000_000, 1.0, 1.0, 1.0, 1e-2);
    assertEquals(101_000, t.optimalBatchSize());
    // κ = 1: b* is capped at n.
    assertEquals(1_000_000, theory(1_000_000, 1.0, 1.0, 1.0, 1.0).optimalBatchSize());
  }

  @Test
  void acceleratedRoundsFallLinearlyBelowBStarAndFlattenAbove() {
    MinibatchTheory t = theory(100_000, 1.0, 2.0, 50.0, 1e-6);
    long bStar = t.optimalBatchSize();
    for (String m : new String[] {"katyusha", "dasvrda", "accsvrg-appa"}) {
      assertEquals(-1.0, slope(t, m, 1, Math.max(2, bStar / 50)), 0.1, m + " below b*");
      assertEquals(0.0, slope(t, m, Math.min(100_000, bStar * 20), 100_000), 0.1, m + " above b*");
    }
    // At b ≫ b*, T(b) is within a factor 1.1 of the floor √κ·ℓ (for Katyusha).
    assertEquals(t.acceleratedFloor(), t.predict("katyusha", 100_000).rounds(), 0.1 * t.acceleratedFloor());
  }

  @Test
  void svrgRoundsFlattenNearKappa() {
    MinibatchTheory t = theory(100_000, 1.0, 1.0, 1.0, 1e-4); // κ = 10^4
    double floor = 1e4 * t.logFactor();
    double atN = t.predict("svrg", 100_000).rounds();
    assertTrue(atN >= floor && atN < 1.1 * floor, "SVRG floor ≈ κ·ℓ, got " + atN);
    // With κ ≫ n acceleration wins at every b (when κ ≤ n both are O(n/b) and SVRG may be ahead).
    MinibatchTheory ill = theory(10_000, 1.0, 1.0, 1.0, 1e-6);
    for (long b = 1; b <= 10_000; b *= 10) {
      assertTrue(ill.predict("svrg", b).rounds() > ill.predict("katyusha", b).rounds(), "b=" + b);
    }
  }

  @Test
  void totalWorkIsFlatBelowPhaseTransitionAndLinearAbove() {
    MinibatchTheory t = theory(1_000_000, 1.0, 1.0, 1.0, 1e-9); // b* ≈ 1000 + 31.6
    double w1 = t.predict("katyusha", 1).componentGradients();
    double w100 = t.predict("katyusha", 100).componentGradients();
    assertEquals(w1, w100, 0.15 * w1, "work flat for b ≪ b*");
    double slopeHigh = Math.log(t.predict("katyusha", 1_000_000).componentGradients() / t.predict("katyusha", 100_000).componentGradients()) / Math.log(10);
    assertEquals(1.0, slopeHigh, 0.1, "work linear in b for b ≫ b*");
  }

  @Test
  void sgdNeedsTheNoiseAndNonStronglyConvexNeedsTheDistance() {
    ProblemConstants c = new ProblemConstants(1000, 10, 1, 1, 1, 0.0);
    MinibatchTheory noDistance = new MinibatchTheory(TheoryInputs.stronglyConvex(c, 1e-3));
    assertThrows(IllegalStateException.class, noDistance::optimalBatchSize);
    MinibatchTheory sc = new MinibatchTheory(TheoryInputs.stronglyConvex(new ProblemConstants(1000, 10, 1, 1, 1, 1e-3), 1e-3));
    assertThrows(IllegalStateException.class, () -> sc.predict("sgd", 10));
    assertThrows(IllegalArgumentException.class, () -> sc.predict("newton", 10));
    assertThrows(IllegalArgumentException.class, () -> sc.predict("katyusha", 1001));
  }

  @Test
  void nonStronglyConvexOptimalBatchApproachesRootNAsEpsilonShrinks() {
    ProblemConstants c = new ProblemConstants(1_000_000, 10, 1, 1, 1, 0.0);
    long loose = new MinibatchTheory(new TheoryInputs(c, 1e-2, 1.0, Double.NaN)).optimalBatchSize();
    long tight = new MinibatchTheory(new TheoryInputs(c, 1e-12, 1.0, Double.NaN)).optimalBatchSize();
    assertTrue(loose > tight, loose + " > " + tight);
    assertTrue(tight < 1100 && tight >= 1000, "tight ε: b* ≈ √n, got " + tight);
  }
}
