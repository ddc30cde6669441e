package org.stochopt.core.method;

import java.util.function.Consumer;
import org.stochopt.core.cocoa.CocoaMethod;
import org.stochopt.core.cocoa.ProxCocoaMethod;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.optim.Checkpointing;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.oracle.FeatureShardedOracle;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.oracle.PartitionedOracle;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.trace.TraceRecord;

/**
 * The run setup every entry point shares ({@code train}, {@code sweep} cells, {@code bench}, the
 * Spark ML estimator): resolve {@code --method auto}, check that the backend can run the method,
 * build it, plan its minibatches, and run it under the one loop.
 *
 * @param settings the resolved settings (never {@link MethodKind#AUTO})
 * @param choice what auto chose and why, or null when the user named the method
 * @param built the configured method, its step and sampling
 * @param ctx oracle, regularizer, sampling plan and constants
 */
public record MethodRun(MethodSettings settings, MethodAdvisor.Choice choice, Methods.Built built, ProblemContext ctx) {

  /** Prepares a run of {@code s} (resolving auto) on {@code oracle}, with minibatches from {@code seed}. */
  public static MethodRun prepare(GradientOracle oracle, Regularizer reg, ProblemConstants k, MethodSettings s, long seed) {
    boolean rowsReachable = !(oracle instanceof FeatureShardedOracle);
    int partitions = oracle.partitionSizes().length;
    MethodAdvisor.Choice choice = null;
    if (s.kind() == MethodKind.AUTO) {
      choice = MethodAdvisor.picksCocoa(k.n(), k.d(), rowsReachable, s.batchSize(), proxCocoaSolves(oracle, reg))
          ? MethodAdvisor.proxCocoa(k, partitions)
          : MethodAdvisor.choose(k, partitions, rowsReachable, s.batchSize(), cocoaSolves(oracle, reg));
      s = s.resolved(choice.kind(), choice.batchSize());
    }
    if (s.kind().local() && !rowsReachable) {
      throw new IllegalArgumentException("--method " + s.kind() + " runs steps next to whole rows and cannot use "
          + "feature shards: drop shards=K from --features (or pick a method that is not local)");
    }
    Methods.Built built = Methods.build(s, k, partitions);
    SamplingPlan plan = oracle.samplingPlan(seed, built.sampling());
    return new MethodRun(s, choice, built, new ProblemContext(oracle, reg, plan, k));
  }

  /**
   * Whether {@code --method auto} with settings {@code s} will pick cocoa on this oracle (before any
   * constants are estimated: the rule needs n and d only). {@code train} uses it to give auto's
   * in-process cocoa one partition when --partitions is not given.
   */
  public static boolean autoPicksCocoa(GradientOracle oracle, Regularizer reg, MethodSettings s) {
    return s.kind() == MethodKind.AUTO && MethodAdvisor.picksCocoa(oracle.size(), oracle.dimension(),
        !(oracle instanceof FeatureShardedOracle), s.batchSize(), cocoaSolves(oracle, reg) || proxCocoaSolves(oracle, reg));
  }

  /** Whether auto gives the problem to {@link ProxCocoaMethod}: the logistic loss with pure L1 (λ₁ &gt; 0, λ₂ = 0). */
  static boolean proxCocoaSolves(GradientOracle oracle, Regularizer reg) {
    if (!(reg.l1Weight() > 0) || reg.l2Weight() > 0) return false;
    if (!(oracle instanceof PartitionedOracle p) || !(p.objective() instanceof LinearObjective lin)) return false;
    try {
      ProxCocoaMethod.refuseUnsupported(lin.loss(), reg);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Whether the data's loss and the regularizer are ones {@link CocoaMethod} solves fast enough for
   * auto: L2 and elastic net (λ₂ &gt; 0); pure L1 runs through smoothing and needs O(1/ε) rounds
   * (docs/performance.md, "Sparse, d ≫ n"), so auto gives it to {@link ProxCocoaMethod} instead.
   */
  static boolean cocoaSolves(GradientOracle oracle, Regularizer reg) {
    if (!(reg.l2Weight() > 0)) return false;
    if (!(oracle instanceof PartitionedOracle p) || !(p.objective() instanceof LinearObjective lin)) return false;
    try {
      CocoaMethod.refuseUnsupported(lin.loss(), reg);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A run of a method built elsewhere (from the rows: preconditioned gd and sgd), planned like every other. */
  public static MethodRun of(MethodSettings s, Methods.Built built, GradientOracle oracle, Regularizer reg, ProblemConstants k,
      long seed) {
    return new MethodRun(s, null, built, new ProblemContext(oracle, reg, oracle.samplingPlan(seed, built.sampling()), k));
  }

  /** "katyusha b=64": how progress lines and plots name the run. */
  public String label() {
    if (!settings.kind().usesMinibatches()) return settings.kind().cliName();
    return settings.kind() + " b=" + settings.b();
  }

  /** Runs from w = 0 under the one training loop. */
  public RunResult run(StoppingRules rules, Evaluator evaluator, Runner.Options options, Consumer<TraceRecord> progress,
      Checkpointing checkpointing) {
    return new Runner(options).run(built.method(), ctx, new double[ctx.constants().d()], rules, evaluator, progress, checkpointing);
  }
}
