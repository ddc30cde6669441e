package org.stochopt.core.resfgb;

import org.stochopt.core.loss.SoftmaxCrossEntropyLoss;
import org.stochopt.core.method.Katyusha;
import org.stochopt.core.method.KatyushaConfig;
import org.stochopt.core.method.LocalKatyusha;
import org.stochopt.core.method.LocalKatyushaConfig;
import org.stochopt.core.method.LocalSvrg;
import org.stochopt.core.method.LocalSvrgConfig;
import org.stochopt.core.method.ProxSvrg;
import org.stochopt.core.method.ProxSvrgConfig;
import org.stochopt.core.objective.MulticlassLinearObjective;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.StepSizes;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.oracle.DataSummary;
import org.stochopt.core.oracle.PartitionedOracle;
import org.stochopt.core.reg.ElasticNet;
import org.stochopt.core.rng.Seeds;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * Refits the linear head on the current features with the project's own methods: the
 * multinomial objective (1/n)Σ_i ℓ(w; (z_i, 1), y_i) + ½·wr‖w‖² of
 * {@link MulticlassLinearObjective} with {@link SoftmaxCrossEntropyLoss}, through a
 * {@link PartitionedOracle} over the same partitions that hold the features, driven by the
 * {@link Runner} loop from the previous layer's head (warm start). Methods: prox-SVRG or Katyusha
 * (one small minibatch per round), local-SVRG or local-Katyusha (local passes in every partition
 * per round, which suits Spark, where each round is a job). The step is the theory step for the constants of this layer's
 * features with L bounded by L̄ = ½·mean‖(z, 1)‖² (one summary pass, no power iteration):
 * features change every layer, so are the constants.
 */
public final class HeadFitter {
  /** Settings. */
  public record Settings(String method, int batchSize, double firstPasses, double passes, double weightDecay, long seed) {
    public Settings {
      if (!METHODS.contains(method)) {
        throw new IllegalArgumentException("--head-method must be one of " + String.join(", ", METHODS) + ", got '" + method + "'");
      }
      if (batchSize < 1) throw new IllegalArgumentException("--head-batch must be positive, got " + batchSize);
      if (!(firstPasses > 0) || !(passes > 0)) throw new IllegalArgumentException("head passes must be positive");
      if (!(weightDecay > 0)) throw new IllegalArgumentException("the head's weight decay must be positive (it fixes the optimum), got " + weightDecay);
    }
  }

  /** The head methods offered. */
  public static final java.util.List<String> METHODS = java.util.List.of("svrg", "katyusha", "local-svrg", "local-katyusha");

  /** The head and what the fit cost. */
  public record Result(double[] w, double objective, double passes, long rounds) {}

  private HeadFitter() {}

  public static Result fit(FeatureRows rows, SoftmaxHead head, double[] w0, Settings cfg, int layer) {
    MulticlassLinearObjective objective = new MulticlassLinearObjective(new SoftmaxCrossEntropyLoss(), head.features() + 1, head.classes());
    PartitionedOracle oracle = PartitionedOracle.over(objective, rows.runner(), rows.sizes());
    ElasticNet reg = ElasticNet.l2(cfg.weightDecay());
    DataSummary s = oracle.summary();
    double c = objective.loss().curvatureBound();
    double meanL = c * s.meanSquaredNorm();
    ProblemConstants k = new ProblemConstants(s.rows(), objective.dimension(), meanL, c * s.maxSquaredNorm(), meanL,
        reg.strongConvexity());
    int b = (int) Math.min(cfg.batchSize(), rows.size());
    Method<?> method;
    SamplingScheme scheme;
    switch (cfg.method()) {
      case "svrg" -> {
        scheme = SamplingScheme.WITHOUT_REPLACEMENT;
        method = new ProxSvrg(new ProxSvrgConfig(b, StepSizes.svrg(k, b, scheme), (rows.size() + b - 1) / b, ProxSvrgConfig.Anchor.LAST));
      }
      case "katyusha" -> {
        scheme = SamplingScheme.IMPORTANCE;
        method = new Katyusha(KatyushaConfig.theory(k, b, scheme));
      }
      case "local-katyusha" -> {
        scheme = SamplingScheme.IMPORTANCE;
        method = new LocalKatyusha(LocalKatyushaConfig.theory(k, b, rows.sizes().length, scheme));
      }
      default -> {
        scheme = SamplingScheme.WITH_REPLACEMENT;
        method = new LocalSvrg(LocalSvrgConfig.defaults(k, b));
      }
    }
    long seed = Seeds.child(cfg.seed(), 0x48454144L, layer);
    SamplingPlan plan = scheme == SamplingScheme.IMPORTANCE
        ? new SamplingPlan(seed, rows.sizes(), scheme, oracle.partitionMasses())
        : new SamplingPlan(seed, rows.sizes(), scheme);
    ProblemContext ctx = new ProblemContext(oracle, reg, plan, k);
    double passes = layer == 0 ? cfg.firstPasses() : cfg.passes();
    // Evaluate only at the start and the end: the trace of the inner fit is not reported, the
    // divergence check on those two points is what is wanted from the loop.
    Runner runner = new Runner(new Runner.Options(passes, Long.MAX_VALUE / 4, 1e6, "lower the head's batch or raise --head-wr"));
    Evaluator evaluator = new Evaluator(oracle, reg, k.globalL(), Double.NaN, null);
    RunResult r = runner.run(method, ctx, w0, new StoppingRules(0, passes, 0, 0, 0), evaluator, x -> { });
    var last = r.trace().get(r.trace().size() - 1);
    return new Result(r.solution(), last.objective(), r.stats().componentGradients() / (double) rows.size(), r.stats().rounds());
  }
}
