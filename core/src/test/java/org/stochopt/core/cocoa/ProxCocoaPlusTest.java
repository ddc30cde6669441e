package org.stochopt.core.cocoa;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stochopt.core.TestData;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.oracle.LazyLocalStepsTest;
import org.stochopt.core.reference.ReferenceOptimum;
import org.stochopt.core.reg.ElasticNet;
import org.stochopt.core.runtime.LocalPartitionRunner;

/**
 * ProxCoCoA+ (feature-partitioned, primal): it reaches the optimum OWL-QN finds independently on the same
 * rows, with the same zeros; every round's lower bound is below that optimum and its primal above it (weak
 * duality, for the unsmoothed problem); the column layout is the rows' transpose; results do not depend on
 * the thread count; partitions sorted by label converge.
 */
class ProxCocoaPlusTest {
  static LocalPartitionRunner<ProxCocoaBlock> laidOut(List<RowBlock> parts, int threads, double[][] labels) {
    LocalPartitionRunner<ProxCocoaBlock> r = new LocalPartitionRunner<>(parts.stream().map(ProxCocoaBlock::ofRows).toList(), threads);
    labels[0] = ProxCocoaPlus.layout(r, parts.get(0).dim());
    return r;
  }

  static ProxCocoaPlus.Result run(List<RowBlock> parts, ElasticNet reg, int threads, ProxCocoaPlus.Curvature curv, double tol,
      int maxRounds) {
    double[][] y = new double[1][];
    LocalPartitionRunner<ProxCocoaBlock> r = laidOut(parts, threads, y);
    ProxCocoaPlus.Config c = new ProxCocoaPlus.Config(reg.l1Weight(), reg.l2Weight(), 0, 3, curv);
    return ProxCocoaPlus.run(r, y[0], c, maxRounds, tol, rec -> {});
  }

  static void checkAgainst(ProxCocoaPlus.Result r, ReferenceOptimum opt, double relTol) {
    double fStar = opt.objective();
    for (ProxCocoaPlus.Record rec : r.trace()) {
      assertTrue(rec.dual() <= fStar + 1e-12 && rec.primal() >= fStar - 1e-12, rec + " vs F* = " + fStar);
    }
    assertTrue(r.primal() - fStar <= r.gap() + 1e-14, r.primal() + " - " + fStar + " > gap " + r.gap());
    assertEquals(fStar, r.primal(), relTol * fStar);
  }

  @Test
  void columnsAreTheRowsTransposed() {
    int d = 9;
    List<RowBlock> parts = TestData.split(TestData.builder(50, d, 0.4, true, 5).build(d, 0), 3);
    double[][] y = new double[1][];
    LocalPartitionRunner<ProxCocoaBlock> r = laidOut(parts, 2, y);
    double[][] dense = new double[50][d];
    int row = 0;
    for (RowBlock b : parts) {
      for (int i = 0; i < b.rows(); i++, row++) {
        final int at = row;
        b.forEachEntry(i, (j, v) -> dense[at][j] = v);
        assertEquals(b.label(i), y[0][at]);
      }
    }
    int covered = 0;
    for (ProxCocoaBlock b : r.collect()) {
      FeatureColumns c = b.columns();
      assertEquals(covered, c.from());
      double[][] got = new double[50][d];
      for (int k = 0; k < c.width(); k++) {
        for (int e = c.start(k); e < c.end(k); e++) {
          if (e > c.start(k)) assertTrue(c.rowIndexView()[e] > c.rowIndexView()[e - 1], "sorted rows");
          got[c.rowIndexView()[e]][c.from() + k] = c.valuesView()[e];
        }
      }
      for (int i = 0; i < 50; i++) for (int j = c.from(); j < c.to(); j++) assertEquals(dense[i][j], got[i][j], "entry " + i + "," + j);
      covered = c.to();
    }
    assertEquals(d, covered);
  }

  @Test
  void elasticNetReachesOwlqnsOptimumWithItsZeros() {
    int d = 12;
    List<RowBlock> parts = TestData.split(TestData.builder(3000, d, 1.0, true, 21).build(d, 0), 4);
    ElasticNet reg = new ElasticNet(2e-2, 1e-3, "test");
    ReferenceOptimum opt = ProxCocoaTest.optimum(parts, d, reg);
    for (ProxCocoaPlus.Curvature curv : ProxCocoaPlus.Curvature.values()) {
      ProxCocoaPlus.Result r = run(parts, reg, 2, curv, 1e-10, 3000);
      assertTrue(r.converged(), curv + ": gap " + r.gap() + " after " + r.trace().size() + " rounds");
      checkAgainst(r, opt, 1e-9);
      checkZeros(r.w(), opt.solution());
      System.out.printf("proxcocoa+ %s elastic net d=12 n=3000 K=4: %d rounds to gap 1e-10%n", curv, r.trace().size());
    }
  }

