package org.stochopt.spark.job;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.stochopt.core.features.FeatureMap;
import org.stochopt.core.features.FeatureSpec;
import org.stochopt.core.io.OutputFolder;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.optim.CheckpointFile;
import org.stochopt.core.cocoa.CocoaMethod;
import org.stochopt.core.cocoa.ProxCocoaMethod;
import org.stochopt.core.method.MethodAdvisor;
import org.stochopt.core.method.MethodKind;
import org.stochopt.core.method.MethodRun;
import org.stochopt.core.method.MethodSettings;
import org.stochopt.core.method.Methods;
import org.stochopt.core.optim.Checkpointing;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.RunnerCheckpoint;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.reference.OwlqnSolver;
import org.stochopt.core.reference.ReferenceCache;
import org.stochopt.core.reference.ReferenceOptimum;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.trace.TraceRecord;
import org.stochopt.datasets.Dataset;
import org.stochopt.spark.SparkSessions;
import org.stochopt.spark.report.RunWriter;
import org.stochopt.spark.report.TracePlot;

/**
 * One training run, end to end: data → constants → reference optimum (cached) → runner → outputs.
 * The same code path serves {@code --master in-process} and every Spark master.
 */
public final class TrainJob {
  /** The power-iteration seed for L: fixed, so L (and the default steps) never depend on the run seed. */
  public static final long CONSTANTS_SEED = 0x4C5F455354L;

  private final PrintStream log;

  public TrainJob(PrintStream log) {
    this.log = log;
  }

  /** What a run produced. */
  public record Outcome(RunResult result, Map<String, Object> summary) {}

  public Outcome run(TrainConfig c) throws IOException {
    return run(c, RunControl.DEFAULT, null);
  }

  /** One run with explicit execution settings (reduction, checkpointing). */
  public Outcome run(TrainConfig c, RunControl control) throws IOException {
    return run(c, control, null);
  }

  /** A run on the random features of the data when {@code features} is not null ({@code train --features}). */
  public Outcome run(TrainConfig c, FeatureSpec features) throws IOException {
    return run(c, RunControl.DEFAULT, features);
  }

  /** One run with explicit execution settings, on random features when {@code features} is not null. */
  public Outcome run(TrainConfig c, RunControl control, FeatureSpec features) throws IOException {
    // Before any loading: an unusable or busy --out, a missing checkpoint, a missing --test-data
    // file or a batch size above a generated n should not cost a data load and a reference solve.
    try (OutputFolder folder = OutputFolder.claim(c.out(), "--out", "stochopt train")) {
      CheckpointFile checkpoint = new CheckpointFile(c.out().resolve(RunControl.CHECKPOINT_FILE));
      if (control.resume()) {
        checkpoint.read(); // missing or damaged: fails now, with the message
      } else {
        prepareFreshFolder(folder, control.overwrite());
      }
      checkBeforeLoading(c);
      return load(c, control, features);
    }
  }

  /** What a run writes into its output folder (and --overwrite deletes). */
  public static final java.util.List<String> OUTPUT_FILES = java.util.List.of(
      RunControl.CHECKPOINT_FILE, "trace.csv", "summary.json", "weights.csv", "convergence.png");

  /**
   * A fresh run owns an empty folder. With {@code overwrite} the files of the run already there are
   * deleted first (the checkpoint above all: a stale one would later resume the wrong run);
   * without it a folder that holds anything is refused.
   */
  static void prepareFreshFolder(OutputFolder folder, boolean overwrite) throws IOException {
    java.util.List<java.nio.file.Path> present = folder.contents();
    if (present.isEmpty()) return;
    if (!overwrite) {
      java.util.List<String> names = present.stream().map(p -> p.getFileName().toString()).limit(4).toList();
      throw new IllegalArgumentException("--out " + folder.path() + " already holds " + String.join(", ", names)
          + (present.size() > 4 ? ", …" : "") + ": pass --overwrite to replace that run, --resume to continue it,"
          + " or choose another --out");
    }
    for (String name : OUTPUT_FILES) Files.deleteIfExists(folder.path().resolve(name));
  }

