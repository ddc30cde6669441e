package org.stochopt.spark.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sweep's analysis on synthetic measurements with known answers: cells whose rounds follow
 * R(b) = 100 + 10000/b and whose seconds follow a known latency model t0·R + t1·W.
 */
class SweepAnalysisTest {
  private static final double T0 = 0.02;   // 20 ms per round
  private static final double T1 = 1e-6;   // 1 µs per component gradient
  private static final long N = 1 << 16;

  private static double rounds(int b) {
    return 100 + 10000.0 / b;
  }

  private static CellResult cell(String method, int b, double mult, double rounds, double secondsNoise) {
    double gradients = 2.0 * b * rounds + N * Math.ceil(rounds * b / N);
    double seconds = (T0 * rounds + T1 * gradients) * secondsNoise;
    return new CellResult(new Cell(method, b, mult, 1), 0.1, 1, true, rounds, rounds, gradients, gradients / N, 0, 0,
        (long) rounds, (long) Math.ceil(rounds), (long) gradients, 1, 1e-7, 0.1, "target_suboptimality", seconds, seconds,
        1e3 * seconds / rounds, 0.1, 0, seconds);
  }

  private static SweepConfig config(List<Integer> sizes, List<Double> mults, String... methods) {
    return new SweepConfig("t", "synthetic:n=65536,d=2", null, null, null, List.of(methods), sizes, mults, null, 1e-6,
        100, 0, 0, "in-process", 0, 0.05, 0.7, 8, 0, 4, null);
  }

  @Test
  void nearLinearLimitFollowsTheDefinition() {
    // ρ(b → 2b) = (100 + 5000/b)/(100 + 10000/b) ≤ 0.7  ⟺  b ≤ 66.7: the doublings 32→64 and 64→128 pass
    // (ρ = 0.61, 0.695), 128→256 does not (ρ = 0.78); so the limit is 128.
    long[] b = {32, 64, 128, 256, 512};
    double[] r = java.util.Arrays.stream(b).mapToDouble(x -> rounds((int) x)).toArray();
    SweepAnalysis.NearLinear nl = SweepAnalysis.nearLinearLimit(b, r, 0.7);
    assertEquals(128, nl.limit());
    assertTrue(nl.observed());
    assertEquals((100 + 10000.0 / 64) / (100 + 10000.0 / 32), nl.ratios().get(0), 1e-12);
    // Uneven spacing: a step of ×4 counts as two doublings.
    SweepAnalysis.NearLinear skip = SweepAnalysis.nearLinearLimit(new long[] {16, 64, 128}, new double[] {1000, 250, 240}, 0.7);
    assertEquals(0.5, skip.ratios().get(0), 1e-12);
    assertEquals(64, skip.limit());
    // Flat from the start: not observed, the limit is the smallest b.
    SweepAnalysis.NearLinear flat = SweepAnalysis.nearLinearLimit(new long[] {8, 16}, new double[] {100, 95}, 0.7);
    assertEquals(8, flat.limit());
    assertFalse(flat.observed());
  }

  @Test
  void inverseFitRecoversFloorAndCriticalBatch() {
    long[] b = {16, 32, 64, 128, 256, 512, 1024};
    double[] r = java.util.Arrays.stream(b).mapToDouble(x -> rounds((int) x)).toArray();
    SweepAnalysis.InverseFit f = SweepAnalysis.fitInverse(b, r);
    assertEquals(100, f.floor(), 1e-6);
    assertEquals(10000, f.coefficient(), 1e-4);
    assertEquals(100, f.criticalBatch(), 1e-6);
  }

  @Test
  void latencyModelRecoversTheClusterConstants() {
    List<LatencyModel.Sample> s = new ArrayList<>();
    double[] noise = {1.0, 1.03, 0.98, 1.01, 0.97, 1.02, 1.0};
    int i = 0;
    for (int b = 16; b <= 1024; b *= 2) {
      CellResult c = cell("svrg", b, 1, rounds(b), noise[i++]);
      s.add(new LatencyModel.Sample(c.rounds(), c.gradients(), c.methodSeconds()));
    }
    LatencyModel m = LatencyModel.fit(s);
    assertEquals(T0, m.t0(), 0.05 * T0);
    assertEquals(T1, m.t1(), 0.15 * T1);
    assertTrue(m.medianRelativeError() < 0.03);
    // Pure per-round cost: t1 must come out as 0, not negative.
    LatencyModel flat = LatencyModel.fit(List.of(new LatencyModel.Sample(100, 1e3, 1.0), new LatencyModel.Sample(100, 1e6, 0.9)));
    assertTrue(flat.t1() >= 0 && flat.t0() >= 0);
  }

