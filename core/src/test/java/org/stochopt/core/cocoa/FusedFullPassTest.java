package org.stochopt.core.cocoa;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stochopt.core.TestData;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.oracle.LazyLocalStepsTest;
import org.stochopt.core.runtime.PartitionRunner;

/**
 * CoCoA+'s round with the objective's full pass fused into its certificate pass (run on a second
 * thread beside the SDCA steps): the round itself is bit-for-bit the plain one, the reported gradient
 * sum is bit-for-bit the oracle's own full pass at the round's point, and the oracle uses a remembered
 * pass only at exactly its point.
 */
class FusedFullPassTest {
  /** Sparse short rows (the pipelined accumulate) and dense rows, with an empty partition in between. */
  static List<List<RowBlock>> layouts() {
    RowBlock sparse = LazyLocalStepsTest.rows(900, 5);
    RowBlock dense = TestData.builder(700, 9, 1.0, true, 41).build(9, 0);
    List<List<RowBlock>> out = new ArrayList<>();
    for (RowBlock all : List.of(sparse, dense)) {
      List<RowBlock> parts = new ArrayList<>(TestData.split(all, 3));
      parts.add(1, all.slice(0, 0));
      out.add(parts);
      out.add(List.of(all)); // one partition: what train uses in-process
    }
    return out;
  }

  @Test
  void theFusedRoundIsThePlainRoundAndCarriesTheOraclesFullPass() {
    for (List<RowBlock> parts : layouts()) {
      int d = parts.get(0).dim();
      long n = parts.stream().mapToLong(RowBlock::rows).sum();
      LinearObjective objective = new LinearObjective(new LogisticLoss(), d);
      for (CocoaPlus.Config c : List.of(new CocoaPlus.Config(1e-3, 0, 1), new CocoaPlus.Config(1e-3, 2e-4, 0, 1),
          new CocoaPlus.Config(0.0, 1e-3, 0, 1),
          new CocoaPlus.Config(1e-3, 0, 0, 1, 2e-3))) {
        InMemoryOracle plainOracle = new InMemoryOracle(objective, parts, 1);
        InMemoryOracle fusedOracle = new InMemoryOracle(objective, parts, 2);
        PartitionRunner<CocoaBlock> plain = plainOracle.derive((p, rows) -> CocoaBlock.start(rows));
        PartitionRunner<CocoaBlock> fused = fusedOracle.derive((p, rows) -> CocoaBlock.start(rows));
        double[] u = new double[d];
        double[] center = c.centred() ? new double[d] : null;
        for (long round = 0; round < 4; round++) {
          CocoaPlus.Step a = CocoaPlus.round(plain, u, n, c, center, round);
          CocoaPlus.Step b = CocoaPlus.round(fused, u, n, c, center, round, objective);
          String where = parts.size() + " partitions, " + c + ", round " + round;
          assertNull(a.full());
          assertEquals(a.primal(), b.primal(), where);
          assertEquals(a.dual(), b.dual(), where);
          assertEquals(a.smoothedGap(), b.smoothedGap(), where);
          assertArrayEquals(a.point(), b.point(), where);
          assertArrayEquals(a.next(), b.next(), where);
          // The oracle's own full pass at the round's point (nothing remembered in plainOracle).
          double[] g = new double[d];
          double f = plainOracle.evaluate(a.point(), g);
          double[] h = new double[d];
          assertEquals(f, b.full().meanInto(n, h), where);
          assertArrayEquals(g, h, where);
          assertEquals((double) n, b.full().count(), where);
          // Remembered, the same evaluation reads it and gives the same bits.
          fusedOracle.rememberFullPass(b.point(), b.full());
          double[] k = new double[d];
          assertEquals(f, fusedOracle.evaluate(b.point(), k), where);
          assertArrayEquals(g, k, where);
          a.shipped().release();
          b.shipped().release();
          u = a.next();
          center = CocoaPlus.nextCenter(c, a, center);
        }
        plainOracle.close();
        fusedOracle.close();
      }
    }
  }

  @Test
  void aRememberedPassIsUsedAtItsPointOnly() {
    List<RowBlock> parts = layouts().get(0);
    int d = parts.get(0).dim();
    LinearObjective objective = new LinearObjective(new LogisticLoss(), d);
    try (InMemoryOracle oracle = new InMemoryOracle(objective, parts, 2)) {
      double[] w = new double[d];
      w[3] = 0.5;
      double[] truth = new double[d];
      double f = oracle.evaluate(w, truth);
      // A deliberately wrong sum shows whether the remembered pass is what evaluate returns.
      GradientSum wrong = new GradientSum(d);
      wrong.gradient()[0] = 7.0;
      wrong.addLoss(42.0 * oracle.size());
      wrong.addCount(oracle.size());
      oracle.rememberFullPass(w, wrong);
      double[] g = new double[d];
      assertEquals(42.0, oracle.evaluate(w.clone(), g), 1e-12);
      assertEquals(7.0 / oracle.size(), g[0], 1e-15);
      // A hit keeps it: the same point again is served again (the trace's start and first round share w₀).
      assertEquals(42.0, oracle.evaluate(w, g), 1e-12);
      // A miss drops it: after an evaluation elsewhere the same point is measured on the rows.
      double[] other = w.clone();
      other[3] = Math.nextUp(0.5);
      double fOther = oracle.evaluate(other, g);
      assertNotEquals(42.0, fOther);
      assertEquals(f, oracle.evaluate(w, g));
      assertArrayEquals(truth, g);
      // The point was copied: changing the caller's array afterwards does not make it match.
      oracle.rememberFullPass(w, wrong);
      w[3] = Math.nextUp(0.5);
      assertEquals(fOther, oracle.evaluate(w, g));
      assertThrows(IllegalArgumentException.class, () -> oracle.rememberFullPass(new double[d + 1], wrong));
      double[] at = new double[d];
      at[3] = 0.5;
      oracle.rememberFullPass(at, sumOf(oracle, at)); // the true sum: the same bits as the pass
      assertEquals(f, oracle.evaluate(at, g));
      assertArrayEquals(truth, g);
    }
  }

  /** The true full pass at w as a sum (mean times n), to put back a correct one. */
  private static GradientSum sumOf(InMemoryOracle oracle, double[] w) {
    int d = w.length;
    GradientSum s = new GradientSum(d);
    for (RowBlock b : oracle.partitions()) {
      GradientSum part = new GradientSum(d);
      ((LinearObjective) oracle.objective()).accumulate(w, b, part);
      if (part.count() > 0) s.merge(part);
    }
    return s;
  }
}
