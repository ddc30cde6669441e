package org.stochopt.core;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.SquaredLoss;
import org.stochopt.core.method.AccSvrgAppa;
import org.stochopt.core.method.AccSvrgAppaConfig;
import org.stochopt.core.method.Dasvrda;
import org.stochopt.core.method.DasvrdaConfig;
import org.stochopt.core.method.Katyusha;
import org.stochopt.core.method.KatyushaConfig;
import org.stochopt.core.method.ProxSvrg;
import org.stochopt.core.method.ProxSvrgConfig;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.StepSizes;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.reference.OwlqnSolver;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;
import org.stochopt.core.theory.MinibatchTheory;
import org.stochopt.core.theory.TheoryInputs;

/**
 * The optimal-minibatch claim, measured: on a least-squares problem with known κ, the minibatch
 * steps an optimal minibatch method needs to reach ε = 1e-6 fall like 1/b well below the
 * theory's b* and stop falling well above it, while prox-SVRG keeps needing ≈ κ steps. The
 * assertions are on log-log slopes, not on counts.
 */
class MinibatchScalingTest {
  private static final int D = 20;

  private static final class Problem {
    final InMemoryOracle oracle;
    final Regularizer reg;
    final ProblemConstants constants;
    final double fStar;
    final long bStar;
    final int n;

    Problem(int n, double kappa) {
      this.n = n;
      RowBlock block = TestData.conditioned(n, D, kappa * 10, 5);
      oracle = new InMemoryOracle(new LinearObjective(new SquaredLoss(), D), TestData.split(block, 4));
      double l = ProblemConstants.estimate(oracle, 1.0, Regularizers.parse("none"), 1).globalL();
      reg = Regularizers.parse("l2:" + l / kappa);
      constants = ProblemConstants.estimate(oracle, 1.0, reg, 1);
      fStar = OwlqnSolver.highPrecision().solve(oracle, reg, new double[D]).objective();
      bStar = new MinibatchTheory(TheoryInputs.stronglyConvex(constants, 1e-6)).optimalBatchSize();
    }

    long stepsToTarget(String method, int b) {
      SamplingScheme scheme = method.equals("svrg") ? SamplingScheme.WITHOUT_REPLACEMENT : SamplingScheme.IMPORTANCE;
      Method<?> m = switch (method) {
        case "katyusha" -> new Katyusha(KatyushaConfig.theory(constants, b, scheme));
        case "dasvrda" -> new Dasvrda(DasvrdaConfig.theory(constants, b, scheme));
        case "accsvrg-appa" -> new AccSvrgAppa(AccSvrgAppaConfig.theory(constants, b, scheme, true));
        case "svrg" -> new ProxSvrg(new ProxSvrgConfig(b, StepSizes.svrg(constants, b), (n + b - 1) / b, ProxSvrgConfig.Anchor.LAST));
        default -> throw new IllegalArgumentException(method);
      };
      double[] masses = scheme == SamplingScheme.IMPORTANCE ? oracle.partitionMasses() : null;
      ProblemContext ctx = new ProblemContext(oracle, reg, new SamplingPlan(3, oracle.partitionSizes(), scheme, masses), constants);
      // Evaluate every 0.25 pass: the counts are exact to ⌈n/(8b)⌉ steps, < 3% of any count here.
      RunResult r = new Runner(new Runner.Options(0.25, Long.MAX_VALUE, 1e6, "lower the step"))
          .run(m, ctx, new double[D], new StoppingRules(400_000, 0, 1e-6, 0, 0), new Evaluator(oracle, reg, constants.globalL(), fStar, null), x -> {});
      assertEquals(StoppingRules.Reason.TARGET_SUBOPTIMALITY, r.reason(), method + " b=" + b + " " + r.last());
      return r.last().step();
    }
  }

  private static final Problem KAPPA_1E4 = new Problem(10_000, 1e4);

  private static double slope(long t1, int b1, long t2, int b2) {
    return Math.log((double) t2 / t1) / Math.log((double) b2 / b1);
  }

  @ParameterizedTest
  @CsvSource({"katyusha", "dasvrda", "accsvrg-appa"})
  void stepsFallLikeOneOverBBelowBStarAndFlattenAbove(String method) {
    Problem p = KAPPA_1E4;
    int lo1 = (int) Math.max(1, p.bStar / 32);
    int lo2 = lo1 * 4;
    int hi1 = (int) (p.bStar * 4);
    int hi2 = Math.min(p.n, hi1 * 2);
    double below = slope(p.stepsToTarget(method, lo1), lo1, p.stepsToTarget(method, lo2), lo2);
    double above = slope(p.stepsToTarget(method, hi1), hi1, p.stepsToTarget(method, hi2), hi2);
    assertTrue(below < -0.75 && below > -1.25, method + ": slope " + below + " between b=" + lo1 + " and " + lo2 + " (b*=" + p.bStar + ")");
    assertTrue(above > -0.3, method + ": slope " + above + " between b=" + hi1 + " and " + hi2 + " (b*=" + p.bStar + ")");
  }

  /** Prox-SVRG's floor is ≈ κ steps, far above the accelerated methods' ≈ √κ (n = 2000, κ = 10³, to keep the test short). */
  @org.junit.jupiter.api.Test
  void svrgFlattensNearKappaAndAboveTheAcceleratedFloor() {
    Problem p = new Problem(2000, 1e3);
    int b = p.n / 2;
    long svrg = p.stepsToTarget("svrg", b);
    long svrgFull = p.stepsToTarget("svrg", p.n);
    long katyusha = p.stepsToTarget("katyusha", b);
    assertTrue(b > 4 * p.bStar, "b=" + b + " must be well above b*=" + p.bStar);
    assertTrue(slope(svrg, b, svrgFull, p.n) > -0.3, "svrg flat above b*: " + svrg + " → " + svrgFull);
    assertTrue(svrg > 1e3 && svrg < 1e3 * 40, "svrg steps ≈ κ·log(1/ε): " + svrg);
    assertTrue(svrg > 3 * katyusha, "svrg " + svrg + " vs katyusha " + katyusha);
  }
}