  private static void checkBeforeLoading(TrainConfig c) {
    PreconditionedMethods.check(c.method(), c.loss(), c.regularizer()); // needs no data
    checkCocoa(c, RunControl.DEFAULT);
    long n = DataLoader.checkBeforeLoading(c.data(), "--data");
    if (c.testData() != null) DataLoader.checkBeforeLoading(c.testData(), "--test-data");
    Integer b = c.method().batchSize();
    if (n >= 0 && b != null && b > n) {
      throw new IllegalArgumentException("--batch-size " + b + " exceeds the " + n + " training rows");
    }
  }

  /** CoCoA+'s loss, regularizer and run control, refused with one line before any loading. */
  static void checkCocoa(TrainConfig c, RunControl control) {
    if (!c.method().kind().certifies()) return;
    String name = c.method().kind().cliName();
    if (c.loss().isMulticlass()) {
      throw new IllegalArgumentException("--method " + name + " supports --loss logistic only, got --loss " + c.loss().name());
    }
    if (c.method().kind() == MethodKind.PROXCOCOA) {
      ProxCocoaMethod.refuseUnsupported(c.loss().margin(), c.regularizer());
    } else {
      CocoaMethod.refuseUnsupported(c.loss().margin(), c.regularizer());
    }
    if (control.checkpointEvery() > 0 || control.resume()) {
      throw new IllegalArgumentException("--method " + name + " keeps its " + (c.method().kind() == MethodKind.PROXCOCOA ? "coordinates"
          : "dual variables") + " in the partitions and cannot be checkpointed or resumed: drop --checkpoint-every/--resume");
    }
  }

  private Outcome load(TrainConfig c, RunControl control, FeatureSpec features) throws IOException {
    ModelLoss loss = c.loss();
    Regularizer reg = c.regularizer();
    if (features != null) loss.marginLoss("--features"); // refused before any loading
    PreconditionedMethods.check(c.method(), loss, reg);
    checkCocoa(c, control);
    if (c.inProcess()) {
      int partitions = c.partitionsOr(4);
      TrainingData raw = TrainingData.inProcess(c.data(), loss, partitions);
      PhaseTimes.mark("data loaded");
      if (c.partitionsOr(0) == 0 && features == null && !loss.isMulticlass()
          && MethodRun.autoPicksCocoa(raw.oracle(), reg, c.method())) {
        raw = raw.inOnePartition(); // rounds grow steeply with P for CoCoA+ (MethodAdvisor.ONE_PARTITION)
        partitions = 1;
      }
      try (TrainingData data = features == null ? raw : RandomFeatureData.apply(raw, features, loss.margin(), null, log)) {
        return train(c, loss, reg, data, partitions, control);
      }
    }
    SparkSession spark = SparkSessions.create(c.master(), "stochopt train", control.connectTimeout());
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int partitions = c.partitionsOr(Math.max(4, sc.defaultParallelism()));
    try (TrainingData data = features == null ? TrainingData.onSpark(sc, c.data(), loss, partitions, control.reduction())
        : RandomFeatureData.apply(TrainingData.onSpark(sc, c.data(), loss, partitions, control.reduction()), features, loss.margin(), sc, log)) {
      return train(c, loss, reg, data, partitions, control);
    } finally {
      spark.stop();
    }
  }

  /** Runs on already-loaded data (also the entry point for tests sharing one SparkSession). */
  public Outcome train(TrainConfig c, Loss loss, Regularizer reg, TrainingData data, int partitions) throws IOException {
    return train(c, loss, reg, data, partitions, RunControl.DEFAULT);
  }

  /** Runs on already-loaded data with explicit execution settings. */
  public Outcome train(TrainConfig c, Loss loss, Regularizer reg, TrainingData data, int partitions, RunControl control)
      throws IOException {
    return train(c, ModelLoss.of(loss), reg, data, partitions, control);
  }

