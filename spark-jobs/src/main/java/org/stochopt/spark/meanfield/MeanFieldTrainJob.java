package org.stochopt.spark.meanfield;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.loss.Losses;
import org.stochopt.core.meanfield.DataMatrix;
import org.stochopt.core.meanfield.LocalParticleEnsemble;
import org.stochopt.core.meanfield.MeanFieldEvaluator;
import org.stochopt.core.meanfield.MeanFieldObjective;
import org.stochopt.core.meanfield.MeanFieldRecord;
import org.stochopt.core.meanfield.MeanFieldRunner;
import org.stochopt.core.meanfield.Mfld;
import org.stochopt.core.meanfield.MfldConfig;
import org.stochopt.core.meanfield.NeuronUnit;
import org.stochopt.core.meanfield.ParticleDualAveraging;
import org.stochopt.core.meanfield.ParticleBlock;
import org.stochopt.core.meanfield.PartitionedParticleEnsemble;
import org.stochopt.core.meanfield.ParticleMethod;
import org.stochopt.core.meanfield.PdaConfig;
import org.stochopt.core.runtime.BlockSource;
import org.stochopt.spark.SparkSessions;
import org.stochopt.spark.runtime.ShardedCheckpoint;

/**
 * {@code train --model meanfield}: data → particles (in-process blocks or a Spark RDD of blocks)
 * → MFLD or PDA under {@link MeanFieldRunner} → {@code trace.csv}, {@code summary.json},
 * {@code objective.png}, {@code loss.png}.
 */
public final class MeanFieldTrainJob {
  private final PrintStream log;

  public MeanFieldTrainJob(PrintStream log) {
    this.log = log;
  }

  /** What a run produced. */
  public record Outcome(MeanFieldRunner.Run run, Map<String, Object> summary) {}

  public Outcome run(MeanFieldConfig c) throws IOException {
    MeanFieldData data = MeanFieldData.load(c.data(), c.inputScaling());
    if (c.inProcess()) return train(c, data, null);
    SparkSession spark = SparkSessions.create(c.master(), "stochopt train meanfield");
    try {
      return train(c, data, JavaSparkContext.fromSparkContext(spark.sparkContext()));
    } finally {
      spark.stop();
    }
  }

  /**
   * The default step η = 1 / (C_h · max(1, mean‖x‖²)): the curvature of θ ↦ ℓ'·h(θ, x) is at most
   * |ℓ'|·sup|∂²h|·‖x‖² with sup|∂²h| ≤ C_h (C_h = 1 for tanh, R for bounded-tanh), so with
   * |ℓ'| ≲ 1 this keeps η·L ≲ 1 (mean‖x‖² ≥ λ_max of the second moment). A heuristic, stated
   * in docs/mean-field.md; pass --step to override.
   */
  public static double defaultStep(NeuronUnit unit, DataMatrix train) {
    return 1.0 / (unit.bound() * Math.max(1.0, train.meanSquaredNorm()));
  }

  /** Why the default step is what it is (for the log and summary.json). */
  static String stepChoice(NeuronUnit unit, DataMatrix train, double eta) {
    return String.format(Locale.ROOT, "step auto: η = 1/(C_h·max(1, mean‖x‖²)) = 1/(%g·max(1, %.4g)) = %.4g, which keeps η·L ≲ 1 "
        + "for this unit and data (docs/mean-field.md); --step overrides it", unit.bound(), train.meanSquaredNorm(), eta);
  }

