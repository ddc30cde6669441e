package org.stochopt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.method.ProxSgd;
import org.stochopt.core.method.ProxSgdConfig;
import org.stochopt.core.method.ProxSvrg;
import org.stochopt.core.method.ProxSvrgConfig;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.optim.DivergenceException;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.StepSchedule;
import org.stochopt.core.optim.StepSizes;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.reference.OwlqnSolver;
import org.stochopt.core.reference.ReferenceOptimum;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;
import org.stochopt.core.trace.TraceRecord;

class MethodConvergenceTest {
  private static final int D = 12;

  private static final class Problem {
    final InMemoryOracle oracle;
    final Regularizer reg;
    final ProblemConstants constants;
    final ReferenceOptimum opt;

    Problem(String reg, double density) {
      RowBlock block = TestData.builder(600, D, density, true, 21).build(D, 0);
      this.oracle = new InMemoryOracle(new LinearObjective(new LogisticLoss(), D), TestData.split(block, 3));
      this.reg = Regularizers.parse(reg);
      this.constants = ProblemConstants.estimate(oracle, 0.25, this.reg, 1);
      this.opt = OwlqnSolver.highPrecision().solve(oracle, this.reg, new double[D]);
    }

    ProblemContext context(long seed, SamplingScheme scheme) {
      return new ProblemContext(oracle, reg, new SamplingPlan(seed, oracle.partitionSizes(), scheme), constants);
    }

    Evaluator evaluator() {
      return new Evaluator(oracle, reg, constants.globalL(), opt.objective(), null);
    }
  }

  private static RunResult svrg(Problem p, int b, long seed, double target, double maxPasses) {
    ProxSvrg method = new ProxSvrg(new ProxSvrgConfig(
        b, StepSizes.svrg(p.constants, b), (p.oracle.size() + b - 1) / b, ProxSvrgConfig.Anchor.LAST));
    return new Runner(Runner.Options.defaults()).run(method, p.context(seed, SamplingScheme.WITHOUT_REPLACEMENT),
        new double[D], new StoppingRules(0, maxPasses, target, 0, 0), p.evaluator(), r -> {});
  }

  @Test
  void svrgReachesHighAccuracyAgainstTheReference() {
    Problem p = new Problem("l2:1e-2", 1.0);
    RunResult r = svrg(p, 8, 3, 1e-10, 400);
    assertEquals(StoppingRules.Reason.TARGET_SUBOPTIMALITY, r.reason(), "last: " + r.last());
    for (int j = 0; j < D; j++) assertEquals(p.opt.solution()[j], r.solution()[j], 1e-3);
  }

  /** Linear convergence: log suboptimality falls at least at a fixed rate per effective pass. */
  @Test
  void svrgConvergesLinearly() {
    Problem p = new Problem("l2:1e-2", 1.0);
    RunResult r = svrg(p, 16, 4, 1e-12, 300);
    List<double[]> points = new ArrayList<>();
    for (TraceRecord t : r.trace()) {
      if (t.relativeSuboptimality() > 1e-13) points.add(new double[] {t.effectivePasses(), Math.log10(t.relativeSuboptimality())});
    }
    double[] first = points.get(0);
    double[] last = points.get(points.size() - 1);
    double slope = (last[1] - first[1]) / (last[0] - first[0]);
    assertTrue(slope < -0.05, "decades of suboptimality per pass: " + slope);
    // And it is not a single lucky drop: the second half of the run keeps falling too.
    double[] mid = points.get(points.size() / 2);
    assertTrue(last[1] < mid[1] - 1, "mid " + mid[1] + " last " + last[1]);
  }

  @Test
  void l1SvrgProducesExactZerosMatchingTheReference() {
    Problem p = new Problem("l1:2e-2", 0.6);
    RunResult r = svrg(p, 8, 5, 1e-9, 600);
    assertEquals(StoppingRules.Reason.TARGET_SUBOPTIMALITY, r.reason(), "last: " + r.last());
    int zeros = 0;
    for (int j = 0; j < D; j++) {
      if (p.opt.solution()[j] == 0) {
        assertEquals(0.0, r.solution()[j], 0.0, "coordinate " + j + " should be exactly zero");
        zeros++;
      }
    }
    assertTrue(zeros > 0, "the reference should be sparse at this λ");
  }

