package org.stochopt.core;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.stochopt.core.OptimalMinibatchMethodsTest.Problem;
import org.stochopt.core.method.LocalKatyusha;
import org.stochopt.core.method.LocalKatyushaConfig;
import org.stochopt.core.method.LocalSvrg;
import org.stochopt.core.method.LocalSvrgConfig;
import org.stochopt.core.method.RoundSafeguard;
import org.stochopt.core.optim.DivergenceException;
import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.sampling.SamplingScheme;
import org.stochopt.core.trace.TraceRecord;

/** The local methods' safeguard: with a step that makes them unstable, they still converge, and say so. */
class RoundSafeguardTest {
  private static final Problem P = new Problem(3000, "l2:1e-3", 21);

  static Object run(Method<?> m, SamplingScheme scheme, long rounds) {
    try {
      return new Runner(new Runner.Options(0.01, 1, 1e6, "lower the step"))
          .run(m, P.context(5, scheme), new double[OptimalMinibatchMethodsTest.D], new StoppingRules(rounds, 0, 1e-8, 0, 0),
              P.evaluator(), r -> {});
    } catch (DivergenceException e) {
      return e;
    }
  }

  static double best(RunResult r) {
    return r.trace().stream().mapToDouble(TraceRecord::objective).min().orElseThrow();
  }

  @Test
  void localKatyushaWithAnUnstableStepIsDampedAndConverges() {
    LocalKatyushaConfig theory = LocalKatyushaConfig.theory(P.constants, 16, 3, SamplingScheme.IMPORTANCE);
    LocalKatyushaConfig unstable = theory.withStep(FACTOR * theory.step());
    Object plain = run(new LocalKatyusha(unstable).unguarded(), SamplingScheme.IMPORTANCE, 200);
    // Without the guard the run goes wrong: diverges, or ends far above where it has been.
    if (plain instanceof RunResult r) {
      System.out.println("unguarded: " + r.reason() + " last " + r.last() + " best " + best(r));
      assertNotEquals(StoppingRules.Reason.TARGET_SUBOPTIMALITY, r.reason(), "the step must be unstable for this test to mean anything");
    }
    LocalKatyusha guarded = new LocalKatyusha(unstable);
    RunResult r = (RunResult) run(guarded, SamplingScheme.IMPORTANCE, 200);
    RoundSafeguard guard = guarded.safeguard();
    System.out.println("guarded: " + r.reason() + " rounds " + r.stats().rounds() + " rejections " + guard.rejections().size()
        + " step " + guarded.currentStep() + " vs " + unstable.step());
    assertEquals(StoppingRules.Reason.TARGET_SUBOPTIMALITY, r.reason(), "last: " + r.last());
    assertFalse(guard.rejections().isEmpty());
    assertTrue(guarded.currentStep() < unstable.step());
    for (RoundSafeguard.Rejection j : guard.rejections()) assertTrue(j.objective() > j.best());
  }

  @Test
  void localSvrgWithAnUnstableStepIsDampedAndConverges() {
    LocalSvrgConfig theory = LocalSvrgConfig.defaults(P.constants, 16);
    LocalSvrgConfig unstable = new LocalSvrgConfig(16, SVRG_FACTOR * theory.eta(), theory.localSteps(), theory.anchorEvery());
    Object plain = run(new LocalSvrg(unstable).unguarded(), SamplingScheme.WITH_REPLACEMENT, 200);
    if (plain instanceof RunResult r) {
      System.out.println("unguarded: " + r.reason() + " last " + r.last() + " best " + best(r));
      assertNotEquals(StoppingRules.Reason.TARGET_SUBOPTIMALITY, r.reason(), "the step must be unstable for this test to mean anything");
      assertTrue(r.last().objective() > 1.2 * best(r), "unguarded ends above its best");
    }
    LocalSvrg guarded = new LocalSvrg(unstable);
    RunResult r = (RunResult) run(guarded, SamplingScheme.WITH_REPLACEMENT, 400);
    System.out.println("guarded: " + r.reason() + " rounds " + r.stats().rounds() + " rejections "
        + guarded.safeguard().rejections().size() + " step " + guarded.currentStep());
    assertEquals(StoppingRules.Reason.TARGET_SUBOPTIMALITY, r.reason(), "last: " + r.last());
    assertFalse(guarded.safeguard().rejections().isEmpty());
  }

  @Test
  void theGuardComparesWithTheBestAndRestoresItsState() {
    RoundSafeguard g = new RoundSafeguard(1e-10, 0.5, 2);
    double[] x = {1, 2};
    assertTrue(g.accept(5.0, 7, x));
    x[0] = 9;
    assertTrue(g.accept(4.0, 8, x));
    x[0] = -1;
    assertFalse(g.accept(4.0 + 1e-6, 9, x));
    assertEquals(0.25, g.reject(9, 4.0 + 1e-6, 0.5, "m", x));
    assertArrayEquals(new double[] {9, 2}, x);
    assertEquals(8, g.savedCounter());
    assertFalse(g.accept(Double.NaN, 10, x));
    g.reject(10, Double.NaN, 0.25, "m", x);
    assertThrows(DivergenceException.class, () -> g.reject(11, 5.0, 0.125, "m", x));
  }

  /** 8× the theory step: unguarded local-katyusha stalls 24% above F* (issue 14 saw it stall at 2F*). */
  private static final double FACTOR = 8;
  /** 100× the default step: unguarded local-svrg ends at 3× its starting objective. */
  private static final double SVRG_FACTOR = 100;
}
