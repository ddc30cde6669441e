package org.stochopt.core;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stochopt.core.OptimalMinibatchMethodsTest.Problem;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.method.Katyusha;
import org.stochopt.core.method.KatyushaConfig;
import org.stochopt.core.method.LocalKatyusha;
import org.stochopt.core.method.LocalKatyushaConfig;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.sampling.LocalRowSampler;
import org.stochopt.core.sampling.RowSelection;
import org.stochopt.core.sampling.SamplingScheme;

/** Katyusha with local epochs: converges to the independent optimum, in far fewer rounds than Katyusha. */
class LocalKatyushaTest {
  private static final int PARTITIONS = 3; // Problem splits its rows into 3 partitions

  @ParameterizedTest(name = "{0} b={1} {2}")
  @CsvSource({
    "l2:1e-4, 16, importance", "l2:1e-4, 4, with-replacement", "'elasticnet:1e-3,0.5', 16, without-replacement",
    "l1:1e-3, 16, importance"
  })
  void reachesTheIndependentOptimum(String reg, int b, String sampling) {
    Problem p = new Problem(3000, reg, 21);
    SamplingScheme scheme = SamplingScheme.parse(sampling);
    boolean nonStronglyConvex = p.constants.mu() == 0;
    double target = nonStronglyConvex ? 1e-6 : 1e-9; // Katyusha^ns converges sublinearly
    LocalKatyusha lk = new LocalKatyusha(LocalKatyushaConfig.theory(p.constants, b, PARTITIONS, scheme));
    RunResult r = OptimalMinibatchMethodsTest.run(lk, p, 7, scheme, target, 3000);
    assertEquals(StoppingRules.Reason.TARGET_SUBOPTIMALITY, r.reason(), "last: " + r.last());
    double scale = 0;
    for (double v : p.opt.solution()) scale = Math.max(scale, Math.abs(v));
    double tol = nonStronglyConvex ? 3e-2 : 1e-3;
    for (int j = 0; j < p.opt.solution().length; j++) assertEquals(p.opt.solution()[j], r.solution()[j], tol * scale, "w[" + j + "]");
  }

  @Test
  void oneRoundPerEpochInsteadOfOnePerStep() {
    Problem p = new Problem(6000, "l2:1e-4", 21);
    int b = 16;
    RunResult local = OptimalMinibatchMethodsTest.run(new LocalKatyusha(
        LocalKatyushaConfig.theory(p.constants, b, PARTITIONS, SamplingScheme.IMPORTANCE)), p, 3, SamplingScheme.IMPORTANCE, 1e-8, 2000);
    // Katyusha with the same effective minibatch (every partition's b rows of one step).
    RunResult katyusha = OptimalMinibatchMethodsTest.run(new Katyusha(
        KatyushaConfig.theory(p.constants, PARTITIONS * b, SamplingScheme.IMPORTANCE)), p, 3, SamplingScheme.IMPORTANCE, 1e-8, 2000);
    assertEquals(StoppingRules.Reason.TARGET_SUBOPTIMALITY, local.reason(), "last: " + local.last());
    assertEquals(StoppingRules.Reason.TARGET_SUBOPTIMALITY, katyusha.reason(), "last: " + katyusha.last());
    // An epoch of m = n/(Pb) = 125 steps is one local round plus one full-gradient round.
    assertTrue(local.stats().rounds() * 30 < katyusha.stats().rounds(),
        "rounds: local " + local.stats().rounds() + " vs katyusha " + katyusha.stats().rounds());
    // ... at a comparable amount of work: averaging the partitions' epochs costs at most a few more passes.
    assertTrue(local.last().effectivePasses() < 3 * katyusha.last().effectivePasses(),
        "passes: local " + local.last().effectivePasses() + " vs katyusha " + katyusha.last().effectivePasses());
  }

