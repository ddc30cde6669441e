package org.stochopt.core.optim;

import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.oracle.OracleStats;
import org.stochopt.core.trace.TraceRecord;

/**
 * A linear model trained by a {@link Method} over a {@link GradientOracle}, as the
 * {@link TrainingLoop} sees it: costs are the oracle's counters, a trace point is the
 * {@link Evaluator}'s measurement (uncounted calls), and the target is the accuracy rule of the
 * {@link StoppingRules} (relative suboptimality, or gradient-mapping norm).
 */
public final class LinearTraining<S extends MethodState> implements Training<S, TraceRecord> {
  private final Method<S> method;
  private final ProblemContext ctx;
  private final double[] w0;
  private final StoppingRules rules;
  private final Evaluator evaluator;

  public LinearTraining(Method<S> method, ProblemContext ctx, double[] w0, StoppingRules rules, Evaluator evaluator) {
    this.method = method;
    this.ctx = ctx;
    this.w0 = w0;
    this.rules = rules;
    this.evaluator = evaluator;
  }

  @Override
  public String name() {
    return method.name();
  }

  @Override
  public boolean dampsItself() {
    return method.dampsItself();
  }

  @Override
  public boolean startMeasuredAfterFirstStep() {
    return method.reportsStartAfterFirstStep();
  }

  /** The start as a point before any step: step 0, and no duality gap yet (the state's is the first round's). */
  @Override
  public TraceRecord measureStart(S state, OracleStats s) {
    return record(0, s, 0.0, evaluator.measure(state.output()), Double.NaN);
  }

  @Override
  public S init() {
    return method.init(w0, ctx);
  }

  @Override
  public void step(S state) {
    method.step(state, ctx);
  }

  @Override
  public OracleStats spent() {
    return ctx.oracle().stats();
  }

  @Override
  public double passesPerGradient() {
    return 1.0 / ctx.oracle().size();
  }

  @Override
  public TraceRecord measure(S state, long step, OracleStats s, double seconds) {
    return record(state.steps(), s, seconds, evaluator.measure(state.output()),
        state instanceof CertifiedState c ? c.dualityGap() : Double.NaN);
  }

  private TraceRecord record(long steps, OracleStats s, double seconds, Evaluator.Point p, double dualityGap) {
    double n = ctx.oracle().size();
    return new TraceRecord(
        steps, s.rounds(), s.componentGradients(), s.componentGradients() / n, seconds,
        p.objective(), p.suboptimality(), p.relativeSuboptimality(), p.gradientMappingNorm(), p.testError(),
        p.nonZeros(), dualityGap);
  }

  @Override
  public StoppingRules.Reason reached(TraceRecord r) {
    if (rules.targetRelativeSuboptimality() > 0 && r.relativeSuboptimality() <= rules.targetRelativeSuboptimality()) {
      return StoppingRules.Reason.TARGET_SUBOPTIMALITY;
    }
    double dual = r.objective() - r.dualityGap(); // D(α) ≤ F*: gap ≤ ε·D certifies a relative suboptimality ≤ ε
    if (rules.targetRelativeSuboptimality() > 0 && dual > 0 && r.dualityGap() <= rules.targetRelativeSuboptimality() * dual) {
      return StoppingRules.Reason.DUALITY_GAP;
    }
    if (rules.gradientMappingTolerance() > 0 && r.gradientMappingNorm() <= rules.gradientMappingTolerance()) {
      return StoppingRules.Reason.GRADIENT_MAPPING;
    }
    return null;
  }
}
