package org.stochopt.core.cocoa;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.stochopt.core.TestData;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.loss.SquaredLoss;
import org.stochopt.core.method.MethodAdvisor;
import org.stochopt.core.method.MethodKind;
import org.stochopt.core.method.MethodRun;
import org.stochopt.core.method.MethodSettings;
import org.stochopt.core.method.MethodTuning;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.optim.Checkpointing;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.oracle.LazyLocalStepsTest;
import org.stochopt.core.reference.OwlqnSolver;
import org.stochopt.core.reference.ReferenceOptimum;
import org.stochopt.core.reg.ElasticNet;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.sampling.SamplingScheme;
import org.stochopt.core.trace.TraceRecord;

/** CoCoA+ as a registered method under the one training loop: gap in the trace, gap stop, auto, refusals. */
class CocoaMethodTest {
  private static final double LAMBDA = 1e-3;

  static InMemoryOracle oracle(List<RowBlock> parts, int d) {
    return new InMemoryOracle(new LinearObjective(new LogisticLoss(), d), parts, 2);
  }

  static RunResult run(InMemoryOracle o, Regularizer reg, double fStar, MethodSettings s) {
    ProblemConstants k = ProblemConstants.estimate(o, 0.25, reg, 1);
    MethodRun run = MethodRun.prepare(o, reg, k, s, 7);
    // Without a reference (fStar NaN) only the gap can meet the 1e-7 target.
    return run.run(new StoppingRules(300, 0, 1e-7, 0, 0), new Evaluator(o, reg, k.globalL(), fStar, null),
        new Runner.Options(1e-9, 1, 1e6, "-"), r -> {}, Checkpointing.none());
  }

  @Test
  void stopsOnItsCertifiedGapWithoutAReferenceAndTheGapBoundsTheTrueSuboptimality() {
    int d = 12;
    List<RowBlock> parts = TestData.split(TestData.builder(2000, d, 1.0, true, 31).build(d, 0), 3);
    Regularizer reg = ElasticNet.l2(LAMBDA);
    ReferenceOptimum opt = OwlqnSolver.highPrecision().solve(oracle(parts, d), reg, new double[d]);
    RunResult r = run(oracle(parts, d), reg, Double.NaN, MethodSettings.of(MethodKind.COCOA, null));
    assertEquals(StoppingRules.Reason.DUALITY_GAP, r.reason());
    TraceRecord last = r.last();
    double sub = last.objective() - opt.objective();
    assertTrue(sub >= -1e-14 && sub <= last.dualityGap() + 1e-14, sub + " vs gap " + last.dualityGap());
    assertTrue(sub <= 1e-7 * opt.objective() * 1.0000001, "certified relative suboptimality " + sub / opt.objective());
    // Every evaluated point after w = 0 carries its gap, and the gap is a valid upper bound there.
    assertTrue(Double.isNaN(r.trace().get(0).dualityGap()));
    for (TraceRecord t : r.trace().subList(1, r.trace().size())) {
      assertTrue(t.dualityGap() >= t.objective() - opt.objective() - 1e-13, t.toString());
    }
    // One round per step; each round is counted on the oracle (one local pass + the certificate's pass).
    assertEquals(r.trace().get(r.trace().size() - 1).rounds(), r.stats().rounds());
    assertEquals(2 * 2000L * r.stats().rounds(), r.stats().componentGradients());
  }

  @Test
  void labelSortedPartitionsConvergeUnderTheLoop() {
    int d = 12;
    RowBlock all = TestData.builder(2000, d, 1.0, true, 32).build(d, 0);
    List<RowBlock> parts = CocoaPlusTest.sortedByLabel(all, d);
    Regularizer reg = ElasticNet.l2(LAMBDA);
    ReferenceOptimum opt = OwlqnSolver.highPrecision().solve(oracle(parts, d), reg, new double[d]);
    RunResult r = run(oracle(parts, d), reg, opt.objective(), MethodSettings.of(MethodKind.COCOA, null));
    assertTrue(r.last().relativeSuboptimality() <= 1e-7, r.last().toString());
    assertTrue(r.reason() == StoppingRules.Reason.TARGET_SUBOPTIMALITY || r.reason() == StoppingRules.Reason.DUALITY_GAP);
  }