  @Test
  void recommendationMinimizesModeledTimeOverMethodsAndMultipliers() {
    List<Integer> sizes = List.of(16, 32, 64, 128, 256, 512, 1024, 2048, 4096);
    List<CellResult> cells = new ArrayList<>();
    for (int b : sizes) {
      cells.add(cell("svrg", b, 1, rounds(b), 1));
      cells.add(cell("svrg", b, 2, 0.9 * rounds(b), 1.0));            // a better step: 10% fewer rounds
      cells.add(cell("sgd", b, 1, 3 * rounds(b), 0.5));               // faster-looking wall time, but 3x rounds
    }
    SweepConfig c = config(sizes, List.of(1.0, 2.0), "svrg", "sgd");
    SweepAnalysis a = SweepAnalysis.of(c, null, cells);
    SweepAnalysis.Recommendation rec = a.recommendation();
    assertNotNull(rec);
    // Brute force over the same points with the fitted model.
    LatencyModel m = a.latency();
    SweepAnalysis.Point best = null;
    for (SweepAnalysis.Point p : a.points()) {
      if (best == null || m.seconds(p.rounds(), p.gradients()) < m.seconds(best.rounds(), best.gradients())) best = p;
    }
    assertEquals(best, rec.point());
    assertEquals("svrg", rec.point().method());
    assertEquals(2.0, rec.point().multiplier());
    // With the true constants: t(b) ∝ (100 + 10⁴/b)(0.02 + 2e-6·b) + anchors, minimized on the grid at b = 1024.
    assertEquals(1024, rec.point().batchSize());
    // The per-method curve keeps the better multiplier at every b.
    assertTrue(a.curves().get(0).points().stream().allMatch(p -> p.multiplier() == 2.0));
  }

  /** A local method's rounds do not fall with b; the headline says so instead of a near-linear claim. */
  @Test
  void localMethodsAreNotJudgedByNearLinearScaling() {
    List<Integer> sizes = List.of(16, 64, 256);
    List<CellResult> cells = new ArrayList<>();
    for (int b : sizes) {
      cells.add(cell("local-katyusha", b, 1, 70 + b / 4.0, 1));
      cells.add(cell("svrg", b, 1, rounds(b), 1));
    }
    String headline = SweepAnalysis.of(config(sizes, List.of(1.0), "local-katyusha", "svrg"), null, cells).headline();
    assertTrue(headline.contains("local-katyusha: a local method"), headline);
    assertFalse(headline.contains("local-katyusha: rounds fall near-linearly"), headline);
    assertTrue(headline.contains("svrg: rounds fall near-linearly"), headline);
  }

  @Test
  void cellsThatMissTheTargetAreNeverRecommended() {
    List<Integer> sizes = List.of(16, 32);
    CellResult fast = cell("svrg", 32, 1, rounds(32), 1);
    CellResult missed = new CellResult(new Cell("svrg", 16, 1, 1), 0.1, 1, false, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, 0, 0, 10, 10, 100, 1, 1e-3, 0.1, "max_passes", 1e-6, Double.NaN, 0.1, 0.1, 0, 1e-6);
    SweepAnalysis a = SweepAnalysis.of(config(sizes, List.of(1.0), "svrg"), null, List.of(missed, fast));
    assertEquals(32, a.recommendation().point().batchSize());
  }

  @Test
  void crossingIsInterpolatedInLogSuboptimality() {
    // 1e-2 → 1e-6 over the bracket: ε = 1e-4 lies exactly halfway in log space.
    assertEquals(0.5, CellRunner.crossingFraction(1e-2, 1e-6, 1e-4), 1e-12);
    assertEquals(1.0, CellRunner.crossingFraction(1e-5, 1e-6, 1e-4), 0.0); // already below: no bracket
  }
}
