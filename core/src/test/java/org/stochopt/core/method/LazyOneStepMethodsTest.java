package org.stochopt.core.method;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.MethodState;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.optim.StepSchedule;
import org.stochopt.core.optim.StepSizes;
import org.stochopt.core.oracle.DataSummary;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.oracle.LazyLocalStepsTest;
import org.stochopt.core.oracle.OracleStats;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * The one-step-per-round methods' O(nnz) steps (ProxSgd, ProxSvrg, Katyusha, Dasvrda, AccProxSvrg
 * and AccSvrgAppa on sparse rows) agree
 * with their dense steps to 1e-12 relative, for L2, L1 and the elastic net, from a start point
 * whose coordinates the L1 prox drives through zero during skipped steps; read mid-run (a partial
 * catch-up) and at the end. The dense run uses the same rows through an oracle that does not offer
 * them sparsely.
 */
class LazyOneStepMethodsTest {
  private static final int D = LazyLocalStepsTest.D;
  private static final int B = 4;

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "sgd, l2:1e-3, with-replacement", "sgd, l1:2e-4, without-replacement", "sgd, 'elasticnet:1e-3,0.5', importance",
    "svrg, l2:1e-3, without-replacement", "svrg, l1:2e-4, with-replacement", "svrg, 'elasticnet:1e-3,0.5', importance",
    "svrg-average, 'elasticnet:1e-3,0.5', without-replacement",
    "katyusha, l2:1e-3, without-replacement", "katyusha, l1:2e-4, with-replacement",
    "katyusha, 'elasticnet:1e-3,0.5', importance", "katyusha-ns, l1:2e-4, without-replacement",
    "dasvrda, l2:1e-3, without-replacement", "dasvrda, l1:2e-4, with-replacement",
    "dasvrda, 'elasticnet:1e-3,0.5', importance", "dasvrda-adaptive, 'elasticnet:1e-3,0.9', without-replacement",
    "accsvrg, l2:1e-3, without-replacement", "accsvrg, 'elasticnet:1e-3,0.5', importance",
    "accsvrg-appa, l2:1e-4, importance", "accsvrg-appa, l1:2e-4, without-replacement",
    "accsvrg-appa, 'elasticnet:2e-4,0.5', without-replacement",
  })
  void lazyStepsAgreeWithDenseSteps(String method, String reg, String sampling) {
    List<RowBlock> parts = List.of(LazyLocalStepsTest.rows(300, 11), LazyLocalStepsTest.rows(250, 12));
    InMemoryOracle oracle = new InMemoryOracle(new LinearObjective(new LogisticLoss(), D), parts, 1);
    Regularizer r = Regularizers.parse(reg);
    ProblemConstants k = ProblemConstants.estimate(oracle, 0.25, r, 1);
    SamplingScheme scheme = SamplingScheme.parse(sampling);
    SamplingPlan plan = oracle.samplingPlan(5, scheme);
    ProblemContext sparse = new ProblemContext(oracle, r, plan, k);
    ProblemContext dense = new ProblemContext(new DenseOnly(oracle), r, plan, k);
    double[] w0 = new double[D];
    SplittableRandom rng = new SplittableRandom(3);
    for (int j = 0; j < D; j++) w0[j] = rng.nextGaussian() * 0.02;
    long m = (k.n() + B - 1) / B;
    Method<?> algorithm = switch (method) {
      case "sgd" -> new ProxSgd(new ProxSgdConfig(B, new StepSchedule(StepSchedule.Kind.INVERSE_T, 1.0 / k.globalL(), 50),
          ProxSgdConfig.Averaging.LINEAR));
      case "svrg" -> new ProxSvrg(new ProxSvrgConfig(B, StepSizes.svrg(k, B), m, ProxSvrgConfig.Anchor.LAST));
      case "svrg-average" -> new ProxSvrg(new ProxSvrgConfig(B, StepSizes.svrg(k, B), m, ProxSvrgConfig.Anchor.AVERAGE));
      case "katyusha" -> new Katyusha(KatyushaConfig.theory(k, B, scheme));
      case "katyusha-ns" -> new Katyusha(KatyushaConfig.theory(new ProblemConstants(k.n(), k.d(), k.meanL(), k.maxL(),
          k.globalL(), 0.0), B, scheme));
      case "dasvrda" -> new Dasvrda(DasvrdaConfig.theory(k, B, scheme));
      case "dasvrda-adaptive" -> new Dasvrda(DasvrdaConfig.theory(k, B, scheme).withRestart(DasvrdaConfig.Restart.ADAPTIVE));
      case "accsvrg" -> new AccProxSvrg(AccSvrgAppaConfig.theory(k, B, scheme, false));
      default -> appaMovingEveryEpoch(AccSvrgAppaConfig.theory(k, B, scheme, true));
    };
    int steps = (int) (3 * m + 17);
    double[][] lazyOut = run(algorithm, sparse, w0, steps, true);
    double[][] denseOut = run(algorithm, dense, w0, steps, false);
    // Katyusha and Acc-Prox-SVRG with λ₁ > 0 replay their skipped steps, and the sparse rounds'
    // gradients are the dense oracle's bits (same per-partition sums, same partition-order merge):
    // then the two paths must agree bit for bit. The closed forms of the other cases round differently.
    boolean exact = (method.startsWith("accsvrg") || method.startsWith("katyusha")) && r.l1Weight() > 0;
    for (int c = 0; c < 2; c++) {
      double scale = 0.0;
      for (double v : denseOut[c]) scale = Math.max(scale, Math.abs(v));
      assertTrue(scale > 0);
      int identical = 0;
      for (int j = 0; j < D; j++) {
        assertEquals(denseOut[c][j], lazyOut[c][j], 1e-12 * scale, (c == 0 ? "mid-run" : "final") + " coordinate " + j);
        if (denseOut[c][j] == lazyOut[c][j]) identical++;
      }
      if (exact) assertEquals(D, identical, "with L1 the skipped steps are replayed: bit for bit");
      else assertTrue(identical < D, "the lazy path must really have run");
    }
    if (r.l1Weight() > 0) {
      int zeros = 0;
      for (double v : denseOut[1]) if (v == 0.0) zeros++;
      assertTrue(zeros > D / 10, "L1 must have set coordinates to zero (" + zeros + ")");
    }
  }

  /** APPA with one inner epoch per subproblem, so that its centre moves at every anchor. */
  private static AccSvrgAppa appaMovingEveryEpoch(AccSvrgAppaConfig c) {
    assertTrue(c.kappa() > 0, "the APPA weight must be on");
    return new AccSvrgAppa(new AccSvrgAppaConfig(c.batchSize(), c.eta(), c.beta(), c.epochLength(), c.kappa(), c.mu(), 1));
  }

  @SuppressWarnings("unchecked")
  private static <S extends MethodState> double[][] run(Method<S> method, ProblemContext ctx, double[] w0, int steps,
      boolean lazy) {
    S s = method.init(w0, ctx);
    assertEquals(lazy, lazyOf(s) != null, "lazy path chosen");
    double[] mid = null;
    for (int t = 0; t < steps; t++) {
      method.step(s, ctx);
      if (t == steps / 2 + 3) mid = s.output();
    }
    return new double[][] {mid, s.output()};
  }

  private static Object lazyOf(MethodState s) {
    if (s instanceof ProxSgd.State x) return x.lazy;
    if (s instanceof ProxSvrg.State x) return x.lazy;
    if (s instanceof Dasvrda.State x) return x.lazy;
    if (s instanceof AccProxSvrg.State x) return x.lazy;
    if (s instanceof AccSvrgAppa.State x) return x.inner.lazy;
    return ((Katyusha.State) s).lazy;
  }

  /** The same oracle without its sparse rows: methods on it take the dense path. */
  private record DenseOnly(GradientOracle o) implements GradientOracle {
    @Override
    public int dimension() {
      return o.dimension();
    }

    @Override
    public long size() {
      return o.size();
    }

    @Override
    public int[] partitionSizes() {
      return o.partitionSizes();
    }

    @Override
    public double fullGradient(double[] w, double[] gOut) {
      return o.fullGradient(w, gOut);
    }

    @Override
    public double batchGradient(double[] w, Minibatch batch, double[] gOut) {
      return o.batchGradient(w, batch, gOut);
    }

    @Override
    public void batchGradientDifference(double[] w, double[] anchor, Minibatch batch, double[] dOut) {
      o.batchGradientDifference(w, anchor, batch, dOut);
    }

    @Override
    public double evaluate(double[] w, double[] gOut) {
      return o.evaluate(w, gOut);
    }

    @Override
    public void curvatureProduct(double[] v, double[] out) {
      o.curvatureProduct(v, out);
    }

    @Override
    public double[] partitionMasses() {
      return o.partitionMasses();
    }

    @Override
    public DataSummary summary() {
      return o.summary();
    }

    @Override
    public OracleStats stats() {
      return o.stats();
    }
  }
}
