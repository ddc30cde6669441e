package org.stochopt.core.precond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stochopt.core.TestData;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.SquaredLoss;
import org.stochopt.core.method.PreconditionedGd;
import org.stochopt.core.method.PreconditionedGdConfig;
import org.stochopt.core.method.PreconditionedSgd;
import org.stochopt.core.method.PreconditionedSgdConfig;
import org.stochopt.core.method.ProxSgdConfig;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.StepSchedule;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.runtime.LocalPartitionRunner;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * Preconditioned GD and SGD against optima computed independently of them (Gaussian elimination on
 * the normal equations, the explicit P Xᵀ (X P Xᵀ)⁻¹ y), and the study's closed-form GD path against
 * the method run step by step through the oracle.
 */
class PreconditionedGdTest {
  private static final Regularizer NONE = Regularizers.parse("none");

  private static InMemoryOracle oracle(RowBlock rows) {
    return new InMemoryOracle(new LinearObjective(new SquaredLoss(), rows.dim()), TestData.split(rows, 3), 2);
  }

  private static ProblemContext context(InMemoryOracle oracle, Regularizer reg) {
    ProblemConstants k = ProblemConstants.estimate(oracle, 1.0, reg, 7);
    return new ProblemContext(oracle, reg, new SamplingPlan(3, oracle.partitionSizes(), SamplingScheme.WITH_REPLACEMENT), k);
  }