  /** Runs on already-loaded data, with a margin or a multi-class loss ({@link ModelLoss}). */
  public Outcome train(TrainConfig c, ModelLoss loss, Regularizer reg, TrainingData data, int partitions)
      throws IOException {
    return train(c, loss, reg, data, partitions, RunControl.DEFAULT);
  }

  /** Whether {@code kind} reads L (its steps or its theory): CoCoA+ and ProxCoCoA+ do not. */
  public static boolean readsL(MethodKind kind) {
    return !kind.certifies();
  }

  /**
   * The constants a run of {@code kind} needs, computed the way {@code train} computes them: with
   * the power iteration for L only when the method reads L ({@link #readsL}); otherwise L̄ stands
   * in for L. {@code bench} charges exactly this work to a method as its set-up.
   */
  public static ProblemConstants constants(MethodKind kind, GradientOracle oracle, ModelLoss loss, Regularizer reg) {
    return readsL(kind) ? ProblemConstants.estimate(oracle, loss.curvatureBound(), reg, CONSTANTS_SEED)
        : ProblemConstants.withMeanBound(oracle, loss.curvatureBound(), reg);
  }

  /** Runs on already-loaded data with explicit execution settings, with a margin or a multi-class loss. */
  public Outcome train(TrainConfig c, ModelLoss loss, Regularizer reg, TrainingData data, int partitions, RunControl control)
      throws IOException {
    GradientOracle oracle = data.oracle();
    DriverMemory.require(oracle.dimension(), c.reference(), data.name());
    CheckpointFile checkpointFile = new CheckpointFile(c.out().resolve(RunControl.CHECKPOINT_FILE));
    RunnerCheckpoint resume = control.resume() ? checkpointFile.read() : null;
    // A fixed power-iteration seed: L (and so the default steps) must not change with the run seed.
    // On resume the saved constants are reused: re-estimating could differ in the last bits
    // (tree reduction), and the step derived from them must be exactly the one the run started with.
    // CoCoA+ reads no L (its dual steps use ‖x_i‖² only): asked for by name, it skips the power
    // iteration (on a short problem as many passes as the whole run) and L̄ ≥ L stands in for L in
    // the trace's gradient-mapping norm; the log and summary.json say L was not estimated.
    boolean noL = resume == null && !readsL(c.method().kind());
    ProblemConstants k = resume != null && resume.attachment() instanceof ProblemConstants saved ? saved
        : constants(c.method().kind(), oracle, loss, reg);
    PhaseTimes.mark("constants");
    if (data.classes() > 0) {
      log.printf(java.util.Locale.ROOT, "%s loss on %d classes: %d features × %d classes = %d weights%n",
          loss.name(), data.classes(), k.d() / data.classes(), data.classes(), k.d());
    }
    if (noL) {
      log.printf(java.util.Locale.ROOT, "data %s: n=%d d=%d  L ≤ L̄=%.4g (L not estimated: %s does not use it)  L_max=%.4g  μ=%.4g%n",
          data.name(), k.n(), k.d(), k.meanL(), c.method().kind(), k.maxL(), k.mu());
    } else {
      log.printf(java.util.Locale.ROOT, "data %s: n=%d d=%d  L=%.4g  L̄=%.4g  L_max=%.4g  μ=%.4g  κ=%.4g%n",
          data.name(), k.n(), k.d(), k.globalL(), k.meanL(), k.maxL(), k.mu(), k.condition());
    }

    ReferenceOptimum ref = null;
    ReferenceCache cache = new ReferenceCache(c.cacheDir(), m -> log.println("warning: " + m));
    String refKey = ReferenceCache.key(oracle.summary().fingerprint(), k.n(), k.d(), loss.name(), reg.spec());
    if (c.reference()) {
      long t0 = System.nanoTime();
      // A cached entry is used only when its seal holds and F(w*) recomputed here matches its F*.
      ref = cache.getOrCompute(refKey, () -> OwlqnSolver.highPrecision().solve(oracle, reg, new double[k.d()]),
          r -> new Evaluator(oracle, reg, k.globalL(), Double.NaN, null).referenceProblem(r.objective(), r.solution()));
      log.printf(java.util.Locale.ROOT, "reference optimum F* = %.15g (%d iterations, residual %.2e, %.1fs incl. cache)%n",
          ref.objective(), ref.iterations(), ref.optimalityResidual(), (System.nanoTime() - t0) / 1e9);
    }

    TestError testError = null;
    String testSpec = c.testData() != null ? c.testData() : DataLoader.defaultTestSpec(c.data());
    if (testSpec != null) {
      FeatureMap map = data.featureMap();
      int inputDim = map == null ? k.d() / Math.max(1, data.classes()) : map.inputDim();
      Dataset test = DataLoader.load(testSpec, loss.labelPolicy(), inputDim, true);
      if (test.dim() != inputDim) {
        throw new IllegalArgumentException(
            "test data has dimension " + test.dim() + " but the training data has " + inputDim);
      }
      testError = data.classes() > 0 ? TestError.multiclass(test.block(), data.classes())
          : new TestError(map == null ? test.block() : map.apply(test.block()), loss.margin());
    }

    PreconditionedMethods.check(c.method(), loss, reg); // also for callers that enter here with loaded data
    PreconditionedMethods.Result preconditioned = PreconditionedMethods.applies(c.method())
        ? PreconditionedMethods.build(c.method(), k, oracle, reg, loss.curvatureBound(), log) : null;
    MethodRun run = preconditioned != null ? MethodRun.of(c.method(), preconditioned.built(), oracle, reg, k, c.seed())
        : MethodRun.prepare(oracle, reg, k, c.method(), c.seed());
    if (run.choice() != null) log.println("method auto: " + run.choice().reason());
    c = c.withMethod(run.settings());
    Methods.Built built = run.built();
    Evaluator evaluator = new Evaluator(oracle, reg, k.globalL(), ref == null ? Double.NaN : ref.objective(), testError);
    StoppingRules stop = c.stop();
    // Without F* only a duality gap can certify the target (cocoa); for the other methods it is off.
    boolean certifies = run.settings().kind().certifies();
    StoppingRules rules = new StoppingRules(stop.maxRounds(), stop.maxPasses(),
        ref == null && !certifies ? 0 : stop.targetRelativeSuboptimality(),
        stop.gradientMappingTolerance(), stop.maxSeconds());
    Runner.Options options = new Runner.Options(c.evalEveryPasses(), c.evalEveryRounds() > 0 ? c.evalEveryRounds() : Long.MAX_VALUE, 1e6,
        String.format(java.util.Locale.ROOT, "reduce --step (this run used %.4g)", built.step()));
    String label = run.label();
    String runKey = runKey(c, loss, reg, partitions, built, oracle.summary().fingerprint());
    Checkpointing checkpointing = new Checkpointing(control.checkpointEvery(),
        control.checkpointEvery() > 0 ? checkpointFile : null, runKey, k, resume);
    if (resume != null) {
      log.printf(java.util.Locale.ROOT, "resuming from %s at step %d (%d rounds)%n",
          checkpointFile.path(), resume.state().steps(), resume.spent().rounds());
    }
    RunResult result;
    PhaseTimes.mark("method set up");
    try {
      result = run.run(rules, evaluator, options, new ProgressPrinter(log, 2.0, label), checkpointing);
    } catch (org.stochopt.core.optim.BelowReferenceException e) {
      // A point below F* proves F* wrong: never keep measuring against it, and never reuse it.
      boolean removed = cache.invalidate(refKey);
      throw new IllegalArgumentException(e.getMessage() + (removed ? "; removed the cached entry " + cache.file(refKey)
          + ", run again to recompute it" : "; the reference solve was not precise enough, run with --no-reference"), e);
    }

    PhaseTimes.mark("method ran");
    TraceRecord last = result.last();
    log.println(ProgressPrinter.line(label, last) + "  stop: " + result.reason());
    Map<String, Object> summary = summary(c, loss, reg, data, partitions, k, built, result, ref, run.choice());
    if (noL) {
      summary.put("L", null); // not estimated (JSON null, like every number not computed)
      summary.put("kappa", null);
    }
    if (preconditioned != null) summary.putAll(preconditioned.report());
    reportSafeguard(built, result, summary, log);
    Files.createDirectories(c.out());
    // The figure renders on another core while the text files are written (the same files as before).
    TracePlot.Pending figure = TracePlot.writeInBackground(result.trace(), label, c.out().resolve("convergence.png"));
    RunWriter.writeTrace(result.trace(), c.out().resolve("trace.csv"));
    RunWriter.writeJson(summary, c.out().resolve("summary.json"));
    RunWriter.writeWeights(result.solution(), c.out().resolve("weights.csv"));
    PhaseTimes.mark("trace, summary, weights");
    figure.await();
    PhaseTimes.mark("figure");
    log.println("wrote " + c.out().resolve("summary.json") + ", trace.csv, weights.csv, convergence.png");
    return new Outcome(result, summary);
  }

