package org.stochopt.spark.ntk;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.jfree.chart.JFreeChart;
import org.stochopt.core.linalg.NeuronKernels;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.loss.Losses;
import org.stochopt.core.ntk.AveragedSgd;
import org.stochopt.core.ntk.NeuronBlock;
import org.stochopt.core.ntk.NtkEvaluator;
import org.stochopt.core.ntk.NtkNetwork;
import org.stochopt.core.ntk.NtkRecord;
import org.stochopt.core.ntk.NtkShape;
import org.stochopt.core.ntk.RateTheory;
import org.stochopt.core.ntk.NtkTraining;
import org.stochopt.core.optim.LoopBudget;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.optim.TrainingLoop;
import org.stochopt.core.runtime.BlockSource;
import org.stochopt.core.runtime.LocalPartitionRunner;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.spark.SparkSessions;
import org.stochopt.spark.meanfield.MeanFieldReport;
import org.stochopt.spark.meanfield.MeanFieldReport.Curve;
import org.stochopt.spark.report.RunWriter;
import org.stochopt.spark.runtime.ShardedCheckpoint;
import org.stochopt.spark.runtime.SparkPartitionRunner;

/**
 * {@code train --model ntk}: data → neuron blocks (in-process, or one per partition of a cached
 * RDD) → averaged SGD under the one {@link TrainingLoop} → {@code trace.csv}, {@code summary.json}, {@code loss.png}.
 */
public final class NtkTrainJob {
  /** A run whose test or progressive loss grows past this multiple of max(1, its start) (or turns non-finite) has diverged. */
  static final double DIVERGENCE_FACTOR = 1e4;
  private final PrintStream log;

  public NtkTrainJob(PrintStream log) {
    this.log = log;
  }

  /** The trace, the method's seconds, the steps and why it stopped. */
  public record Outcome(List<NtkRecord> trace, double seconds, long steps, String stopReason, Map<String, Object> summary,
      double[] testPredictions) {
    public NtkRecord last() {
      return trace.get(trace.size() - 1);
    }
  }

  public Outcome run(NtkConfig c) throws IOException {
    NtkData data = NtkData.load(c.data(), c.steps() * c.batchSize(), c.outputScale(), c.biasScale(), c.inputScaling());
    if (c.inProcess()) return train(c, data, null);
    SparkSession spark = SparkSessions.create(c.master(), "stochopt train ntk");
    try {
      return train(c, data, JavaSparkContext.fromSparkContext(spark.sparkContext()));
    } finally {
      spark.stop();
    }
  }

