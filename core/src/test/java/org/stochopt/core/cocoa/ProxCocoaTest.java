package org.stochopt.core.cocoa;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stochopt.core.TestData;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.oracle.LazyLocalStepsTest;
import org.stochopt.core.reference.OwlqnSolver;
import org.stochopt.core.reference.ReferenceOptimum;
import org.stochopt.core.reg.ElasticNet;
import org.stochopt.core.runtime.LocalPartitionRunner;

/**
 * CoCoA+ with an L1 part (prox-SDCA's soft-threshold; pure L1 through proximal subproblems): it reaches the
 * optimum that OWL-QN finds independently on the same rows, and every round's lower bound is below
 * that optimum (weak duality: the certificate is one for the unsmoothed problem asked for).
 */
class ProxCocoaTest {
  static ReferenceOptimum optimum(List<RowBlock> parts, int d, ElasticNet reg) {
    InMemoryOracle o = new InMemoryOracle(new LinearObjective(new LogisticLoss(), d), parts);
    return OwlqnSolver.highPrecision().solve(o, reg, new double[d]);
  }

  static CocoaPlus.Result run(List<RowBlock> parts, int d, ElasticNet reg, int threads, double tol, int maxRounds) {
    List<CocoaBlock> blocks = parts.stream().map(CocoaBlock::start).toList();
    long n = parts.stream().mapToLong(RowBlock::rows).sum();
    CocoaPlus.Config c = new CocoaPlus.Config(reg.l2Weight(), reg.l1Weight(), 0, 3);
    return CocoaPlus.run(new LocalPartitionRunner<>(blocks, threads), n, d, c, maxRounds, tol, r -> {});
  }

  /** Weak duality every round, the final gap bounds the suboptimality, and the objective is OWL-QN's. */
  static void checkCertificates(CocoaPlus.Result r, ReferenceOptimum opt) {
    double fStar = opt.objective();
    for (CocoaPlus.Record rec : r.trace()) {
      assertTrue(rec.dual() <= fStar + 1e-12 && rec.primal() >= fStar - 1e-12, rec + " vs F* = " + fStar);
    }
    assertTrue(r.primal() - fStar <= r.gap() + 1e-14, r.primal() + " - " + fStar + " > gap " + r.gap());
  }

  static int nonzeros(double[] w) {
    int k = 0;
    for (double x : w) if (x != 0.0) k++;
    return k;
  }

  @Test
  void elasticNetReachesOwlqnsOptimumWithItsZeros() {
    int d = 12;
    List<RowBlock> parts = TestData.split(TestData.builder(3000, d, 1.0, true, 21).build(d, 0), 4);
    ElasticNet reg = new ElasticNet(2e-2, 1e-3, "test");
    ReferenceOptimum opt = optimum(parts, d, reg);
    CocoaPlus.Result r = run(parts, d, reg, 2, 1e-10, 2000);
    assertTrue(r.converged(), "gap " + r.gap() + " after " + r.trace().size() + " rounds");
    checkCertificates(r, opt);
    assertEquals(opt.objective(), r.primal(), 1e-9 * opt.objective());
    int zeros = 0;
    for (int j = 0; j < d; j++) {
      assertEquals(opt.solution()[j], r.w()[j], 1e-3 * Math.max(1, Math.abs(opt.solution()[j])), "w_" + j);
      // The soft-threshold gives exact zeros where OWL-QN's orthant steps do.
      if (opt.solution()[j] == 0.0) {
        assertEquals(0.0, r.w()[j], "w_" + j);
        zeros++;
      }
    }
    assertTrue(zeros > 0 && zeros < d, "the test needs a sparse, nonzero optimum: " + zeros + " zeros");
    assertArrayEquals(r.w(), run(parts, d, reg, 1, 1e-10, 2000).w(), 0.0); // partition-order merges
  }

  @Test
  void pureL1IsCertifiedForTheUnsmoothedProblem() {
    int d = 12;
    List<RowBlock> parts = TestData.split(TestData.builder(3000, d, 1.0, true, 23).build(d, 0), 4);
    ElasticNet reg = ElasticNet.l1(2e-2);
    ReferenceOptimum opt = optimum(parts, d, reg);
    CocoaPlus.Result r = run(parts, d, reg, 2, 1e-9, 300);
    assertTrue(r.converged(), "gap " + r.gap() + " after " + r.trace().size() + " rounds");
    checkCertificates(r, opt);
    assertEquals(opt.objective(), r.primal(), 1e-9 * opt.objective());
    for (int j = 0; j < d; j++) {
      assertEquals(opt.solution()[j], r.w()[j], 1e-3 * Math.max(1, Math.abs(opt.solution()[j])), "w_" + j);
      if (opt.solution()[j] == 0.0) assertEquals(0.0, r.w()[j], "w_" + j);
    }
    int nnz = nonzeros(r.w());
    assertTrue(nnz > 0 && nnz < d, "nonzeros " + nnz);
    System.out.printf("cocoa+ l1 d=12 n=3000: %d rounds to gap 1e-9, %d nonzeros (owl-qn %d)%n", r.trace().size(), nnz,
        nonzeros(opt.solution()));
  }

  @Test
  void pureL1OnWideSparseRows() {
    // d = 20 000 ≫ n = 1 200, random labels: proximal subproblems with δ = max(λ₁, 1/n).
    RowBlock all = LazyLocalStepsTest.rows(1200, 9);
    int d = all.dim();
    List<RowBlock> parts = TestData.split(all, 3);
    ElasticNet reg = ElasticNet.l1(1e-3);
    ReferenceOptimum opt = optimum(parts, d, reg);
    CocoaPlus.Result r = run(parts, d, reg, 2, 1e-8, 300);
    assertTrue(r.converged(), "gap " + r.gap() + " after " + r.trace().size() + " rounds");
    checkCertificates(r, opt);
    assertTrue(r.primal() - opt.objective() <= 1e-8 * opt.objective(), r.primal() + " vs " + opt.objective());
    int nnz = nonzeros(r.w());
    assertTrue(nnz > 0 && nnz < d / 10, "nonzeros " + nnz);
    System.out.printf("cocoa+ l1 d=%d n=1200: %d rounds to gap 1e-8, %d nonzeros (owl-qn %d)%n", d, r.trace().size(), nnz,
        nonzeros(opt.solution()));
  }

  @Test
  void labelSortedPartitionsStillConvergeWithAnL1Part() {
    int d = 12;
    RowBlock all = TestData.builder(3000, d, 1.0, true, 22).build(d, 0);
    List<RowBlock> parts = CocoaPlusTest.sortedByLabel(all, d);
    ElasticNet reg = new ElasticNet(1e-2, 1e-3, "test");
    ReferenceOptimum opt = optimum(parts, d, reg);
    CocoaPlus.Result r = run(parts, d, reg, 2, 1e-8, 3000);
    assertTrue(r.converged(), "gap " + r.gap() + " after " + r.trace().size() + " rounds");
    checkCertificates(r, opt);
    assertEquals(opt.objective(), r.primal(), 1e-7 * opt.objective());
  }

  @Test
  void softThresholdIsTheConjugatesGradient() {
    assertArrayEquals(new double[] {0.5, 0, 0, -1.5, 0}, CocoaPlus.softThreshold(new double[] {1.5, 1.0, -0.2, -2.5, 0}, 1.0), 0.0);
  }
}
