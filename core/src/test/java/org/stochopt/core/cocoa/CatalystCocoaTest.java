package org.stochopt.core.cocoa;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stochopt.core.TestData;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.core.reference.ReferenceOptimum;
import org.stochopt.core.reg.ElasticNet;
import org.stochopt.core.runtime.LocalPartitionRunner;

/**
 * The accelerated outer loop of CoCoA+: it reaches OWL-QN's optimum of the original problem with a
 * certificate for that problem (weak duality every round), on any partitioning, and needs fewer rounds
 * than plain CoCoA+ where partitions share features (the case it is for).
 */
class CatalystCocoaTest {
  static CocoaPlus.Result run(List<RowBlock> parts, int d, ElasticNet reg, double kappa, int threads, double tol, int maxRounds) {
    List<CocoaBlock> blocks = parts.stream().map(CocoaBlock::start).toList();
    long n = parts.stream().mapToLong(RowBlock::rows).sum();
    CocoaPlus.Config c = new CocoaPlus.Config(reg.l2Weight(), reg.l1Weight(), 0, 3, kappa);
    return CocoaPlus.run(new LocalPartitionRunner<>(blocks, threads), n, d, c, maxRounds, tol, r -> {});
  }

  @Test
  void reachesTheOptimumOfTheOriginalProblemWithItsCertificate() {
    int d = 12;
    List<RowBlock> parts = TestData.split(TestData.builder(3000, d, 1.0, true, 21).build(d, 0), 4);
    for (ElasticNet reg : List.of(ElasticNet.l2(1e-3), new ElasticNet(2e-2, 1e-3, "test"))) {
      ReferenceOptimum opt = ProxCocoaTest.optimum(parts, d, reg);
      CocoaPlus.Result r = run(parts, d, reg, 2 * reg.l2Weight(), 2, 1e-10, 2000);
      assertTrue(r.converged(), "gap " + r.gap() + " after " + r.trace().size() + " rounds");
      ProxCocoaTest.checkCertificates(r, opt); // D(α) of the original problem ≤ F* ≤ P(w) every round
      assertEquals(opt.objective(), r.primal(), 1e-9 * opt.objective());
      for (int j = 0; j < d; j++) assertEquals(opt.solution()[j], r.w()[j], 1e-3 * Math.max(1, Math.abs(opt.solution()[j])));
      // Same bits whatever the number of threads.
      assertArrayEquals(r.w(), run(parts, d, reg, 2 * reg.l2Weight(), 1, 1e-10, 2000).w(), 0.0);
    }
  }

  @Test
  void labelSortedPartitionsStillConverge() {
    int d = 12;
    RowBlock all = TestData.builder(3000, d, 1.0, true, 22).build(d, 0);
    List<RowBlock> parts = CocoaPlusTest.sortedByLabel(all, d);
    ElasticNet reg = ElasticNet.l2(1e-3);
    ReferenceOptimum opt = ProxCocoaTest.optimum(parts, d, reg);
    CocoaPlus.Result r = run(parts, d, reg, 2e-3, 2, 1e-8, 2000);
    assertTrue(r.converged(), "gap " + r.gap() + " after " + r.trace().size() + " rounds");
    ProxCocoaTest.checkCertificates(r, opt);
    assertEquals(opt.objective(), r.primal(), 1e-7 * opt.objective());
  }

  /**
   * Wide rows (d ≫ n) that all share a few "stop word" features, two partitions: plain CoCoA+ (σ' = 2)
   * crawls in the directions the partitions share; the accelerated loop reaches the same certified gap
   * in fewer rounds.
   */
  @Test
  void sharedFeaturesNeedFewerRoundsThanPlainCocoa() {
    int d = 20_000;
    List<RowBlock> parts = sharedFeatureRows(2000, d, 2, 5);
    ElasticNet reg = ElasticNet.l2(1.0 / 2000);
    ReferenceOptimum opt = ProxCocoaTest.optimum(parts, d, reg);
    CocoaPlus.Result plain = run(parts, d, reg, 0.0, 2, 1e-7, 1000);
    CocoaPlus.Result fast = run(parts, d, reg, 2.0 / 2000, 2, 1e-7, 1000);
    assertTrue(plain.converged() && fast.converged());
    ProxCocoaTest.checkCertificates(fast, opt);
    assertEquals(opt.objective(), fast.primal(), 1e-7 * opt.objective());
    assertTrue(fast.trace().size() < 0.5 * plain.trace().size(), "rounds: accelerated " + fast.trace().size() + ", plain "
        + plain.trace().size());
  }

  /** A forced move that finds the inner gap stalled ends the loop (null): the run continues as plain CoCoA+. */
  @Test
  void aStalledInnerSolverEndsTheLoop() {
    CocoaPlus.Config c = new CocoaPlus.Config(1e-3, 0.0, 0, 1, 2e-3);
    CatalystCocoa loop = new CatalystCocoa(c, Math.log(2));
    double[] center = new double[2];
    // Far above ε₀: the centre stays for M rounds, then moves anyway (ε restarts from the gap).
    double[] next = center;
    for (int i = 0; i < CatalystCocoa.MAX_ROUNDS_AT_CENTRE; i++) next = loop.next(step(1.0), next);
    assertNotSame(center, next);
    assertEquals(1, loop.moves());
    // The next centre's gap barely falls (> 3/4 of the last move's): at its forced move the loop ends.
    for (int i = 0; i < CatalystCocoa.MAX_ROUNDS_AT_CENTRE - 1; i++) assertNotNull(next = loop.next(step(0.9), next));
    assertNull(loop.next(step(0.9), next));
    // u' = u·μ/λ₂ keeps v = μu.
    double[] u = {1.0, -2.0};
    CatalystCocoa.toPlain(u, c);
    assertArrayEquals(new double[] {3.0, -6.0}, u, 1e-15);
  }

  private static CocoaPlus.Step step(double innerGap) {
    return new CocoaPlus.Step(1.0, 0.0, new double[] {0.5, 0.5}, new double[2], innerGap, 0L, null);
  }

  /** n rows over P partitions: {@code shared} features in every row (weight 0.5 in all), then 20 random private ones. */
  static List<RowBlock> sharedFeatureRows(int n, int d, int partitions, int shared) {
    SplittableRandom rng = new SplittableRandom(5);
    double[] teacher = new double[d];
    for (int j = 0; j < d; j++) teacher[j] = rng.nextGaussian() * 3;
    List<RowBlock> out = new ArrayList<>();
    int[] idx = new int[shared + 20];
    double[] val = new double[shared + 20];
    for (int p = 0; p < partitions; p++) {
      RowBlockBuilder b = new RowBlockBuilder();
      for (int r = 0; r < n / partitions; r++) {
        java.util.TreeMap<Integer, Double> row = new java.util.TreeMap<>();
        for (int j = 0; j < shared; j++) row.put(j, 0.5);
        while (row.size() < shared + 20) row.put(shared + rng.nextInt(d - shared), rng.nextDouble());
        double norm = 0;
        for (double v : row.values()) norm += v * v;
        int k = 0;
        double margin = 0;
        for (var e : row.entrySet()) {
          idx[k] = e.getKey();
          val[k] = e.getValue() / Math.sqrt(norm);
          margin += teacher[idx[k]] * val[k];
          k++;
        }
        double y = rng.nextDouble() < 1 / (1 + Math.exp(-margin)) ? 1 : -1;
        b.addRow(y, idx, val, k);
      }
      out.add(b.buildSparse(d, (long) p * (n / partitions)));
    }
    return out;
  }
}