  /** Runs on loaded data; {@code sc} null means in-process (also the entry point for tests). */
  public Outcome train(NtkConfig c, NtkData data, JavaSparkContext sc) throws IOException {
    Loss loss = Losses.parse(c.loss() != null ? c.loss() : data.naturalLoss());
    if (loss.isClassification()) checkLabels(data);
    NtkShape shape = c.shape(data.train().dim());
    double lambda = c.effectiveLambda();
    double eta = c.effectiveStep();
    int blocks = c.blocks() > 0 ? c.blocks() : Math.min(c.width(), sc == null ? 4 : Math.max(4, sc.defaultParallelism()));
    AveragedSgd.Config sgdConfig = new AveragedSgd.Config(eta, lambda, c.batchSize());
    log.printf(Locale.ROOT, "data %s: n=%d d=%d test=%d%s%n", data.name(), data.train().rows(), data.train().dim(),
        data.test().rows(), data.target() == null ? "" : "  g_ρ: " + data.target());
    log.printf(Locale.ROOT, "ntk: σ=%s, M=%d (R=%g, γ=%g), train %s, %d blocks, %s; averaged SGD: loss %s, η=%.6g, λ=%.6g%s, b=%d, T=%d%n",
        shape.activation().spec(), shape.width(), shape.outputScale(), shape.biasScale(), shape.layers().spec(), blocks,
        sc == null ? "in-process" : "Spark " + sc.master(), loss.name(), eta, lambda,
        Double.isNaN(c.sourceR()) ? "" : String.format(Locale.ROOT, " (= T^−β/(2rβ+1), r=%g, β=%g)", c.sourceR(), c.beta()),
        c.batchSize(), c.steps());
    if (!shape.activation().smooth()) log.println("note: ReLU does not satisfy (A1) of Theorem 1; the theory's rate is for smooth σ (swish)");
    ShardedCheckpoint checkpoint = c.checkpoint().checkpoint();
    String key = runKey(c, data, loss, shape, eta, lambda, blocks);
    ShardedCheckpoint.Manifest saved = c.checkpoint().start(key, c.steps());
    BlockSource<NeuronBlock> source = saved == null ? NtkNetwork.source(shape, blocks, c.seed()) : checkpoint.blocks(saved, NeuronBlock.class);
    long t0 = System.nanoTime();
    PartitionRunner<NeuronBlock> runner = sc == null
        ? LocalPartitionRunner.generate(blocks, source, LocalPartitionRunner.defaultThreads())
        : SparkPartitionRunner.generate(sc, blocks, source, c.checkpointEvery());
    List<NtkRecord> trace = new ArrayList<>();
    double[] predictions;
    String reason = "steps";
    double seconds;
    long steps;
    try (NtkNetwork net = new NtkNetwork(shape, runner, data.train())) {
      log.printf(Locale.ROOT, "neurons initialized in %.2fs (BLAS: %s)%n", (System.nanoTime() - t0) / 1e9, NeuronKernels.implementation());
      AveragedSgd sgd = new AveragedSgd(sgdConfig, loss, net, data.train(), c.seed());
      NtkEvaluator evaluator = new NtkEvaluator(loss, data.test(), data.targetValues(), c.lastIterate());
      TrainingLoop loop = new TrainingLoop(
          new LoopBudget(c.steps(), 0, 0, c.maxSeconds(), 0, 0, c.evalEvery(), c.logSpacedEval()),
          new TrainingLoop.Safety(DIVERGENCE_FACTOR, String.format(Locale.ROOT,
              "lower --step (now %.4g) or check the data scale (the theory assumes ‖x‖ ≤ 1)", eta)));
      TrainingLoop.Position<NtkTraining.Started> from = null;
      if (saved != null) {
        Resume state = (Resume) saved.driverState();
        sgd.restore(state.sgd());
        from = state.position();
        log.printf(Locale.ROOT, "resumed at step %d from %s%n", saved.step(), checkpoint.dir());
        for (Object r : from.trace()) report((NtkRecord) r);
      }
      TrainingLoop.Saver<NtkTraining.Started> saver = c.checkpoint().saving() ? new TrainingLoop.Saver<>() {
        @Override
        public boolean due(org.stochopt.core.oracle.OracleStats spent, long step) {
          return step % c.checkpoint().everySteps() == 0;
        }

        @Override
        public void save(TrainingLoop.Position<NtkTraining.Started> p) {
          long bytes = net.visit(checkpoint.<NeuronBlock>blockWriter(p.step())).stream().mapToLong(Long::longValue).sum();
          checkpoint.commit(new ShardedCheckpoint.Manifest(key, p.step(), blocks, new Resume(sgd.snapshot(), p)));
          log.printf(Locale.ROOT, "  checkpoint at step %d: %d blocks, %.1f MB%n", p.step(), blocks, bytes / 1e6);
        }
      } : null;
      TrainingLoop.Result<NtkTraining.Started, NtkRecord> r = loop.run(new NtkTraining(sgd, evaluator), this::report, from, saver);
      trace.addAll(r.trace());
      reason = r.reason() == StoppingRules.Reason.MAX_SECONDS ? "max_seconds" : "steps";
      seconds = r.initSeconds() + r.seconds();
      steps = r.steps();
      predictions = evaluator.lastPredictions();
      evaluator.release();
    }
    double msPerStep = steps == 0 ? Double.NaN : seconds * 1e3 / steps;
    log.printf(Locale.ROOT, "averaged SGD: %d steps in %.2fs (%.3f ms/step), stop: %s%n", steps, seconds, msPerStep, reason);
    Map<String, Object> summary = summary(c, data, loss, shape, eta, lambda, blocks, sc, trace, seconds, steps, reason);
    Files.createDirectories(c.out());
    writeTrace(trace, c.out().resolve("trace.csv"));
    RunWriter.writeJson(summary, c.out().resolve("summary.json"));
    plot(trace, "ntk M=" + shape.width() + " " + shape.activation().spec() + " (" + shape.layers().spec() + ")", c.out().resolve("loss.png"));
    log.println("wrote " + c.out().resolve("summary.json") + ", trace.csv, loss.png");
    return new Outcome(trace, seconds, steps, reason, summary, predictions);
  }

  /** The driver's part of a checkpoint: averaged SGD's counters and prepared batch, and the loop's position. */
  record Resume(AveragedSgd.Snapshot sgd, TrainingLoop.Position<NtkTraining.Started> position) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Everything that decides the trajectory (not the step budget, the evaluation schedule or the
   * time limit, which a resumed run may change): a checkpoint is resumed only under the same key.
   */
  static String runKey(NtkConfig c, NtkData data, Loss loss, NtkShape shape, double eta, double lambda, int blocks) {
    return String.format(Locale.ROOT, "model=ntk data=%s n=%d d=%d loss=%s activation=%s width=%d output-scale=%s bias-scale=%s "
        + "train-layers=%s step=%s lambda=%s batch=%d seed=%d partitions=%d input-scaling=%s", data.name(), data.train().rows(),
        data.train().dim(), loss.name(), shape.activation().spec(), shape.width(), shape.outputScale(), shape.biasScale(),
        shape.layers().spec(), eta, lambda, c.batchSize(), c.seed(), blocks,
        (c.inputScaling() != null ? c.inputScaling() : NtkData.defaultScaling(c.data())).spec());
  }

