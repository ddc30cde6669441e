package org.stochopt.spark.job;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.method.MethodKind;
import org.stochopt.core.method.MethodSettings;
import org.stochopt.core.method.Methods;
import org.stochopt.core.method.PreconditionedGd;
import org.stochopt.core.method.PreconditionedGdConfig;
import org.stochopt.core.method.PreconditionedSgd;
import org.stochopt.core.method.PreconditionedSgdConfig;
import org.stochopt.core.method.ProxSgdConfig;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.StepSchedule;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.oracle.PartitionedOracle;
import org.stochopt.core.precond.Preconditioner;
import org.stochopt.core.precond.PreconditionedSmoothness;
import org.stochopt.core.precond.PreconditionerBuilder;
import org.stochopt.core.precond.PreconditionerConfig;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * {@code --method gd} and {@code --method sgd --precondition …}: forms P from the training rows
 * (one aggregation over the oracle's own partitions, factorised on the driver), picks the default
 * step from the P-metric constants, and reports what P cost.
 *
 * <p>Default steps: gd η = 1/L_P with L_P = λ_max(P·H) by power iteration
 * ({@link PreconditionedSmoothness}); sgd η₀ = 1/(2(L_P + c·tr(PΣ_X)/b)), the with-replacement
 * bound of plain SGD (1/(2(L + L̄/b))) with L and L̄ measured in the P-metric.
 */
public final class PreconditionedMethods {
  private PreconditionedMethods() {}

  /** A configured method and what its preconditioner cost (for summary.json). */
  public record Result(Methods.Built built, Map<String, Object> report) {}

  /** Whether a request goes through this factory (gd always; sgd only with a preconditioner). */
  public static boolean applies(MethodSettings s) {
    return s.needsRows();
  }

  /** Refusals that need no data: call before anything is loaded. */
  public static void check(MethodSettings s, ModelLoss loss, Regularizer reg) {
    if (!applies(s)) return;
    boolean preconditioned = s.precondition() != null && s.precondition().spec().needsSecondMoment();
    if (preconditioned) loss.marginLoss("--precondition");
    if (reg.l1Weight() != 0) {
      throw new IllegalArgumentException("--method " + s.kind() + (preconditioned ? " with --precondition" : "")
          + " needs a smooth regularizer (none or l2:λ): the l1 prox is not the prox in the P-metric; got --reg " + reg.spec());
    }
  }

  public static Result build(MethodSettings s, ProblemConstants k, GradientOracle oracle, Regularizer reg, double curvature,
      PrintStream log) {
    PreconditionerConfig pc = s.precondition() != null ? s.precondition() : PreconditionerConfig.of("none");
    PreconditionerBuilder.Built p;
    if (pc.spec().needsSecondMoment()) {
      if (!(oracle instanceof PartitionedOracle po)) {
        throw new IllegalArgumentException("--precondition needs the rows next to the tasks (in-process or Spark rows), not "
            + oracle.getClass().getSimpleName() + ": drop shards=K from --features");
      }
      @SuppressWarnings("unchecked")
      PartitionRunner<RowBlock> rows = po.runner();
      p = PreconditionerBuilder.build(rows, k.d(), pc);
      if (p.note() != null) log.println("precondition: " + p.note());
      log.printf(Locale.ROOT, "precondition %s: Σ_X formed in %.3fs (one pass over %d rows), factorised in %.3fs%n",
          p.preconditioner().describe(), p.formSeconds(), k.n(), p.factorSeconds());
    } else {
      p = new PreconditionerBuilder.Built(Preconditioner.identity(k.d()), 0, 0, null, k.meanL() / curvature);
    }
    long t0 = System.nanoTime();
    double lp = PreconditionedSmoothness.estimate(oracle, p.preconditioner(), reg.l2Weight(), TrainJob.CONSTANTS_SEED);
    double powerSeconds = (System.nanoTime() - t0) / 1e9;
    int b = s.b();
    Methods.Built built;
    double eta;
    if (s.kind() == MethodKind.GD) {
      eta = s.step().orElse(1.0 / lp);
      built = new Methods.Built(new PreconditionedGd(new PreconditionedGdConfig(eta, p.preconditioner())), eta,
          SamplingScheme.WITHOUT_REPLACEMENT);
    } else {
      SamplingScheme sampling = s.effectiveSampling();
      eta = s.step().orElse(1.0 / (2.0 * (lp + curvature * p.traceWeighted() / b)));
      double mu = k.mu();
      double t0s = mu > 0 ? 1.0 / (eta * mu) : Math.max(1.0, (double) k.n() / b);
      StepSchedule schedule = new StepSchedule(s.schedule() != null ? s.schedule() : StepSchedule.Kind.INVERSE_T, eta, t0s);
      built = new Methods.Built(new PreconditionedSgd(new PreconditionedSgdConfig(b, schedule,
          s.averaging() != null ? s.averaging() : ProxSgdConfig.Averaging.LINEAR, p.preconditioner())), eta, sampling);
    }
    log.printf(Locale.ROOT, "L_P = λ_max(P·H) = %.4g (power iteration, %.2fs); step %.4g%n", lp, powerSeconds, eta);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("precondition", pc.spec().spec());
    report.put("preconditioner", p.preconditioner().describe());
    if (p.note() != null) report.put("precondition_note", p.note());
    report.put("precondition_damping", pc.relativeDamping());
    report.put("precondition_form_seconds", p.formSeconds());
    report.put("precondition_factor_seconds", p.factorSeconds());
    report.put("L_P", lp);
    return new Result(built, report);
  }
}
