package org.stochopt.spark.sweep;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.stochopt.core.method.MethodKind;
import org.stochopt.core.method.MethodRun;
import org.stochopt.core.optim.Checkpointing;
import org.stochopt.core.method.MethodSettings;
import org.stochopt.core.method.Methods;
import java.util.function.Consumer;
import org.stochopt.core.optim.DivergenceException;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.trace.TraceRecord;

/**
 * Runs one cell under the project's single {@link Runner}, on the sweep's shared data, and turns
 * its trace into a {@link CellResult}. The method is built by the same {@link Methods} as
 * {@code stochopt train}, so any method train knows can be swept.
 *
 * <p><b>Resolution of rounds-to-ε.</b> Evaluating F costs a full pass, so a cell evaluates every
 * k = max(1, ⌊resolution·n/b⌋) rounds (a fixed fraction of an epoch) instead of every round, and
 * interpolates the crossing linearly in log-suboptimality between the two evaluations around it.
 * Because variance-reduced methods need at least an epoch (n/b steps) to reach any useful ε, the
 * bracket is at most a fraction {@code resolution} of the measured rounds; every cell records its
 * k and its bracket, so the resolution is stated, not assumed.
 */
public final class CellRunner {
  private final SweepConfig config;
  private final SweepProblem problem;

  public CellRunner(SweepConfig config, SweepProblem problem) {
    this.config = config;
    this.problem = problem;
  }

  /**
   * The evaluation interval (in rounds) of a cell: a {@code resolution} fraction of a pass at
   * minibatch b, or every round for the local methods, whose one round is already a whole pass.
   */
  public long evalInterval(String method, int b) {
    if (MethodKind.parse(method).local()) return 1L;
    return Math.max(1L, (long) Math.floor(config.resolution() * problem.constants.n() / b));
  }

  /** The outcome plus the trace to persist (null when the cell diverged). */
  public record Run(CellResult result, List<TraceRecord> trace) {}

  public Run run(Cell cell, Consumer<TraceRecord> progress) {
    long start = System.nanoTime();
    GradientOracle oracle = problem.data.oracle();
    MethodKind kind = MethodKind.parse(cell.method());
    Integer b = kind.usesMinibatches() ? cell.batchSize() : null; // cocoa: the grid's b does not apply
    MethodRun run = MethodRun.prepare(oracle, problem.reg, problem.constants, MethodSettings.of(kind, b), cell.seed());
    if (cell.stepMultiplier() != 1.0) {
      OptionalDouble step = OptionalDouble.of(run.built().step() * cell.stepMultiplier());
      run = MethodRun.prepare(oracle, problem.reg, problem.constants, MethodSettings.of(kind, b, step), cell.seed());
    }
    Methods.Built built = run.built();
    Evaluator evaluator = new Evaluator(oracle, problem.reg, problem.constants.globalL(), problem.reference.objective(),
        problem.testError);
    StoppingRules rules = new StoppingRules(config.maxRounds(), config.maxPasses(), config.target(), 0, config.maxSeconds());
    long k = evalInterval(cell.method(), cell.batchSize());
    Runner.Options options = new Runner.Options(Double.MAX_VALUE, k, 1e6,
        String.format(Locale.ROOT, "use a smaller step multiplier (this cell used step %.4g)", built.step()));
    try {
      RunResult r = run.run(rules, evaluator, options, progress, Checkpointing.none());
      return new Run(summarize(cell, built.step(), k, r, (System.nanoTime() - start) / 1e9), r.trace());
    } catch (DivergenceException e) {
      // A diverged cell is a measurement (the step was too large), not a failure of the sweep.
      double nan = Double.NaN;
      return new Run(new CellResult(cell, built.step(), k, false, nan, nan, nan, nan, 0, 0, 0, 0, 0, nan, nan, nan,
          "diverged", nan, nan, nan, nan, nan, (System.nanoTime() - start) / 1e9), null);
    }
  }

  private CellResult summarize(Cell cell, double step, long k, RunResult r, double cellSeconds) {
    List<TraceRecord> t = r.trace();
    TraceRecord last = r.last();
    double n = problem.constants.n();
    boolean reached = r.reason() == StoppingRules.Reason.TARGET_SUBOPTIMALITY;
    double steps = Double.NaN, rounds = Double.NaN, grads = Double.NaN, secs = Double.NaN;
    long low = 0, high = 0;
    if (reached) {
      int hit = t.size() - 1;
      TraceRecord after = t.get(hit);
      TraceRecord before = hit > 0 ? t.get(hit - 1) : after;
      double f = crossingFraction(before.relativeSuboptimality(), after.relativeSuboptimality(), config.target());
      steps = lerp(before.step(), after.step(), f);
      rounds = lerp(before.rounds(), after.rounds(), f);
      grads = lerp(before.gradientEvaluations(), after.gradientEvaluations(), f);
      secs = lerp(before.seconds(), after.seconds(), f);
      low = before.rounds();
      high = after.rounds();
    }
    return new CellResult(cell, step, k, reached, steps, rounds, grads, grads / n, low, high, last.step(),
        r.stats().rounds(), r.stats().componentGradients(), last.objective(), last.relativeSuboptimality(),
        last.testError(), r.reason().name().toLowerCase(Locale.ROOT), r.seconds(), secs,
        r.stats().meanRoundMillis(), r.stats().meanComputeMillis(), r.stats().meanOverheadMillis(), cellSeconds);
  }

  /**
   * Where between two evaluations the suboptimality crossed the target, in [0, 1], linearly in
   * log-suboptimality. 1 (the later evaluation) when the bracket gives no usable slope.
   */
  static double crossingFraction(double before, double after, double target) {
    if (!(before > target) || !(after > 0) || !(before > after)) return 1.0;
    double f = (Math.log(before) - Math.log(target)) / (Math.log(before) - Math.log(after));
    return Math.min(1.0, Math.max(0.0, f));
  }

  private static double lerp(double a, double b, double f) {
    return a + (b - a) * f;
  }
}
