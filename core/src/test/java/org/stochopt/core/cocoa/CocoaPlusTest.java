package org.stochopt.core.cocoa;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stochopt.core.TestData;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.oracle.LazyLocalStepsTest;
import org.stochopt.core.reference.OwlqnSolver;
import org.stochopt.core.reference.ReferenceOptimum;
import org.stochopt.core.reg.ElasticNet;
import org.stochopt.core.runtime.LocalPartitionRunner;

/** CoCoA+ reaches the independent optimum, its gap certifies it, for any partitioning. */
class CocoaPlusTest {
  private static final double LAMBDA = 1e-3;

  static ReferenceOptimum optimum(List<RowBlock> parts, int d) {
    InMemoryOracle o = new InMemoryOracle(new LinearObjective(new LogisticLoss(), d), parts);
    return OwlqnSolver.highPrecision().solve(o, ElasticNet.l2(LAMBDA), new double[d]);
  }

  static CocoaPlus.Result run(List<RowBlock> parts, int d, int threads, double tol) {
    List<CocoaBlock> blocks = parts.stream().map(CocoaBlock::start).toList();
    long n = parts.stream().mapToLong(RowBlock::rows).sum();
    return CocoaPlus.run(new LocalPartitionRunner<>(blocks, threads), n, d, new CocoaPlus.Config(LAMBDA, 0, 3), 500, tol, r -> {});
  }

  @Test
  void reachesTheOptimumAndTheGapBoundsTheSuboptimality() {
    int d = 12;
    List<RowBlock> parts = TestData.split(TestData.builder(3000, d, 1.0, true, 21).build(d, 0), 4);
    ReferenceOptimum opt = optimum(parts, d);
    CocoaPlus.Result r = run(parts, d, 2, 1e-9);
    assertTrue(r.converged(), "gap " + r.gap());
    for (CocoaPlus.Record rec : r.trace()) {
      // Weak duality: D(α) ≤ P* ≤ P(w), so the gap is a certificate.
      assertTrue(rec.dual() <= opt.objective() + 1e-12 && rec.primal() >= opt.objective() - 1e-12, rec.toString());
    }
    assertTrue(r.primal() - opt.objective() <= r.gap() + 1e-14);
    assertEquals(opt.objective(), r.primal(), 1e-8 * opt.objective());
    for (int j = 0; j < d; j++) assertEquals(opt.solution()[j], r.w()[j], 1e-3 * Math.max(1, Math.abs(opt.solution()[j])));
    // Same bits whatever the number of threads: partition-order merges.
    assertArrayEquals(r.w(), run(parts, d, 1, 1e-9).w(), 0.0);
  }

  @Test
  void labelSortedPartitionsStillConverge() {
    int d = 12;
    RowBlock all = TestData.builder(3000, d, 1.0, true, 22).build(d, 0);
    List<RowBlock> parts = sortedByLabel(all, d);
    ReferenceOptimum opt = optimum(parts, d);
    CocoaPlus.Result r = run(parts, d, 2, 1e-8);
    assertTrue(r.converged(), "gap " + r.gap() + " after " + r.trace().size() + " rounds");
    assertEquals(opt.objective(), r.primal(), 1e-7 * opt.objective());
  }

  /** Two partitions: every negative row, then every positive row. */
  static List<RowBlock> sortedByLabel(RowBlock all, int d) {
    RowBlockBuilder neg = new RowBlockBuilder();
    RowBlockBuilder pos = new RowBlockBuilder();
    int[] idx = new int[d];
    double[] val = new double[d];
    for (int r = 0; r < all.rows(); r++) {
      int[] c = {0};
      all.forEachEntry(r, (j, v) -> {
        idx[c[0]] = j;
        val[c[0]++] = v;
      });
      (all.label(r) < 0 ? neg : pos).addRow(all.label(r), idx, val, c[0]);
    }
    return List.of(neg.buildSparse(d, 0), pos.buildSparse(d, neg.rows()));
  }

  @Test
  void sparseHighDimensionalRows() {
    // d = 20 000 ≫ n = 1 200: rows of 30 nonzeros with a few shared features.
    RowBlock all = LazyLocalStepsTest.rows(1200, 9);
    int d = all.dim();
    List<RowBlock> parts = TestData.split(all, 3);
    ReferenceOptimum opt = optimum(parts, d);
    CocoaPlus.Result r = run(parts, d, 2, 1e-8);
    assertTrue(r.converged(), "gap " + r.gap() + " after " + r.trace().size() + " rounds");
    assertTrue(r.primal() - opt.objective() <= 1e-7 * opt.objective(), r.primal() + " vs " + opt.objective());
    System.out.println("cocoa+ d=20000 n=1200: " + r.trace().size() + " rounds to gap 1e-8");
  }

  @Test
  void theOneDimensionalDualStepSolvesItsEquation() {
    for (double beta0 : new double[] {0, 0.3, 1}) {
      for (double margin : new double[] {-30, -1, 0, 2, 40}) {
        for (double q : new double[] {0, 1e-3, 10}) {
          double b = SdcaLocalSolver.maximise(beta0, margin, q);
          double g = Math.log((1 - b) / b) - margin - q * (b - beta0);
          assertTrue(b > 0 && b < 1);
          // Near 0 or 1, β has few bits for ln((1−β)/β): g is exact up to ulp(β)/min(β, 1−β).
          assertTrue(Math.abs(g) < 1e-10 + 1e-15 / Math.min(b, 1 - b) || b == SdcaLocalSolver.HI, beta0 + " " + margin + " " + q + ": g = " + g);
        }
      }
    }
    assertEquals(0.0, SdcaLocalSolver.negEntropy(0.0));
    assertEquals(Math.log(0.5), SdcaLocalSolver.negEntropy(0.5), 1e-15);
  }
}