  /** argmin (1/2n)‖Xw − y‖² + (λ/2)‖w‖², from the normal equations. */
  private static double[] leastSquares(RowBlock rows, double lambda) {
    double[][] x = PrecondTestData.dense(rows);
    int n = x.length;
    int d = rows.dim();
    double[][] m = new double[d][d];
    double[] b = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        b[j] += x[i][j] * rows.label(i) / n;
        for (int k = 0; k < d; k++) m[j][k] += x[i][j] * x[i][k] / n;
      }
    }
    for (int j = 0; j < d; j++) m[j][j] += lambda;
    return PrecondTestData.solve(m, b);
  }

  private static RunResult runGd(InMemoryOracle oracle, Regularizer reg, Preconditioner p, long rounds, double target) {
    ProblemContext ctx = context(oracle, reg);
    double eta = 1.0 / PreconditionedSmoothness.estimate(oracle, p, reg.l2Weight(), 11);
    PreconditionedGd gd = new PreconditionedGd(new PreconditionedGdConfig(eta, p));
    return new Runner(Runner.Options.defaults()).run(gd, ctx, new double[oracle.dimension()],
        new StoppingRules(rounds, 0, 0, target, 0), new Evaluator(oracle, reg, 1.0, Double.NaN, null), t -> {});
  }

  @Test
  void everyPreconditionerReachesTheLeastSquaresMinimiserAndNgdNeedsFarFewerRounds() {
    double[][] a = PrecondTestData.mixing(8, 1e3, 1);
    RowBlock rows = PrecondTestData.rows(a, 400, PrecondTestData.vector(8, 2), 0.3, 3);
    for (String reg : new String[] {"none", "l2:0.01"}) {
      Regularizer r = Regularizers.parse(reg);
      double[] expected = leastSquares(rows, r.l2Weight());
      long gdRounds = -1;
      for (String spec : new String[] {"none", "diag", "fisher", "fisher:0.5", "additive:0.3", "additive:1"}) {
        try (InMemoryOracle oracle = oracle(rows)) {
          PreconditionerBuilder.Built built = PreconditionerBuilder.build(oracle.runner(), 8, PreconditionerConfig.of(spec));
          RunResult result = runGd(oracle, r, built.preconditioner(), 200_000, 1e-11);
          double err = PrecondTestData.maxAbsDiff(expected, result.solution());
          assertTrue(err < 1e-8 * PrecondTestData.maxAbs(expected), spec + " " + reg + ": off by " + err);
          long rounds = result.stats().rounds();
          if (spec.equals("none")) gdRounds = rounds;
          if (spec.equals("fisher") && reg.equals("none")) {
            // Σ_X⁻¹ whitens the Hessian of the squared loss: a handful of rounds instead of thousands
            // (with l2:λ the Hessian is Σ_X + λI and P·H is no longer I).
            assertTrue(rounds * 50 < gdRounds, "NGD took " + rounds + " rounds, GD " + gdRounds);
          }
        }
      }
    }
  }

  @Test
  void ngdOnAWellSpecifiedOverparameterisedProblemReachesTheClosedFormPreconditionedInterpolant() {
    int d = 60;
    int n = 24;
    double[][] a = PrecondTestData.mixing(d, 100, 4);
    double[] teacher = PrecondTestData.vector(d, 5);
    RowBlock train = PrecondTestData.rows(a, n, teacher, 0.0, 6); // y = ⟨w*, x⟩ exactly
    RowBlock unlabeled = PrecondTestData.rows(a, 3000, null, 0.0, 7); // the population Fisher, estimated
    SecondMoment moment = SecondMoment.estimate(new LocalPartitionRunner<>(TestData.split(unlabeled, 4), 2), d, true);
    SpectralFactor factor = SpectralFactor.of(moment);
    SpectralPreconditioner p = factor.preconditioner(PreconditionerSpec.parse("fisher"), 1e-9);

    // Independent closed form: P as an explicit matrix, then w = P Xᵀ (X P Xᵀ)⁻¹ y by elimination.
    double[][] pm = new double[d][d];
    for (int j = 0; j < d; j++) {
      double[] e = new double[d];
      e[j] = 1;
      double[] col = new double[d];
      p.apply(e, col);
      for (int k = 0; k < d; k++) pm[k][j] = col[k];
    }
    double[][] x = PrecondTestData.dense(train);
    double[][] pxt = new double[d][n];
    for (int j = 0; j < d; j++) for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) pxt[j][i] += pm[j][k] * x[i][k];
    double[][] gram = new double[n][n];
    for (int i = 0; i < n; i++) for (int l = 0; l < n; l++) for (int j = 0; j < d; j++) gram[i][l] += x[i][j] * pxt[j][l];
    double[] y = train.labelsView().clone();
    double[] dual = PrecondTestData.solve(gram, y);
    double[] expected = new double[d];
    for (int j = 0; j < d; j++) for (int i = 0; i < n; i++) expected[j] += pxt[j][i] * dual[i];

    try (InMemoryOracle oracle = oracle(train)) {
      RunResult result = runGd(oracle, NONE, p, 100_000, 1e-12);
      double err = PrecondTestData.maxAbsDiff(expected, result.solution());
      assertTrue(err < 1e-7 * PrecondTestData.maxAbs(expected), "NGD vs closed form: off by " + err + " after " + result.stats().rounds());
      // It interpolates: the training residual is zero.
      for (int i = 0; i < n; i++) assertEquals(y[i], train.dot(i, result.solution()), 1e-7);
    }

    // The study's closed-form path (RidgelessPath, LAPACK) agrees with both.
    RidgelessPath path = ridgeless(x, factor, p.gains());
    double[] limit = rotateBack(factor, path.weights(path.limitDual(y)));
    assertTrue(PrecondTestData.maxAbsDiff(expected, limit) < 1e-8 * PrecondTestData.maxAbs(expected));
  }

  @Test
  void theClosedFormPathMatchesPreconditionedGdStepByStep() {
    int d = 40;
    int n = 15;
    double[][] a = PrecondTestData.mixing(d, 50, 8);
    RowBlock train = PrecondTestData.rows(a, n, PrecondTestData.vector(d, 9), 0.5, 10);
    RowBlock unlabeled = PrecondTestData.rows(a, 800, null, 0.0, 11);
    SpectralFactor factor = SpectralFactor.of(SecondMoment.estimate(new LocalPartitionRunner<>(List.of(unlabeled), 1), d, true));
    for (String spec : new String[] {"fisher:0.5", "additive:0.5", "fisher:0"}) {
      SpectralPreconditioner p = factor.preconditioner(PreconditionerSpec.parse(spec), 1e-6);
      RidgelessPath path = ridgeless(PrecondTestData.dense(train), factor, p.gains());
      double eta = 0.9 / path.maxCurvature();
      try (InMemoryOracle oracle = oracle(train)) {
        ProblemContext ctx = context(oracle, NONE);
        PreconditionedGd gd = new PreconditionedGd(new PreconditionedGdConfig(eta, p));
        PreconditionedGd.State s = gd.init(new double[d], ctx);
        for (int t = 1; t <= 40; t++) {
          gd.step(s, ctx);
          if (t % 10 != 0) continue;
          double[] closed = rotateBack(factor, path.weights(path.pathDual(train.labelsView(), eta, t)));
          double err = PrecondTestData.maxAbsDiff(closed, s.output());
          assertTrue(err < 1e-9 * Math.max(1, PrecondTestData.maxAbs(closed)), spec + " step " + t + ": off by " + err);
        }
      }
    }
  }

  @Test
  void preconditionedSgdWithAConstantStepReachesTheTeacherOnNoiselessData() {
    double[][] a = PrecondTestData.mixing(6, 1e3, 12);
    double[] teacher = PrecondTestData.vector(6, 13);
    RowBlock rows = PrecondTestData.rows(a, 300, teacher, 0.0, 14);
    for (String spec : new String[] {"none", "fisher"}) {
      try (InMemoryOracle oracle = oracle(rows)) {
        PreconditionerBuilder.Built built = PreconditionerBuilder.build(oracle.runner(), 6, PreconditionerConfig.of(spec));
        double lp = PreconditionedSmoothness.estimate(oracle, built.preconditioner(), 0, 1);
        // For P = I the P-weighted trace tr(PΣ) is L̄ itself.
        double trace = spec.equals("none") ? context(oracle, NONE).constants().meanL() : built.traceWeighted();
        double eta = 1.0 / (2 * (lp + trace / 8));
        PreconditionedSgd sgd = new PreconditionedSgd(new PreconditionedSgdConfig(8,
            new StepSchedule(StepSchedule.Kind.CONSTANT, eta, 1), ProxSgdConfig.Averaging.NONE, built.preconditioner()));
        RunResult r = new Runner(Runner.Options.defaults()).run(sgd, context(oracle, NONE), new double[6],
            new StoppingRules(spec.equals("none") ? 400_000 : 20_000, 0, 0, 1e-10, 0),
            new Evaluator(oracle, NONE, 1.0, Double.NaN, null), t -> {});
        double err = PrecondTestData.maxAbsDiff(teacher, r.solution());
        assertTrue(err < 1e-6, spec + ": off by " + err + " after " + r.stats().rounds() + " rounds");
      }
    }
  }

  @Test
  void l1IsRefusedBecauseItsProxIsNotInThePMetric() {
    RowBlock rows = PrecondTestData.rows(PrecondTestData.mixing(4, 10, 1), 50, PrecondTestData.vector(4, 1), 0.1, 1);
    try (InMemoryOracle oracle = oracle(rows)) {
      PreconditionedGd gd = new PreconditionedGd(new PreconditionedGdConfig(0.1, Preconditioner.identity(4)));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gd.init(new double[4], context(oracle, Regularizers.parse("l1:0.1"))));
      assertTrue(e.getMessage().contains("smooth regularizer"), e.getMessage());
    }
  }

  @Test
  void aboveTheDenseLimitTheFullSpecsFallBackToTheDiagonalAndSaySo() {
    RowBlock rows = PrecondTestData.rows(PrecondTestData.mixing(12, 10, 2), 100, null, 0, 3);
    LocalPartitionRunner<RowBlock> runner = new LocalPartitionRunner<>(TestData.split(rows, 2), 1);
    PreconditionerConfig config = new PreconditionerConfig(PreconditionerSpec.parse("fisher:0.5"), 1e-6, 8);
    PreconditionerBuilder.Built built = PreconditionerBuilder.build(runner, 12, config);
    assertTrue(built.preconditioner() instanceof DiagonalPreconditioner);
    assertNotNull(built.note());
    assertTrue(built.note().contains("diagonal"), built.note());
    PreconditionerBuilder.Built dense = PreconditionerBuilder.build(runner, 12, new PreconditionerConfig(config.spec(), 1e-6, 12));
    assertTrue(dense.preconditioner() instanceof SpectralPreconditioner);
    assertNull(dense.note());
  }

  @Test
  void anUndampedSingularSecondMomentIsRefused() {
    RowBlock rows = PrecondTestData.rows(PrecondTestData.mixing(10, 10, 2), 5, null, 0, 3); // rank 5 < d = 10
    LocalPartitionRunner<RowBlock> runner = new LocalPartitionRunner<>(List.of(rows), 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PreconditionerBuilder.build(runner, 10, new PreconditionerConfig(PreconditionerSpec.parse("fisher"), 0.0, 100)));
    assertTrue(e.getMessage().contains("--precondition-damping"), e.getMessage());
    // The additive mix with α < 1 is never singular, and damping makes NGD well defined.
    PreconditionerBuilder.build(runner, 10, new PreconditionerConfig(PreconditionerSpec.parse("additive:0.5"), 0.0, 100));
    PreconditionerBuilder.build(runner, 10, new PreconditionerConfig(PreconditionerSpec.parse("fisher"), 1e-6, 100));
  }

  static RidgelessPath ridgeless(double[][] x, SpectralFactor factor, double[] gains) {
    int n = x.length;
    int d = factor.dim();
    double[] v = factor.vectorsView();
    double[] z = new double[n * d];
    for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) {
      double s = 0;
      for (int j = 0; j < d; j++) s += x[i][j] * v[k * d + j];
      z[i * d + k] = s;
    }
    return new RidgelessPath(z, n, d, gains);
  }

  static double[] rotateBack(SpectralFactor factor, double[] u) {
    int d = factor.dim();
    double[] v = factor.vectorsView();
    double[] w = new double[d];
    for (int k = 0; k < d; k++) for (int j = 0; j < d; j++) w[j] += v[k * d + j] * u[k];
    return w;
  }
}
