package org.stochopt.spark.influence;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.stochopt.core.influence.ExactCounterfactual;
import org.stochopt.core.influence.ExcludedRows;
import org.stochopt.core.influence.IterateLog;
import org.stochopt.core.influence.KohLiangInfluence;
import org.stochopt.core.influence.LinearRowModel;
import org.stochopt.core.influence.MultinomialRowModel;
import org.stochopt.core.influence.ReplayableSgd;
import org.stochopt.core.influence.ReplayableSgdTraining;
import org.stochopt.core.influence.RowModel;
import org.stochopt.core.influence.RowSet;
import org.stochopt.core.influence.SgdInfluence;
import org.stochopt.core.influence.SgdSettings;
import org.stochopt.core.influence.SgdTracePoint;
import org.stochopt.core.influence.TwoLayerRowModel;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.optim.TrainingLoop;
import org.stochopt.core.loss.Losses;
import org.stochopt.datasets.io.LabelPolicy;

/**
 * One influence computation, shared by both commands: train with a replay log, the gradient of
 * the validation loss at θ_T, the backward replay, and the optional baselines. Times are wall
 * seconds of this process (driver and tasks together).
 */
public final class InfluenceRun implements AutoCloseable {
  /** What was computed; {@code kohLiang} and {@code exact} are null when not asked for. */
  public record Outcome(double[] theta, double[] influence, double[] kohLiang, double[] exact, double trainSeconds,
      double replaySeconds, double klSeconds, double exactSeconds, int klIterations, long replayBytes, int checkpointEvery,
      long replayedSteps, long recomputedSteps, double valLoss, double testError, double objective, List<SgdTracePoint> trace) {}

  private final InfluenceConfig config;
  private final InfluenceData data;
  private final RowModel model;
  private final RowSet train;
  private final RowSet validation;
  private final RowSet test;
  private final ReplayableSgd sgd;

  public InfluenceRun(InfluenceConfig c, InfluenceData data, InfluenceBackend backend) {
    this.config = c;
    this.data = data;
    this.model = c.network() == null ? model(c.loss(), data.train())
        : new TwoLayerRowModel(c.network().shape(data.train().dim()), Losses.parse(c.loss()), c.seed());
    this.train = backend.rows(data.train(), c.partitions());
    this.validation = backend.rows(data.validation(), c.partitions());
    this.test = data.test() == null ? null : backend.rows(data.test(), c.partitions());
    long steps = SgdSettings.stepsFor(c.epochs(), train.rows(), c.batch());
    this.sgd = new ReplayableSgd(model, train, new SgdSettings(c.step(), c.decay(), c.batch(), steps, c.lambda(), c.seed()),
        ExcludedRows.NONE);
  }

  /** The label policy the loaders need for {@code --loss}. */
  public static LabelPolicy labelPolicy(String loss) {
    if (loss.startsWith("multinomial")) return LabelPolicy.MULTICLASS;
    return Losses.parse(loss).isClassification() ? LabelPolicy.BINARY : LabelPolicy.REAL;
  }

  static RowModel model(String loss, RowBlock train) {
    if (loss.equals("multinomial")) {
      double max = 0;
      for (int r = 0; r < train.rows(); r++) max = Math.max(max, train.label(r));
      return new MultinomialRowModel(train.dim(), (int) max + 1);
    }
    if (Losses.isMulticlass(loss)) throw new IllegalArgumentException("--loss " + loss + " has no influence replay; use multinomial");
    return new LinearRowModel(Losses.parse(loss), train.dim());
  }

  public RowModel model() {
    return model;
  }

  public ReplayableSgd sgd() {
    return sgd;
  }

  public RowSet test() {
    return test;
  }

  public RowSet validation() {
    return validation;
  }

  public InfluenceData data() {
    return data;
  }