  /** Runs on loaded data; {@code sc} null means in-process (also the entry point for tests). */
  public Outcome train(MeanFieldConfig c, MeanFieldData data, JavaSparkContext sc) throws IOException {
    Loss loss = Losses.parse(c.loss() != null ? c.loss() : data.naturalLoss());
    MeanFieldObjective objective = new MeanFieldObjective(loss, c.lambda1(), c.lambda2());
    NeuronUnit unit = NeuronUnit.parse(c.unit());
    if (loss.isClassification()) checkLabels(data.train());
    double eta = Double.isNaN(c.step()) ? defaultStep(unit, data.train()) : c.step();
    if (Double.isNaN(c.step())) log.println(stepChoice(unit, data.train(), eta));
    int blocks = c.blocks() > 0 ? c.blocks() : Math.min(c.particles(), sc == null ? 4 : Math.max(4, sc.defaultParallelism()));
    ParticleMethod method = c.method().equals("mfld")
        ? new Mfld(MfldConfig.withTailDecay(eta, c.batchSize(), c.seed(), c.steps(), c.stepDecay()), objective, data.train())
        : new ParticleDualAveraging(new PdaConfig(eta, c.innerSteps(), c.seed()), objective, data.train());
    MeanFieldEvaluator evaluator = new MeanFieldEvaluator(objective, data.train(), data.test(),
        new MeanFieldEvaluator.Settings(Math.min(c.entropySample(), c.particles()), c.gapDraws(), data.teacherDirections(), c.seed()));
    int p = unit.parameterDim(data.train().dim());
    log.printf(Locale.ROOT, "data %s: n=%d d=%d%s  model %s, M=%d particles (p=%d) in %d blocks, %s%n", data.name(),
        data.train().rows(), data.train().dim(), data.test() == null ? "" : " test=" + data.test().rows(), unit.spec(),
        c.particles(), p, blocks, sc == null ? "in-process" : "Spark " + sc.master());
    log.printf(Locale.ROOT, "%s: loss %s, λ₁=%g, λ₂=%g, η=%g%s%n", method.name(), loss.name(), c.lambda1(), c.lambda2(), eta,
        method instanceof Mfld ? ", batch " + (c.batchSize() == 0 ? "full" : c.batchSize())
            + (c.stepDecay() > 0 ? String.format(Locale.ROOT, ", η decays linearly to 0 over the last %.0f%% of the steps", 100 * c.stepDecay()) : "")
            : ", inner steps " + c.innerSteps());

    ShardedCheckpoint checkpoint = c.checkpoint().checkpoint();
    String key = runKey(c, data, loss, unit, eta, blocks);
    ShardedCheckpoint.Manifest saved = c.checkpoint().start(key, c.steps());
    BlockSource<ParticleBlock> source = saved == null ? null : checkpoint.blocks(saved, ParticleBlock.class);
    long t0 = System.nanoTime();
    MeanFieldRunner.Run run;
    try (PartitionedParticleEnsemble ensemble = sc == null
        ? new LocalParticleEnsemble(unit, data.train(), data.test(), c.particles(), blocks, c.seed(), source)
        : new SparkParticleEnsemble(sc, unit, data.train(), data.test(), c.particles(), blocks, c.seed(), c.checkpointEvery(), source)) {
      log.printf(Locale.ROOT, "particles %s in %.2fs%n", saved == null ? "initialized" : "read from " + checkpoint.dir(),
          (System.nanoTime() - t0) / 1e9);
      MeanFieldRunner.Checkpoint from = saved == null ? null : (MeanFieldRunner.Checkpoint) saved.driverState();
      if (from != null) {
        log.printf(Locale.ROOT, "resumed at step %d%n", from.step());
        for (Object r : from.position().trace()) log.println(line((MeanFieldRecord) r));
      }
      MeanFieldRunner.CheckpointSink sink = cp -> {
        long bytes = ensemble.visit(checkpoint.<ParticleBlock>blockWriter(cp.step())).stream().mapToLong(Long::longValue).sum();
        checkpoint.commit(new ShardedCheckpoint.Manifest(key, cp.step(), blocks, cp));
        log.printf(Locale.ROOT, "  checkpoint at step %d: %d blocks, %.1f MB%n", cp.step(), blocks, bytes / 1e6);
      };
      run = MeanFieldRunner.run(method, ensemble, evaluator,
          new MeanFieldRunner.Budget(c.steps(), c.evalEvery(), c.logSpacedEval(), c.maxSeconds()), r -> log.println(line(r)),
          from, c.checkpoint().everySteps(), sink);
    }
    log.printf(Locale.ROOT, "%s: %d steps in %.2fs (%.3f ms/step), stop: %s%n", method.name(), run.steps(), run.seconds(),
        run.meanStepMillis(), run.stopReason());
    Map<String, Object> summary = summary(c, data, loss, unit, eta, blocks, sc, run);
    Files.createDirectories(c.out());
    MeanFieldReport.writeTrace(run.trace(), c.out().resolve("trace.csv"));
    org.stochopt.spark.report.RunWriter.writeJson(summary, c.out().resolve("summary.json"));
    String title = method.name() + " M=" + c.particles();
    MeanFieldReport.objectivePlot(run.trace(), title, c.method().equals("pda"), c.out().resolve("objective.png"));
    MeanFieldReport.lossPlot(run.trace(), title, data.noiseFloor(), c.out().resolve("loss.png"));
    log.println("wrote " + c.out().resolve("summary.json") + ", trace.csv, objective.png, loss.png");
    return new Outcome(run, summary);
  }