  @Test
  void localStepsAreTheEpochLength() {
    int d = 12;
    List<RowBlock> parts = TestData.split(TestData.builder(900, d, 1.0, true, 33).build(d, 0), 3);
    MethodSettings s = new MethodSettings(MethodKind.COCOA, null, OptionalDouble.empty(), null, null, OptionalLong.of(50), null, null,
        MethodTuning.THEORY, null);
    RunResult r = run(oracle(parts, d), ElasticNet.l2(LAMBDA), Double.NaN, s);
    // H = 50 steps in each of 3 partitions, plus the 900 margins of the certificate, per round.
    assertEquals((3 * 50L + 900) * r.stats().rounds(), r.stats().componentGradients());
    assertEquals(StoppingRules.Reason.DUALITY_GAP, r.reason());
  }

  @Test
  void autoPicksCocoaForWideDataAndSaysWhy() {
    RowBlock all = LazyLocalStepsTest.rows(1200, 9); // d = 20 000 ≥ 4n
    InMemoryOracle o = oracle(TestData.split(all, 2), all.dim());
    Regularizer reg = ElasticNet.l2(LAMBDA);
    ProblemConstants k = ProblemConstants.estimate(o, 0.25, reg, 1);
    MethodRun run = MethodRun.prepare(o, reg, k, MethodSettings.of(MethodKind.AUTO, null), 7);
    assertEquals(MethodKind.COCOA, run.settings().kind());
    assertTrue(run.choice().reason().contains("d = 20000") && run.choice().reason().contains("wide"), run.choice().reason());
    assertNull(run.settings().batchSize());
    // For the elastic net too (tested against OWL-QN in ProxCocoaTest); not for pure L1 (its smoothing
    // needs O(1/ε) rounds), nor with a given batch size, nor for tall data.
    assertEquals(MethodKind.COCOA, MethodRun.prepare(o, new ElasticNet(LAMBDA, LAMBDA, "en"), k, MethodSettings.of(MethodKind.AUTO, null), 7)
        .settings().kind());
    assertNotEquals(MethodKind.COCOA, MethodRun.prepare(o, ElasticNet.l1(LAMBDA), k, MethodSettings.of(MethodKind.AUTO, null), 7)
        .settings().kind());
    assertNotEquals(MethodKind.COCOA, MethodRun.prepare(o, reg, k, MethodSettings.of(MethodKind.AUTO, 8), 7).settings().kind());
    int d = 12;
    InMemoryOracle tall = oracle(TestData.split(TestData.builder(2000, d, 1.0, true, 34).build(d, 0), 2), d);
    assertEquals(MethodKind.LOCAL_KATYUSHA, MethodAdvisor.choose(ProblemConstants.estimate(tall, 0.25, reg, 1), 2, true, null, true).kind());
  }