  @Test
  void averagedSgdWithDecayingStepApproachesTheOptimum() {
    Problem p = new Problem("l2:1e-2", 1.0);
    int b = 10;
    double eta0 = StepSizes.sgd(p.constants, b);
    StepSchedule schedule = new StepSchedule(StepSchedule.Kind.INVERSE_T, eta0, 1.0 / (eta0 * p.constants.mu()));
    ProxSgd sgd = new ProxSgd(new ProxSgdConfig(b, schedule, ProxSgdConfig.Averaging.LINEAR));
    RunResult r = new Runner(Runner.Options.defaults()).run(sgd, p.context(1, SamplingScheme.WITH_REPLACEMENT),
        new double[D], new StoppingRules(0, 100, 0, 0, 0), p.evaluator(), t -> {});
    double start = r.trace().get(0).relativeSuboptimality();
    double end = r.last().relativeSuboptimality();
    assertTrue(end < 1e-3 * start, "start " + start + " end " + end);
    // O(1/t): from 10 to 100 passes the error should drop by well over 2x, but SGD will not reach VR accuracy.
    double at10 = r.trace().stream().filter(t -> t.effectivePasses() >= 10).findFirst().orElseThrow().relativeSuboptimality();
    assertTrue(end < at10 / 2, "at 10 passes " + at10 + ", at 100 " + end);
  }

  @Test
  void seededRunsAreBitReproducible() {
    Problem p = new Problem("elasticnet:1e-2,0.5", 0.8);
    RunResult a = svrg(p, 5, 77, 0, 5);
    RunResult b = svrg(p, 5, 77, 0, 5);
    org.junit.jupiter.api.Assertions.assertArrayEquals(a.solution(), b.solution(), 0.0);
    RunResult c = svrg(p, 5, 78, 0, 5);
    assertTrue(!java.util.Arrays.equals(a.solution(), c.solution()), "a different seed should change the run");
  }

  @Test
  void divergenceStopsWithAnActionableMessage() {
    // Squared loss with a step 100x above 2/L: the iterates grow geometrically.
    RowBlock block = TestData.builder(200, D, 1.0, false, 2).build(D, 0);
    InMemoryOracle oracle = new InMemoryOracle(new LinearObjective(new org.stochopt.core.loss.SquaredLoss(), D), List.of(block));
    Regularizer reg = Regularizers.parse("l2:1e-3");
    ProblemConstants c = ProblemConstants.estimate(oracle, 1.0, reg, 1);
    ProblemContext ctx = new ProblemContext(oracle, reg, new SamplingPlan(1, oracle.partitionSizes(), SamplingScheme.WITH_REPLACEMENT), c);
    ProxSgd sgd = new ProxSgd(new ProxSgdConfig(200, new StepSchedule(StepSchedule.Kind.CONSTANT, 200 / c.globalL(), 1), ProxSgdConfig.Averaging.NONE));
    DivergenceException e = assertThrows(DivergenceException.class, () -> new Runner(Runner.Options.defaults()).run(
        sgd, ctx, new double[D], new StoppingRules(0, 1000, 0, 0, 0),
        new Evaluator(oracle, reg, c.globalL(), Double.NaN, null), t -> {}));
    assertTrue(e.getMessage().contains("--step"), e.getMessage());
  }

  @Test
  void constantsAreOrderedAndPowerIterationFindsTheTopEigenvalue() {
    // Rows are scaled unit vectors, so (1/n)XᵀX is diagonal with known eigenvalues.
    org.stochopt.core.linalg.RowBlockBuilder b = new org.stochopt.core.linalg.RowBlockBuilder();
    double[] scales = {3, 1, 0.5};
    for (int i = 0; i < 30; i++) {
      int j = i % 3;
      b.addRow(1, new int[] {j}, new double[] {scales[j]}, 1);
    }
    InMemoryOracle oracle = new InMemoryOracle(new LinearObjective(new LogisticLoss(), 3), List.of(b.build(3, 0)));
    ProblemConstants c = ProblemConstants.estimate(oracle, 0.25, Regularizers.parse("l2:0.1"), 3);
    assertEquals(0.25 * 9 / 3, c.globalL(), 0.25 * 9 / 3 * 0.011);
    assertEquals(0.25 * 9, c.maxL(), 1e-12);
    assertEquals(0.25 * (9 + 1 + 0.25) / 3, c.meanL(), 1e-12);
    assertTrue(c.globalL() <= c.meanL() && c.meanL() <= c.maxL());
    assertEquals(0.1, c.mu());
  }
}
