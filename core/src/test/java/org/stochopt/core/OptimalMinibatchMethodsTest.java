package org.stochopt.core;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.method.AccProxSvrg;
import org.stochopt.core.method.AccSvrgAppa;
import org.stochopt.core.method.AccSvrgAppaConfig;
import org.stochopt.core.method.Dasvrda;
import org.stochopt.core.method.DasvrdaConfig;
import org.stochopt.core.method.Katyusha;
import org.stochopt.core.method.KatyushaConfig;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.reference.OwlqnSolver;
import org.stochopt.core.reference.ReferenceOptimum;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;
import org.stochopt.core.trace.TraceRecord;

/** Katyusha, DASVRDA and Acc-Prox-SVRG(+APPA) at their theory parameters, against an independent optimum. */
class OptimalMinibatchMethodsTest {
  private static final int D = 12;

  static final class Problem {
    final InMemoryOracle oracle;
    final Regularizer reg;
    final ProblemConstants constants;
    final ReferenceOptimum opt;

    Problem(int n, String reg, long seed) {
      this(TestData.split(TestData.builder(n, D, 1.0, true, seed).build(D, 0), 3), reg);
    }

    /** Over given partitions (e.g. a deliberately skewed layout). */
    Problem(List<RowBlock> partitions, String reg) {
      this.oracle = new InMemoryOracle(new LinearObjective(new LogisticLoss(), D), partitions);
      this.reg = Regularizers.parse(reg);
      this.constants = ProblemConstants.estimate(oracle, 0.25, this.reg, 1);
      this.opt = OwlqnSolver.highPrecision().solve(oracle, this.reg, new double[D]);
    }

    ProblemContext context(long seed, SamplingScheme scheme) {
      double[] masses = scheme == SamplingScheme.IMPORTANCE ? oracle.partitionMasses() : null;
      return new ProblemContext(oracle, reg, new SamplingPlan(seed, oracle.partitionSizes(), scheme, masses), constants);
    }

    Evaluator evaluator() {
      return new Evaluator(oracle, reg, constants.globalL(), opt.objective(), null);
    }
  }

  static Method<?> theoryMethod(String name, Problem p, int b, SamplingScheme scheme) {
    return switch (name) {
      case "katyusha" -> new Katyusha(KatyushaConfig.theory(p.constants, b, scheme));
      case "dasvrda" -> new Dasvrda(DasvrdaConfig.theory(p.constants, b, scheme));
      case "accsvrg-appa" -> new AccSvrgAppa(AccSvrgAppaConfig.theory(p.constants, b, scheme, true));
      case "accsvrg" -> new AccProxSvrg(AccSvrgAppaConfig.theory(p.constants, b, scheme, false));
      default -> throw new IllegalArgumentException(name);
    };
  }

  static RunResult run(Method<?> m, Problem p, long seed, SamplingScheme scheme, double target, double maxPasses) {
    return new Runner(new Runner.Options(0.25, Long.MAX_VALUE, 1e6, "lower the step"))
        .run(m, p.context(seed, scheme), new double[D], new StoppingRules(0, maxPasses, target, 0, 0), p.evaluator(), r -> {});
  }

  private static final Problem STRONGLY_CONVEX = new Problem(2000, "l2:1e-4", 21);

  @ParameterizedTest(name = "{0} b={1} {2}")
  @CsvSource({
    "katyusha, 1, importance", "katyusha, 16, importance", "katyusha, 64, with-replacement",
    "dasvrda, 1, importance", "dasvrda, 16, importance", "dasvrda, 64, with-replacement",
    "accsvrg-appa, 1, importance", "accsvrg-appa, 16, importance", "accsvrg-appa, 64, without-replacement",
    "accsvrg, 16, importance"
  })
  void reachesTheIndependentOptimumAtTheoryParameters(String name, int b, String sampling) {
    Problem p = STRONGLY_CONVEX;
    SamplingScheme scheme = SamplingScheme.parse(sampling);
    RunResult r = run(theoryMethod(name, p, b, scheme), p, 7, scheme, 1e-9, 600);
    assertEquals(StoppingRules.Reason.TARGET_SUBOPTIMALITY, r.reason(), name + " last: " + r.last());
    double scale = 0;
    for (double v : p.opt.solution()) scale = Math.max(scale, Math.abs(v));
    for (int j = 0; j < D; j++) assertEquals(p.opt.solution()[j], r.solution()[j], 1e-3 * scale, name + " coordinate " + j);
  }

  /** Linear convergence: a straight line of log-suboptimality against passes, with a clearly negative slope. */
  @ParameterizedTest
  @CsvSource({"katyusha", "dasvrda", "accsvrg-appa"})
  void convergesLinearly(String name) {
    Problem p = STRONGLY_CONVEX;
    RunResult r = run(theoryMethod(name, p, 8, SamplingScheme.IMPORTANCE), p, 3, SamplingScheme.IMPORTANCE, 1e-11, 800);
    List<double[]> pts = new ArrayList<>();
    for (TraceRecord t : r.trace()) {
      if (t.relativeSuboptimality() > 0 && t.relativeSuboptimality() < 1e-2) pts.add(new double[] {t.effectivePasses(), Math.log10(t.relativeSuboptimality())});
    }
    assertTrue(pts.size() >= 5, name + ": too few points in the linear phase: " + pts.size());
    // least-squares line; linear convergence ⇔ a negative slope and a small residual in log scale
    double mx = 0, my = 0;
    for (double[] q : pts) {
      mx += q[0];
      my += q[1];
    }
    mx /= pts.size();
    my /= pts.size();
    double sxy = 0, sxx = 0;
    for (double[] q : pts) {
      sxy += (q[0] - mx) * (q[1] - my);
      sxx += (q[0] - mx) * (q[0] - mx);
    }
    double slope = sxy / sxx;
    double worst = 0;
    for (double[] q : pts) worst = Math.max(worst, Math.abs(q[1] - (my + slope * (q[0] - mx))));
    assertTrue(slope < -0.02, name + " slope per pass " + slope);
    assertTrue(worst < 2.0, name + " deviation from a line (decades) " + worst);
  }