  public Outcome compute(PrintStream log) {
    SgdSettings s = sgd.settings();
    int p = model.dimension();
    int every = IterateLog.intervalFor(s.steps(), p, config.replayMemoryMb() * 1_000_000L);
    IterateLog iterates = new IterateLog(every, s.steps());
    log.printf(Locale.ROOT, "SGD: %d steps of b=%d (%.3g epochs), η₀=%g%s, λ=%g; replay log: every %s, %.2f MB%n", s.steps(), s.batch(),
        config.epochs(), s.step(), s.decay() ? "/√t" : "", s.lambda(), every == 1 ? "iterate" : every + "th iterate",
        IterateLog.bytes(s.steps(), p, every) / 1e6);
    // on the one loop: progress every epoch, the divergence rules, the trace; θ_T is the bare run's (GoldenReplayTrainingTest)
    TrainingLoop.Result<ReplayableSgdTraining.State, SgdTracePoint> trained =
        ReplayableSgdTraining.run(sgd, iterates, stepsPerEpoch(), point -> log.println(point.line()));
    double[] theta = trained.state().theta();
    double trainSeconds = trained.seconds();
    double objective = trained.last().objective();
    double[] u = new double[p];
    double valLoss = validation.meanLoss(model, theta, u);
    double testError = test == null ? Double.NaN : test.errorRate(model, theta);
    log.printf(Locale.ROOT, "trained in %.2fs: objective %.5g, validation loss %.5g%s%n", trainSeconds, objective, valLoss,
        test == null ? "" : String.format(Locale.ROOT, ", test error %.4f", testError));

    long from = config.lastEpochOnly() ? SgdInfluence.lastEpochStart(s, train.rows()) : 0;
    SgdInfluence.Result replay = SgdInfluence.estimate(sgd, iterates, u, from);
    log.printf(Locale.ROOT, "SGD-influence (%s): %d steps replayed in %.2fs (%.2f× training)%s%n", config.replay(),
        replay.replayedSteps(), replay.seconds(), replay.seconds() / trainSeconds,
        replay.recomputedSteps() > 0 ? ", " + replay.recomputedSteps() + " steps recomputed from checkpoints" : "");

    double[] kl = null;
    double klSeconds = Double.NaN;
    int klIterations = 0;
    if (config.kohLiang()) {
      KohLiangInfluence.Result r = KohLiangInfluence.estimate(model, train, theta, u, s.lambda(), config.klDamping(),
          config.klMaxIterations(), 1e-10);
      kl = r.influence();
      klSeconds = r.seconds();
      klIterations = r.iterations();
      log.printf(Locale.ROOT, "Koh & Liang: CG %d iterations (residual %.2g) in %.2fs%n", r.iterations(), r.residual(), r.seconds());
    }
    double[] exact = null;
    double exactSeconds = Double.NaN;
    if (config.exact()) {
      long t1 = System.nanoTime();
      exact = ExactCounterfactual.compute(sgd, validation, theta);
      exactSeconds = (System.nanoTime() - t1) / 1e9;
      log.printf(Locale.ROOT, "exact counterfactual: %d retrainings in %.2fs%n", exact.length, exactSeconds);
    }
    return new Outcome(theta, replay.influence(), kl, exact, trainSeconds, replay.seconds(), klSeconds, exactSeconds, klIterations,
        IterateLog.bytes(s.steps(), p, every), every, replay.replayedSteps(), replay.recomputedSteps(), valLoss, testError, objective,
        trained.trace());
  }

  /** ⌈n/b⌉: the loop evaluates (and reports progress) once per epoch. */
  private long stepsPerEpoch() {
    return (train.rows() + sgd.settings().batch() - 1) / sgd.settings().batch();
  }

  /**
   * {test error, validation loss} of the run retrained without {@code removed} (same batches,
   * divisor b kept), on the loop (evaluated at the start and the end only, so a diverging retrain
   * is reported, not used).
   */
  public double[] retrained(long[] removed) {
    double[] theta = ReplayableSgdTraining.run(sgd.without(ExcludedRows.of(removed)), null, 0, point -> {}).state().theta();
    return new double[] {test == null ? Double.NaN : test.errorRate(model, theta), validation.meanLoss(model, theta, null)};
  }

  @Override
  public void close() {}
}
