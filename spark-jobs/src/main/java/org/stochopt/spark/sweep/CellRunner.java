package org.stochopt.spark.sweep;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.stochopt.core.optim.DivergenceException;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.trace.TraceRecord;
import org.stochopt.spark.job.MethodFactory;
import org.stochopt.spark.job.TrainConfig;

/**
 * Runs one cell under the project's single {@link Runner}, on the sweep's shared data, and turns
 * its trace into a {@link CellResult}. The method is built by the same {@link MethodFactory} as
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
    if (MethodFactory.isLocal(method)) return 1L;
    return Math.max(1L, (long) Math.floor(config.resolution() * problem.constants.n() / b));
  }

  /** The outcome plus the trace to persist (null when the cell diverged). */
  public record Run(CellResult result, List<TraceRecord> trace) {}

  public Run run(Cell cell, Consumer<TraceRecord> progress) {
    long start = System.nanoTime();
    GradientOracle oracle = problem.data.oracle();
    MethodFactory.Built built = MethodFactory.build(trainConfig(cell, null), problem.constants, oracle.partitionSizes().length);
    if (cell.stepMultiplier() != 1.0) {
      built = MethodFactory.build(trainConfig(cell, built.step() * cell.stepMultiplier()), problem.constants, oracle.partitionSizes().length);
    }
    SamplingPlan plan = oracle.samplingPlan(cell.seed(), built.sampling());
    ProblemContext ctx = new ProblemContext(oracle, problem.reg, plan, problem.constants);
    Evaluator evaluator = new Evaluator(oracle, problem.reg, problem.constants.globalL(), problem.reference.objective(),
        problem.testError);
    StoppingRules rules = new StoppingRules(config.maxRounds(), config.maxPasses(), config.target(), 0, config.maxSeconds());
    long k = evalInterval(cell.method(), cell.batchSize());
    Runner runner = new Runner(new Runner.Options(Double.MAX_VALUE, k, 1e6,
        String.format(Locale.ROOT, "use a smaller step multiplier (this cell used step %.4g)", built.step())));
    try {
      RunResult r = runner.run(built.method(), ctx, new double[problem.constants.d()], rules, evaluator, progress);
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

  private TrainConfig trainConfig(Cell cell, Double step) {
    return new TrainConfig(config.data(), config.testData(), config.loss(), config.regularizer(), cell.method(),
        cell.batchSize(), step, "1/t", "linear", 0, "last", null, config.target(), config.maxPasses(), config.maxRounds(),
        config.maxSeconds(), 0, cell.seed(), config.master(), problem.partitions, java.nio.file.Path.of("."),
        java.nio.file.Path.of("."), true, 1, 0);
  }
}