  /**
   * Partitions sorted by label (every row of partition 0 has y = −1, of partition 1 y = +1): the
   * worst case for local steps. The global anchor gradient keeps the fixed point right (at x = x̃ a
   * partition's g is exactly ∇f), so the method still reaches the optimum; the drift between
   * partitions only costs rounds.
   */
  @Test
  void labelSortedPartitionsStillReachTheOptimum() {
    RowBlock all = TestData.builder(3000, 12, 1.0, true, 21).build(12, 0);
    org.stochopt.core.linalg.RowBlockBuilder negative = new org.stochopt.core.linalg.RowBlockBuilder();
    org.stochopt.core.linalg.RowBlockBuilder positive = new org.stochopt.core.linalg.RowBlockBuilder();
    int[] idx = new int[12];
    double[] val = new double[12];
    for (int r = 0; r < all.rows(); r++) {
      int[] count = {0};
      all.forEachEntry(r, (j, v) -> {
        idx[count[0]] = j;
        val[count[0]++] = v;
      });
      (all.label(r) < 0 ? negative : positive).addRow(all.label(r), idx, val, count[0]);
    }
    RowBlock neg = negative.build(12, 0);
    Problem p = new Problem(java.util.List.of(neg, positive.build(12, neg.rows())), "l2:1e-4");
    RunResult r = OptimalMinibatchMethodsTest.run(
        new LocalKatyusha(LocalKatyushaConfig.theory(p.constants, 16, 2, SamplingScheme.IMPORTANCE)), p, 7,
        SamplingScheme.IMPORTANCE, 1e-9, 3000);
    assertEquals(StoppingRules.Reason.TARGET_SUBOPTIMALITY, r.reason(), "last: " + r.last());
    double scale = 0;
    for (double v : p.opt.solution()) scale = Math.max(scale, Math.abs(v));
    for (int j = 0; j < 12; j++) assertEquals(p.opt.solution()[j], r.solution()[j], 1e-3 * scale, "w[" + j + "]");
  }

  @Test
  void seededRunsAreReproducibleAndTheSeedMatters() {
    Problem p = new Problem(1500, "l2:1e-3", 5);
    LocalKatyushaConfig c = LocalKatyushaConfig.theory(p.constants, 8, PARTITIONS, SamplingScheme.IMPORTANCE);
    RunResult a = OptimalMinibatchMethodsTest.run(new LocalKatyusha(c), p, 11, SamplingScheme.IMPORTANCE, 0, 6);
    RunResult again = OptimalMinibatchMethodsTest.run(new LocalKatyusha(c), p, 11, SamplingScheme.IMPORTANCE, 0, 6);
    RunResult other = OptimalMinibatchMethodsTest.run(new LocalKatyusha(c), p, 12, SamplingScheme.IMPORTANCE, 0, 6);
    assertArrayEquals(a.solution(), again.solution());
    assertFalse(java.util.Arrays.equals(a.solution(), other.solution()));
  }

  /** Every scheme's weighted selection is unbiased for the partition mean: E[(1/b) Σ ω_i v_i] = (1/n_p) Σ v_i. */
  @ParameterizedTest
  @CsvSource({"importance", "with-replacement", "without-replacement"})
  void localSelectionsAreUnbiasedForThePartitionMean(String sampling) {
    RowBlock block = TestData.builder(50, 4, 1.0, true, 3).build(4, 0);
    double[] v = new double[block.rows()];
    double mean = 0;
    for (int r = 0; r < v.length; r++) {
      v[r] = Math.sin(r) + block.squaredNorm(r); // correlated with the sampling weights on purpose
      mean += v[r] / v.length;
    }
    int b = 5;
    int draws = 40_000;
    LocalRowSampler sampler = new LocalRowSampler(block, SamplingScheme.parse(sampling), b);
    SplittableRandom rng = new SplittableRandom(1);
    double sum = 0;
    double sumSq = 0;
    for (int k = 0; k < draws; k++) {
      RowSelection s = sampler.draw(rng);
      double est = 0;
      for (int i = 0; i < b; i++) est += (s.weights() == null ? 1.0 : s.weights()[i]) * v[s.rows()[i]] / b;
      sum += est;
      sumSq += est * est;
      if (sampling.equals("without-replacement")) {
        for (int i = 1; i < b; i++) assertTrue(s.rows()[i] > s.rows()[i - 1], "rows must be distinct and sorted");
      }
    }
    double avg = sum / draws;
    double se = Math.sqrt((sumSq / draws - avg * avg) / draws);
    assertEquals(mean, avg, 5 * se + 1e-12, "mean " + mean + ", estimate " + avg + " ± " + se);
  }
}