  /**
   * Everything that decides the trajectory (not the step budget, the evaluation schedule or the
   * time limit, which a resumed run may raise — except that a decaying MFLD step depends on the
   * number of steps): a checkpoint is resumed only under the same key.
   */
  static String runKey(MeanFieldConfig c, MeanFieldData data, Loss loss, NeuronUnit unit, double eta, int blocks) {
    return String.format(Locale.ROOT, "model=meanfield method=%s data=%s n=%d d=%d loss=%s unit=%s particles=%d lambda1=%s lambda2=%s "
        + "step=%s batch=%d inner-steps=%d seed=%d partitions=%d input-scaling=%s step-decay=%s%s", c.method(), data.name(),
        data.train().rows(), data.train().dim(), loss.name(), unit.spec(), c.particles(), c.lambda1(), c.lambda2(), eta,
        c.batchSize(), c.innerSteps(), c.seed(), blocks,
        (c.inputScaling() != null ? c.inputScaling() : MeanFieldData.defaultScaling(c.data())).spec(), c.stepDecay(),
        c.stepDecay() > 0 && c.method().equals("mfld") ? " steps=" + c.steps() : "");
  }

  private static void checkLabels(DataMatrix d) {
    for (int i = 0; i < d.rows(); i++) {
      if (d.y()[i] != 1.0 && d.y()[i] != -1.0) {
        throw new IllegalArgumentException("the logistic loss needs ±1 labels, but row " + i + " has " + d.y()[i]
            + " (use --loss squared for regression targets)");
      }
    }
  }

  static String line(MeanFieldRecord r) {
    return String.format(Locale.ROOT,
        "  step %6d  %7.2fs  P̂=%.6g  gap=%.3g  train=%.5g  test=%.5g%s%s", r.step(), r.seconds(), r.objective(), r.gap(),
        r.trainLoss(), r.testLoss(), Double.isNaN(r.testError()) ? "" : String.format(Locale.ROOT, " (err %.4f)", r.testError()),
        Double.isNaN(r.alignment()) ? "" : String.format(Locale.ROOT, "  align=%.3f", r.alignment()));
  }

  private static Map<String, Object> summary(MeanFieldConfig c, MeanFieldData data, Loss loss, NeuronUnit unit, double eta,
      int blocks, JavaSparkContext sc, MeanFieldRunner.Run run) {
    MeanFieldRecord last = run.last();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", "meanfield");
    m.put("method", c.method());
    m.put("unit", unit.spec());
    m.put("particles", c.particles());
    m.put("parameter_dim", unit.parameterDim(data.train().dim()));
    m.put("partitions", blocks);
    m.put("master", sc == null ? MeanFieldConfig.IN_PROCESS : sc.master());
    m.put("loss", loss.name());
    m.put("lambda1", c.lambda1());
    m.put("lambda2", c.lambda2());
    m.put("step", eta);
    m.put("step_decay", c.stepDecay());
    if (Double.isNaN(c.step())) m.put("step_choice", stepChoice(unit, data.train(), eta));
    m.put("batch_size", c.method().equals("mfld") ? c.batchSize() : data.train().rows());
    m.put("inner_steps", c.method().equals("pda") ? c.innerSteps() : 1);
    m.put("steps", run.steps());
    m.put("langevin_steps", last.langevinSteps());
    m.put("rounds", last.rounds());
    m.put("seconds", run.seconds());
    m.put("mean_step_ms", run.meanStepMillis());
    m.put("stop_reason", run.stopReason());
    m.put("objective", last.objective());
    m.put("dual", last.dual());
    m.put("duality_gap", last.gap());
    m.put("entropy", last.entropy());
    m.put("train_loss", last.trainLoss());
    m.put("test_loss", last.testLoss());
    m.put("test_error", last.testError());
    m.put("noise_floor", data.noiseFloor());
    m.put("teacher_alignment", last.alignment());
    m.put("seed", c.seed());
    m.put("data", data.name());
    m.put("input_scaling", (c.inputScaling() != null ? c.inputScaling() : MeanFieldData.defaultScaling(c.data())).spec());
    m.put("n", data.train().rows());
    m.put("d", data.train().dim());
    m.put("entropy_sample", Math.min(c.entropySample(), c.particles()));
    m.put("gap_draws", c.gapDraws());
    return m;
  }
}
