package org.stochopt.core.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stochopt.core.TestData;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.loss.Losses;
import org.stochopt.core.loss.MulticlassLoss;
import org.stochopt.core.loss.OneVsRestLogisticLoss;
import org.stochopt.core.loss.SoftmaxCrossEntropyLoss;
import org.stochopt.core.method.Katyusha;
import org.stochopt.core.method.KatyushaConfig;
import org.stochopt.core.method.ProxSvrg;
import org.stochopt.core.method.ProxSvrgConfig;
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
import org.stochopt.core.reference.ReferenceOptimum;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;

/** The multinomial and one-vs-rest objectives on d·K weights: derivatives, curvature bounds, optima. */
class MulticlassLinearObjectiveTest {
  private static final int D = 7;
  private static final int K = 4;

  /**
   * Labels argmax_k(⟨t_k, x⟩ + Gumbel noise) of K random teachers t_k: a softmax model's own
   * sampling distribution, so the classes overlap and no optimum is at infinity.
   */
  static RowBlockBuilder multiclass(int n, int d, int k, double density, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] teacher = new double[k][d];
    for (double[] t : teacher) for (int j = 0; j < d; j++) t[j] = 2 * rng.nextDouble() - 1;
    RowBlockBuilder b = new RowBlockBuilder();
    int[] idx = new int[d];
    double[] val = new double[d];
    for (int i = 0; i < n; i++) {
      int c = 0;
      for (int j = 0; j < d; j++) {
        if (rng.nextDouble() < density) {
          idx[c] = j;
          val[c++] = 2 * rng.nextDouble() - 1;
        }
      }
      int best = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int y = 0; y < k; y++) {
        double s = -Math.log(-Math.log(rng.nextDouble()));
        for (int q = 0; q < c; q++) s += teacher[y][idx[q]] * val[q];
        if (s > bestScore) {
          bestScore = s;
          best = y;
        }
      }
      b.addRow(best, idx, val, c);
    }
    return b;
  }

  private static double[] random(int len, SplittableRandom rng, double scale) {
    double[] v = new double[len];
    for (int j = 0; j < len; j++) v[j] = scale * (2 * rng.nextDouble() - 1);
    return v;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) s += a[j] * b[j];
    return s;
  }

  private static MulticlassLoss loss(String name) {
    return Losses.parseMulticlass(name).loss();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"multinomial, dense", "multinomial, sparse", "ovr-logistic, dense", "ovr-logistic, sparse"})
  void gradientMatchesFiniteDifferences(String lossName, String layout) {
    RowBlockBuilder b = multiclass(50, D, K, 0.6, 3);
    RowBlock block = layout.equals("dense") ? b.buildDense(D, 0) : b.buildSparse(D, 0);
    MulticlassLinearObjective obj = new MulticlassLinearObjective(loss(lossName), D, K);
    InMemoryOracle oracle = new InMemoryOracle(obj, TestData.split(block, 3));
    SplittableRandom rng = new SplittableRandom(5);
    double[] w = random(D * K, rng, 1.5);
    double[] g = new double[D * K];
    oracle.evaluate(w, g);
    for (int t = 0; t < 6; t++) {
      double[] v = random(D * K, rng, 1.0);
      double h = 1e-5;
      double[] wp = w.clone();
      double[] wm = w.clone();
      for (int j = 0; j < D * K; j++) {
        wp[j] += h * v[j];
        wm[j] -= h * v[j];
      }
      double fd = (oracle.evaluate(wp, new double[D * K]) - oracle.evaluate(wm, new double[D * K])) / (2 * h);
      assertEquals(fd, dot(g, v), 1e-7 * Math.max(1, Math.abs(fd)), lossName + " " + layout + " direction " + t);
    }
  }

  /** accumulateRows with weights and accumulateDifference agree with the per-row gradients they are sums of. */
  @ParameterizedTest
  @CsvSource({"multinomial", "ovr-logistic"})
  void rowAndDifferenceSumsAgreeWithFullSums(String lossName) {
    RowBlock block = multiclass(20, D, K, 0.8, 4).build(D, 100);
    MulticlassLinearObjective obj = new MulticlassLinearObjective(loss(lossName), D, K);
    SplittableRandom rng = new SplittableRandom(6);
    double[] w = random(D * K, rng, 1);
    double[] anchor = random(D * K, rng, 1);
    int[] rows = {3, 3, 0, 19, 7};
    double[] weights = {0.5, 2.0, 1.0, 3.0, 0.25};
    GradientSum expectedW = new GradientSum(D * K);
    GradientSum expectedA = new GradientSum(D * K);
    for (int k = 0; k < rows.length; k++) {
      GradientSum one = new GradientSum(D * K);
      obj.accumulate(w, block.slice(rows[k], rows[k] + 1), one);
      GradientSum oneA = new GradientSum(D * K);
      obj.accumulate(anchor, block.slice(rows[k], rows[k] + 1), oneA);
      for (int j = 0; j < D * K; j++) {
        expectedW.gradient()[j] += weights[k] * one.gradient()[j];
        expectedA.gradient()[j] += weights[k] * oneA.gradient()[j];
      }
      expectedW.addLoss(weights[k] * one.loss());
    }
    GradientSum rowsSum = new GradientSum(D * K);
    obj.accumulateRows(w, block, rows, weights, rowsSum);
    GradientSum diff = new GradientSum(D * K);
    obj.accumulateDifference(w, anchor, block, rows, weights, diff);
    assertEquals(expectedW.loss(), rowsSum.loss(), 1e-12 * Math.abs(expectedW.loss()));
    assertEquals(6.75, rowsSum.count(), 0);
    for (int j = 0; j < D * K; j++) {
      assertEquals(expectedW.gradient()[j], rowsSum.gradient()[j], 1e-12, "rows, coordinate " + j);
      assertEquals(expectedW.gradient()[j] - expectedA.gradient()[j], diff.gradient()[j], 1e-12, "difference, coordinate " + j);
    }
  }

  /**
   * vᵀ∇²f_i(w)v, measured by central differences of the gradient, never exceeds vᵀ(C⊗x_ix_iᵀ)v
   * from accumulateCurvatureProduct, which never exceeds L_i‖v‖² (componentSmoothness).
   */
  @ParameterizedTest
  @CsvSource({"multinomial", "ovr-logistic"})
  void curvatureBoundDominatesTheHessian(String lossName) {
    RowBlock block = multiclass(30, D, K, 0.7, 8).buildSparse(D, 0);
    MulticlassLinearObjective obj = new MulticlassLinearObjective(loss(lossName), D, K);
    SplittableRandom rng = new SplittableRandom(9);
    double h = 1e-5;
    double tightest = 0;
    for (int r = 0; r < block.rows(); r++) {
      RowBlock row = block.slice(r, r + 1);
      for (int t = 0; t < 4; t++) {
        double[] w = random(D * K, rng, t == 0 ? 0.05 : 2); // near 0 the curvature is near its bound
        double[] v = random(D * K, rng, 1);
        double[] wp = w.clone();
        double[] wm = w.clone();
        for (int j = 0; j < D * K; j++) {
          wp[j] += h * v[j];
          wm[j] -= h * v[j];
        }
        GradientSum gp = new GradientSum(D * K);
        GradientSum gm = new GradientSum(D * K);
        obj.accumulate(wp, row, gp);
        obj.accumulate(wm, row, gm);
        double hessian = 0;
        for (int j = 0; j < D * K; j++) hessian += (gp.gradient()[j] - gm.gradient()[j]) / (2 * h) * v[j];
        GradientSum cv = new GradientSum(D * K);
        obj.accumulateCurvatureProduct(v, row, cv);
        double bound = dot(v, cv.gradient());
        assertTrue(hessian >= -1e-8, "a convex loss has a PSD Hessian: " + hessian);
        assertTrue(hessian <= bound + 1e-7, lossName + " row " + r + ": vᵀHv = " + hessian + " > vᵀ(C⊗xxᵀ)v = " + bound);
        assertTrue(bound <= obj.componentSmoothness(row, 0) * dot(v, v) + 1e-12, "C⊗xxᵀ ≼ L_i I");
        if (bound > 0) tightest = Math.max(tightest, hessian / bound);
      }
    }
    // The bound is not vacuous: at w ≈ 0 the Hessian reaches a good part of it.
    assertTrue(tightest > 0.3, lossName + ": bound never tighter than " + tightest);
  }

  /** OvR on K classes is K binary logistic problems with labels +1 for class k and −1 otherwise. */
  @Test
  void oneVsRestIsKSeparateBinaryProblems() {
    RowBlockBuilder b = multiclass(40, D, K, 0.7, 11);
    RowBlock block = b.build(D, 0);
    SplittableRandom rng = new SplittableRandom(12);
    double[] w = random(D * K, rng, 1);
    double[] g = new double[D * K];
    double f = new InMemoryOracle(new MulticlassLinearObjective(new OneVsRestLogisticLoss(), D, K), List.of(block))
        .evaluate(w, g);
    double fSum = 0;
    for (int k = 0; k < K; k++) {
      RowBlockBuilder binary = new RowBlockBuilder();
      for (int r = 0; r < block.rows(); r++) {
        int[] idx = new int[D];
        double[] val = new double[D];
        int[] c = {0};
        block.forEachEntry(r, (j, v) -> {
          idx[c[0]] = j;
          val[c[0]++] = v;
        });
        binary.addRow(block.label(r) == k ? 1.0 : -1.0, idx, val, c[0]);
      }
      double[] wk = java.util.Arrays.copyOfRange(w, k * D, (k + 1) * D);
      double[] gk = new double[D];
      fSum += new InMemoryOracle(new LinearObjective(new LogisticLoss(), D), List.of(binary.build(D, 0))).evaluate(wk, gk);
      for (int j = 0; j < D; j++) assertEquals(gk[j], g[k * D + j], 1e-14, "class " + k + " coordinate " + j);
    }
    assertEquals(fSum, f, 1e-13 * fSum);
  }

  /** Margins of ±1000 overflow a naive exp; the stable forms give the exact limits. */
  @Test
  void lossesAreStableForHugeMargins() {
    double[] z = {1000, -1000, 999};
    double[] grad = new double[3];
    double f = new SoftmaxCrossEntropyLoss().valueAndGradient(z, 2, grad);
    assertEquals(1 + Math.log1p(Math.exp(-1) + Math.exp(-2000)), f, 1e-12);
    assertEquals(1 / (1 + Math.exp(-1)), grad[0], 1e-12);
    assertEquals(1 / (1 + Math.exp(1)) - 1, grad[2], 1e-12);
    assertEquals(0, grad[0] + grad[1] + grad[2], 1e-15);
    double o = new OneVsRestLogisticLoss().valueAndGradient(z, 0, grad);
    assertEquals(999, o, 1e-9);
    assertEquals(1, grad[2], 1e-12);
    assertEquals(0, grad[0], 1e-300);
    assertTrue(Double.isFinite(o) && Double.isFinite(grad[1]));
  }

  @Test
  void refusesLabelsThatAreNotClasses() {
    RowBlockBuilder b = new RowBlockBuilder();
    b.addDenseRow(1, new double[] {1, 0});
    b.addDenseRow(K, new double[] {0, 1});
    MulticlassLinearObjective obj = new MulticlassLinearObjective(new SoftmaxCrossEntropyLoss(), 2, K);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> obj.accumulate(new double[2 * K], b.build(2, 40), new GradientSum(2 * K)));
    assertTrue(e.getMessage().contains("row 41 has label 4.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Losses.parseMulticlass("multinomial:1"));
    assertThrows(IllegalArgumentException.class, () -> Losses.parseMulticlass("ovr-logistic:x"));
    assertEquals(10, Losses.parseMulticlass("multinomial:10").classes());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Losses.parse("multinomial")).getMessage()
        .contains("multi-class"));
  }

  /**
   * Katyusha and prox-SVRG (theory parameters, through the Runner) reach the optimum that OWL-QN
   * computes independently on the d·K problem, for both losses, with an L2 and an L1 regularizer.
   */
  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({"multinomial, l2:1e-3, katyusha", "ovr-logistic, l2:1e-3, katyusha", "multinomial, 'elasticnet:2e-3,0.5', svrg",
      "ovr-logistic, l1:2e-3, svrg"})
  void methodsReachTheReferenceOptimum(String lossName, String regSpec, String method) {
    RowBlock block = multiclass(600, D, K, 0.8, 21).build(D, 0);
    InMemoryOracle oracle = new InMemoryOracle(new MulticlassLinearObjective(loss(lossName), D, K), TestData.split(block, 3));
    Regularizer reg = Regularizers.parse(regSpec);
    ProblemConstants k = ProblemConstants.estimate(oracle, loss(lossName).curvatureBound(), reg, 1);
    assertTrue(k.globalL() <= k.meanL() && k.globalL() > 0, "L = " + k.globalL() + " L̄ = " + k.meanL());
    ReferenceOptimum opt = OwlqnSolver.highPrecision().solve(oracle, reg, new double[D * K]);
    int b = 8;
    SamplingScheme scheme = SamplingScheme.WITHOUT_REPLACEMENT;
    Method<?> m = method.equals("katyusha")
        ? new Katyusha(KatyushaConfig.theory(k, b, scheme))
        : new ProxSvrg(new ProxSvrgConfig(b, StepSizes.svrg(k, b), (block.rows() + b - 1) / b, ProxSvrgConfig.Anchor.LAST));
    ProblemContext ctx = new ProblemContext(oracle, reg, new SamplingPlan(7, oracle.partitionSizes(), scheme), k);
    RunResult r = new Runner(new Runner.Options(0.5, Long.MAX_VALUE, 1e6, "")).run(m, ctx, new double[D * K],
        new StoppingRules(0, 800, 1e-9, 0, 0), new Evaluator(oracle, reg, k.globalL(), opt.objective(), null), t -> {});
    assertEquals(StoppingRules.Reason.TARGET_SUBOPTIMALITY, r.reason(), lossName + " " + method + ": " + r.last());
    double scale = 0;
    for (double v : opt.solution()) scale = Math.max(scale, Math.abs(v));
    for (int j = 0; j < D * K; j++) {
      assertEquals(opt.solution()[j], r.solution()[j], 2e-3 * scale, lossName + " coordinate " + j);
    }
  }
}