  private void report(NtkRecord r) {
    log.printf(Locale.ROOT, "  step %8d  %7.2fs  prog=%.5g  test=%.5g%s%s  move=%.3g%n", r.step(), r.seconds(), r.progressiveLoss(),
        r.testLoss(), Double.isNaN(r.testError()) ? "" : String.format(Locale.ROOT, " (err %.4f)", r.testError()),
        Double.isNaN(r.excessRisk()) ? "" : String.format(Locale.ROOT, "  excess=%.4g", r.excessRisk()), r.movement());
  }

  private static void checkLabels(NtkData d) {
    for (double y : d.train().y()) {
      if (y != 1.0 && y != -1.0) {
        throw new IllegalArgumentException("--loss logistic needs ±1 labels, but the data has " + y + " (use --loss squared for regression targets)");
      }
    }
  }

  static void writeTrace(List<NtkRecord> trace, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(NtkRecord.CSV_HEADER);
      w.write('\n');
      for (NtkRecord r : trace) {
        w.write(r.toCsv());
        w.write('\n');
      }
    }
  }

  static void plot(List<NtkRecord> trace, String title, Path png) throws IOException {
    ToDoubleFunction<NtkRecord> step = r -> r.step();
    List<Curve> left = new ArrayList<>();
    left.add(curve("progressive loss", trace, step, NtkRecord::progressiveLoss));
    left.add(curve("test loss (average)", trace, step, NtkRecord::testLoss));
    JFreeChart a = MeanFieldReport.chart(title + ": losses", "step T", "loss", true, true, left);
    boolean synthetic = trace.stream().anyMatch(r -> Double.isFinite(r.excessRisk()));
    JFreeChart b;
    if (synthetic) {
      List<Curve> right = new ArrayList<>();
      right.add(curve("‖g_Θ̄ − g_ρ‖² (average)", trace, step, NtkRecord::excessRisk));
      if (trace.stream().anyMatch(r -> Double.isFinite(r.excessRiskLast()))) right.add(curve("last iterate", trace, step, NtkRecord::excessRiskLast));
      b = MeanFieldReport.chart(title + ": excess risk", "step T", "excess risk", true, true, right);
    } else {
      b = MeanFieldReport.chart(title + ": test error", "step T", "test error", true, false,
          List.of(curve("test error (average)", trace, step, NtkRecord::testError)));
    }
    MeanFieldReport.write(png, a, b);
  }

  private static Curve curve(String name, List<NtkRecord> trace, ToDoubleFunction<NtkRecord> x, ToDoubleFunction<NtkRecord> y) {
    return new Curve(name, trace.stream().mapToDouble(x).toArray(), trace.stream().mapToDouble(y).toArray());
  }

  private static Map<String, Object> summary(NtkConfig c, NtkData data, Loss loss, NtkShape shape, double eta, double lambda,
      int blocks, JavaSparkContext sc, List<NtkRecord> trace, double seconds, long steps, String reason) {
    NtkRecord last = trace.get(trace.size() - 1);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", "ntk");
    m.put("method", "averaged-sgd");
    m.put("input_scaling", (c.inputScaling() != null ? c.inputScaling() : NtkData.defaultScaling(c.data())).spec());
    m.put("activation", shape.activation().spec());
    m.put("width", shape.width());
    m.put("output_scale", shape.outputScale());
    m.put("bias_scale", shape.biasScale());
    m.put("train_layers", shape.layers().spec());
    m.put("partitions", blocks);
    m.put("master", sc == null ? NtkConfig.IN_PROCESS : sc.master());
    m.put("loss", loss.name());
    m.put("step", eta);
    m.put("lambda", lambda);
    m.put("source_r", c.sourceR());
    m.put("beta", c.beta());
    m.put("theory_rate_exponent", Double.isNaN(c.sourceR()) ? Double.NaN : -RateTheory.rateExponent(c.sourceR(), c.beta()));
    m.put("batch_size", c.batchSize());
    m.put("steps", steps);
    m.put("samples", last.samples());
    m.put("passes", last.passes());
    m.put("rounds", last.rounds());
    m.put("seconds", seconds);
    m.put("mean_step_ms", steps == 0 ? Double.NaN : seconds * 1e3 / steps);
    m.put("stop_reason", reason);
    m.put("progressive_loss", last.progressiveLoss());
    m.put("test_loss", last.testLoss());
    m.put("test_error", last.testError());
    m.put("excess_risk", last.excessRisk());
    m.put("excess_risk_last", last.excessRiskLast());
    m.put("movement", last.movement());
    m.put("blas", NeuronKernels.implementation());
    m.put("seed", c.seed());
    m.put("data", data.name());
    m.put("target", data.target());
    m.put("n", data.train().rows());
    m.put("d", data.train().dim());
    m.put("test_rows", data.test().rows());
    return m;
  }
}