  @Test
  void refusesWhatItDoesNotSolveWithOneLine() {
    assertThrows(IllegalArgumentException.class, () -> CocoaMethod.refuseUnsupported(new SquaredLoss(), ElasticNet.l2(1e-3)));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> CocoaMethod.refuseUnsupported(new LogisticLoss(), ElasticNet.none()));
    assertTrue(none.getMessage().contains("--reg l2"), none.getMessage());
    CocoaMethod.refuseUnsupported(new LogisticLoss(), ElasticNet.l1(1e-3)); // L1 and elastic net are solved now
    CocoaMethod.refuseUnsupported(new LogisticLoss(), ElasticNet.sparkStyle(1e-3, 0.5));
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> MethodSettings.of(MethodKind.COCOA, 16));
    assertTrue(b.getMessage().startsWith("--batch-size does not apply to --method cocoa"), b.getMessage());
    IllegalArgumentException step = assertThrows(IllegalArgumentException.class,
        () -> MethodSettings.of(MethodKind.COCOA, null, OptionalDouble.of(0.1)));
    assertTrue(step.getMessage().startsWith("--step does not apply to --method cocoa"), step.getMessage());
    // A squared-loss oracle: refused when the run starts, before any round.
    int d = 5;
    List<RowBlock> parts = new ArrayList<>(TestData.split(TestData.builder(200, d, 1.0, false, 35).build(d, 0), 2));
    InMemoryOracle sq = new InMemoryOracle(new LinearObjective(new SquaredLoss(), d), parts, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> run(sq, ElasticNet.l2(LAMBDA), Double.NaN, MethodSettings.of(MethodKind.COCOA, null)));
    assertTrue(e.getMessage().contains("--loss logistic"), e.getMessage());
  }

  /** CoCoA+ with its start measured before the first round, the loop's default order. */
  private record StartFirst(CocoaMethod m) implements Method<CocoaState> {
    @Override
    public String name() {
      return m.name();
    }

    @Override
    public CocoaState init(double[] w0, ProblemContext ctx) {
      return m.init(w0, ctx);
    }

    @Override
    public void step(CocoaState s, ProblemContext ctx) {
      m.step(s, ctx);
    }
  }

  /**
   * The start is measured after the first round (whose certificate pass at w₀ then serves it), not by
   * a pass of its own before: the trace and the solution are the same, bit for bit, as with the
   * start measured first; on one and on three partitions (the accelerated loop), L2 and pure L1.
   */
  @Test
  void measuringTheStartAfterTheFirstRoundChangesNoBitOfTheTrace() {
    int d = 30;
    RowBlock all = TestData.builder(900, d, 0.5, true, 41).build(d, 0);
    for (int p : new int[] {1, 3}) {
      for (String spec : new String[] {"l2:1e-3", "l1:1e-3"}) {
        List<List<String>> traces = new ArrayList<>();
        List<double[]> solutions = new ArrayList<>();
        for (boolean startFirst : new boolean[] {false, true}) {
          InMemoryOracle o = oracle(TestData.split(all, p), d);
          Regularizer reg = Regularizers.parse(spec);
          ProblemConstants k = ProblemConstants.withMeanBound(o, 0.25, reg);
          ProblemContext ctx = new ProblemContext(o, reg, o.samplingPlan(5, SamplingScheme.WITHOUT_REPLACEMENT), k);
          CocoaMethod m = new CocoaMethod(0);
          assertTrue(m.reportsStartAfterFirstStep());
          RunResult r = new Runner(new Runner.Options(1e9, 2, 1e6, "-")).run(startFirst ? new StartFirst(m) : m, ctx,
              new double[d], new StoppingRules(8, 0, 0, 0, 0), new Evaluator(o, reg, k.globalL(), Double.NaN, null), t -> {});
          List<String> rows = new ArrayList<>();
          for (TraceRecord t : r.trace()) {
            rows.add(t.step() + "," + t.rounds() + "," + t.gradientEvaluations() + "," + t.objective() + ","
                + t.gradientMappingNorm() + "," + t.nonZeros() + "," + t.dualityGap());
          }
          traces.add(rows);
          solutions.add(r.solution());
        }
        assertEquals(traces.get(1), traces.get(0), "P = " + p + ", " + spec);
        assertArrayEquals(solutions.get(1), solutions.get(0), "P = " + p + ", " + spec);
        assertTrue(traces.get(0).get(0).endsWith(",NaN"), "no gap at the start: " + traces.get(0).get(0));
        assertTrue(traces.get(0).size() >= 4, "rows: " + traces.get(0).size());
      }
    }
  }
}