  /**
   * The local methods' {@link org.stochopt.core.method.RoundSafeguard}: its rejected rounds in the log
   * and summary.json; CoCoA+'s and ProxCoCoA+'s fall-backs (accelerated loop stalled → plain CoCoA+;
   * line search failed → the bound model), a line each when they happen and a summary field either way;
   * and for every method, whether the run ended above its own best evaluated
   * objective (then it is not a normal finish: a warning line and {@code finish: ended_above_best}).
   */
  static void reportSafeguard(Methods.Built built, RunResult result, Map<String, Object> summary, java.io.PrintStream log) {
    if (built.method() instanceof org.stochopt.core.method.Safeguarded guarded && guarded.safeguard() != null) {
      var rejections = guarded.safeguard().rejections();
      summary.put("safeguard_rejections", rejections.size());
      summary.put("safeguard_final_step", guarded.currentStep());
      java.util.List<Map<String, Object>> events = new java.util.ArrayList<>();
      for (var j : rejections) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("round", j.round());
        e.put("objective", j.objective());
        e.put("best", j.best());
        e.put("new_step", j.newStep());
        events.add(e);
      }
      summary.put("safeguard_events", events);
      if (!rejections.isEmpty()) {
        var first = rejections.get(0);
        log.printf(java.util.Locale.ROOT, "safeguard: %d round(s) rejected because F rose (first at round %d: %.10g > best %.10g);"
            + " went back to the best point and damped the local step to %.4g (configured %.4g)%n",
            rejections.size(), first.round(), first.objective(), first.best(), guarded.currentStep(), built.step());
      }
    }
    if (built.method() instanceof org.stochopt.core.cocoa.CocoaMethod cocoa) {
      long from = cocoa.plainFromRound();
      summary.put("cocoa_plain_from_round", from < 0 ? null : from);
      if (from >= 0) {
        log.printf(java.util.Locale.ROOT, "cocoa: the accelerated outer loop stalled; from round %d on the run continued as "
            + "plain CoCoA+ from the same dual variables%n", from);
      }
    }
    if (built.method() instanceof org.stochopt.core.cocoa.ProxCocoaMethod prox) {
      long from = prox.boundModelFromRound();
      summary.put("proxcocoa_bound_model_from_round", from < 0 ? null : from);
      if (from >= 0) {
        log.printf(java.util.Locale.ROOT, "proxcocoa: a line search found no descent step; from round %d on the run used "
            + "the paper's bound model (the loss's curvature bound, whose full step needs no search)%n", from);
      }
    }
    double best = Double.POSITIVE_INFINITY;
    for (TraceRecord r : result.trace()) best = Math.min(best, r.objective());
    double end = result.last().objective();
    boolean above = !(end <= best + 1e-9 * Math.max(1.0, Math.abs(best)));
    summary.put("best_objective", best);
    summary.put("finish", above ? "ended_above_best" : "normal");
    if (above) {
      log.printf(java.util.Locale.ROOT, "WARNING: the run ended at F = %.10g, above its own best F = %.10g: not a normal finish"
          + " (the last rounds made it worse; reduce --step)%n", end, best);
    }
  }

  /**
   * What determines the trajectory of a run: a checkpoint resumes only under the same key. The
   * stopping rules, the master and the reduction are left out on purpose — a run may be resumed
   * with a larger budget, or on another backend (same partitions ⇒ same minibatches).
   */
  static String runKey(TrainConfig c, ModelLoss loss, Regularizer reg, int partitions, Methods.Built built,
      long fingerprint) {
    MethodSettings m = c.method();
    return String.format(java.util.Locale.ROOT,
        "data=%s fingerprint=%016x loss=%s reg=%s method=%s b=%d step=%s schedule=%s averaging=%s epoch=%s anchor=%s "
            + "sampling=%s seed=%d partitions=%d eval-every=%s eval-every-rounds=%d tuning=%s",
        c.data(), fingerprint, loss.name(), reg.spec(), m.kind(), m.b(), Double.toString(built.step()),
        m.schedule(), m.averaging(), m.epochLength(), m.anchor(), built.sampling(), c.seed(), partitions,
        Double.toString(c.evalEveryPasses()), c.evalEveryRounds(), m.tuning());
  }

  private static Map<String, Object> summary(TrainConfig c, ModelLoss loss, Regularizer reg, TrainingData data, int partitions,
      ProblemConstants k, Methods.Built built, RunResult r, ReferenceOptimum ref, MethodAdvisor.Choice choice) {
    TraceRecord last = r.last();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", c.method().kind().cliName());
    if (choice != null) m.put("method_choice", "auto: " + choice.reason());
    m.put("batch_size", c.method().kind().usesMinibatches() ? c.method().b() : null);
    m.put("step", built.step());
    m.put("sampling", built.sampling().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    m.put("rounds", r.stats().rounds());
    m.put("gradient_evaluations", r.stats().componentGradients());
    m.put("effective_passes", r.stats().componentGradients() / (double) k.n());
    m.put("seconds", r.seconds());
    m.put("objective", last.objective());
    m.put("reference_objective", ref == null ? Double.NaN : ref.objective());
    m.put("relative_suboptimality", last.relativeSuboptimality());
    m.put("gradient_mapping_norm", last.gradientMappingNorm());
    m.put("test_error", last.testError());
    m.put("nonzeros", last.nonZeros());
    if (!Double.isNaN(last.dualityGap())) {
      m.put("duality_gap", last.dualityGap());
      // D(α) = F − gap ≤ F*: the relative suboptimality the gap proves, with or without a reference.
      m.put("certified_relative_suboptimality", last.dualityGap() / (last.objective() - last.dualityGap()));
    }
    if (built.method() instanceof org.stochopt.core.cocoa.CocoaMethod cm) {
      m.put("cocoa_kappa", cm.kappa(reg.l2Weight(), partitions)); // accelerated outer loop's κ (0: plain CoCoA+)
    }
    m.put("stop_reason", r.reason().name().toLowerCase(java.util.Locale.ROOT));
    m.put("seed", c.seed());
    m.put("master", c.master());
    m.put("partitions", partitions);
    m.put("data", data.name());
    if (data.featureMap() != null) m.put("features", data.featureMap().toString());
    m.put("loss", loss.name());
    if (data.classes() > 0) m.put("classes", data.classes());
    m.put("regularizer", reg.spec());
    m.put("n", k.n());
    m.put("d", k.d());
    m.put("L", k.globalL());
    m.put("L_mean", k.meanL());
    m.put("L_max", k.maxL());
    m.put("mu", k.mu());
    m.put("kappa", k.condition());
    m.put("mean_round_ms", r.stats().meanRoundMillis());
    m.put("mean_compute_ms", r.stats().meanComputeMillis());
    m.put("mean_overhead_ms", r.stats().meanOverheadMillis());
    m.put("data_fingerprint", String.format("%016x", data.oracle().summary().fingerprint()));
    m.put("solution_l2_norm", org.stochopt.core.linalg.Vec.norm2(r.solution()));
    return m;
  }
}