  static void checkZeros(double[] w, double[] star) {
    int zeros = 0;
    for (int j = 0; j < star.length; j++) {
      assertEquals(star[j], w[j], 1e-3 * Math.max(1, Math.abs(star[j])), "w_" + j);
      if (star[j] == 0.0) {
        assertEquals(0.0, w[j], "w_" + j); // the soft-threshold gives exact zeros where OWL-QN's orthant steps do
        zeros++;
      }
    }
    assertTrue(zeros > 0 && zeros < star.length, "the test needs a sparse, nonzero optimum: " + zeros + " zeros");
  }

  @Test
  void pureL1ReachesOwlqnsOptimumAndIsCertified() {
    int d = 12;
    List<RowBlock> parts = TestData.split(TestData.builder(3000, d, 1.0, true, 23).build(d, 0), 4);
    ElasticNet reg = ElasticNet.l1(2e-2);
    ReferenceOptimum opt = ProxCocoaTest.optimum(parts, d, reg);
    for (ProxCocoaPlus.Curvature curv : ProxCocoaPlus.Curvature.values()) {
      // The bound model's steps are small near w* (φ'' ≪ 1/4 there): it certifies 1e-7 in the rounds the Newton model needs for 1e-9.
      // The L1 certificate closes like ‖v − v*‖ ~ √(P − P*): with P at rounding level it stops near 1e-9.
      double tol = curv == ProxCocoaPlus.Curvature.BOUND ? 1e-7 : 1e-8;
      ProxCocoaPlus.Result r = run(parts, reg, 2, curv, tol, 3000);
      assertTrue(r.converged(), curv + ": gap " + r.gap() + " after " + r.trace().size() + " rounds");
      checkAgainst(r, opt, tol);
      System.out.printf("proxcocoa+ %s l1 d=12 n=3000 K=4: %d rounds to gap %.0e%n", curv, r.trace().size(), tol);
      checkZeros(r.w(), opt.solution());
    }
  }

  @Test
  void pureL1OnWideSparseRowsWithAnyPartitionCount() {
    RowBlock all = LazyLocalStepsTest.rows(1200, 9);
    int d = all.dim();
    ElasticNet reg = ElasticNet.l1(1e-3);
    List<RowBlock> one = TestData.split(all, 1);
    ReferenceOptimum opt = ProxCocoaTest.optimum(one, d, reg);
    for (int k : new int[] {1, 3}) {
      ProxCocoaPlus.Result r = run(TestData.split(all, k), reg, 2, ProxCocoaPlus.Curvature.HESSIAN, 1e-8, 2000);
      assertTrue(r.converged(), "K=" + k + ": gap " + r.gap() + " after " + r.trace().size() + " rounds");
      checkAgainst(r, opt, 1e-8);
      int nnz = 0;
      for (double x : r.w()) if (x != 0) nnz++;
      assertTrue(nnz > 0 && nnz < d / 10, "nonzeros " + nnz);
      System.out.printf("proxcocoa+ l1 d=%d n=1200 K=%d: %d rounds to gap 1e-8, %d nonzeros%n", d, k, r.trace().size(), nnz);
    }
  }

  @Test
  void threadCountDoesNotChangeABit() {
    int d = 12;
    List<RowBlock> parts = TestData.split(TestData.builder(2000, d, 1.0, true, 24).build(d, 0), 3);
    ElasticNet reg = ElasticNet.l1(1e-2);
    ProxCocoaPlus.Result a = run(parts, reg, 1, ProxCocoaPlus.Curvature.HESSIAN, 1e-9, 500);
    ProxCocoaPlus.Result b = run(parts, reg, 3, ProxCocoaPlus.Curvature.HESSIAN, 1e-9, 500);
    assertArrayEquals(a.w(), b.w(), 0.0);
    assertEquals(a.trace().size(), b.trace().size());
  }

  @Test
  void labelSortedRowsConverge() {
    int d = 12;
    RowBlock all = TestData.builder(3000, d, 1.0, true, 22).build(d, 0);
    List<RowBlock> parts = CocoaPlusTest.sortedByLabel(all, d);
    ElasticNet reg = new ElasticNet(1e-2, 1e-3, "test");
    ReferenceOptimum opt = ProxCocoaTest.optimum(parts, d, reg);
    ProxCocoaPlus.Result r = run(parts, reg, 2, ProxCocoaPlus.Curvature.BOUND, 1e-8, 5000);
    assertTrue(r.converged(), "gap " + r.gap() + " after " + r.trace().size() + " rounds");
    checkAgainst(r, opt, 1e-7);
  }
}