  /** Non-strongly convex (L1 only): Katyusha^ns, DASVRDA^ns and APPA with μ = 0 reach the optimum and its zeros. */
  @ParameterizedTest
  @CsvSource({"katyusha", "dasvrda", "accsvrg-appa"})
  void l1ReachesTheOptimumWithExactZeros(String name) {
    Problem p = L1;
    RunResult r = run(theoryMethod(name, p, 16, SamplingScheme.IMPORTANCE), p, 5, SamplingScheme.IMPORTANCE, 1e-7, 3000);
    assertEquals(StoppingRules.Reason.TARGET_SUBOPTIMALITY, r.reason(), name + " last: " + r.last());
    int refZeros = 0, zeros = 0;
    for (int j = 0; j < D; j++) {
      if (p.opt.solution()[j] == 0.0) refZeros++;
      if (r.solution()[j] == 0.0) zeros++;
    }
    assertTrue(refZeros > 0, "the test problem must have a sparse optimum");
    assertEquals(refZeros, zeros, name + " exact zeros");
  }

  private static final Problem L1 = new Problem(1000, "l1:2e-2", 33);

  @Test
  void seededRunsAreReproducible() {
    Problem p = STRONGLY_CONVEX;
    for (String name : new String[] {"katyusha", "dasvrda", "accsvrg-appa"}) {
      RunResult a = run(theoryMethod(name, p, 8, SamplingScheme.IMPORTANCE), p, 11, SamplingScheme.IMPORTANCE, 0, 3);
      RunResult b = run(theoryMethod(name, p, 8, SamplingScheme.IMPORTANCE), p, 11, SamplingScheme.IMPORTANCE, 0, 3);
      RunResult c = run(theoryMethod(name, p, 8, SamplingScheme.IMPORTANCE), p, 12, SamplingScheme.IMPORTANCE, 0, 3);
      assertArrayEquals(a.solution(), b.solution(), name);
      assertFalse(java.util.Arrays.equals(a.solution(), c.solution()), name + ": the seed must matter");
    }
  }

  /**
   * Local prox-SVRG (several steps per partition per round, averaged on the driver) reaches the
   * independent optimum in far fewer rounds than one-step-per-round prox-SVRG on a well-conditioned
   * problem, at a bounded cost in passes.
   */
  @Test
  void localSvrgNeedsFarFewerRoundsThanProxSvrg() {
    Problem p = new Problem(4000, "l2:1e-2", 21);
    RunResult local = run(new org.stochopt.core.method.LocalSvrg(org.stochopt.core.method.LocalSvrgConfig.defaults(p.constants, 16)),
        p, 3, SamplingScheme.WITH_REPLACEMENT, 1e-9, 400);
    assertEquals(StoppingRules.Reason.TARGET_SUBOPTIMALITY, local.reason(), "last: " + local.last());
    double scale = 0;
    for (double v : p.opt.solution()) scale = Math.max(scale, Math.abs(v));
    for (int j = 0; j < D; j++) assertEquals(p.opt.solution()[j], local.solution()[j], 1e-3 * scale);
    RunResult svrg = run(new org.stochopt.core.method.ProxSvrg(new org.stochopt.core.method.ProxSvrgConfig(16,
        org.stochopt.core.optim.StepSizes.svrg(p.constants, 16), (4000 + 15) / 16, org.stochopt.core.method.ProxSvrgConfig.Anchor.LAST)),
        p, 3, SamplingScheme.WITHOUT_REPLACEMENT, 1e-9, 400);
    assertEquals(StoppingRules.Reason.TARGET_SUBOPTIMALITY, svrg.reason());
    assertTrue(local.stats().rounds() * 10 < svrg.stats().rounds(),
        "local " + local.stats().rounds() + " rounds vs svrg " + svrg.stats().rounds());
    assertTrue(local.last().effectivePasses() < 5 * svrg.last().effectivePasses(),
        "passes: local " + local.last().effectivePasses() + " vs svrg " + svrg.last().effectivePasses());
  }

  @Test
  void theoryParametersAreContinuousAtThePhaseTransition() {
    ProblemConstants c = new ProblemConstants(10_000, 5, 4.0, 10.0, 1.0, 1e-5);
    double b0 = Math.sqrt(c.n() * c.meanL() / c.globalL()); // 200
    KatyushaConfig below = KatyushaConfig.theory(c, (int) b0, SamplingScheme.IMPORTANCE);
    KatyushaConfig above = KatyushaConfig.theory(c, (int) b0 + 1, SamplingScheme.IMPORTANCE);
    // 1/(ασ) = 3τ₁L̃/σ = τ₁/(ησ) is the steps per e-fold: continuous across b₀
    double below1 = below.tau1() / (below.step() * c.mu());
    double above1 = above.tau1() / (above.step() * c.mu());
    assertEquals(below1, above1, 0.02 * below1);
    // and it equals √(6κ) above b₀
    assertEquals(Math.sqrt(6 * c.globalL() / c.mu()), above1, 1e-9 * above1);
    assertTrue(below.tau2() <= 0.5 && below.tau1() + below.tau2() <= 1);
  }
}
