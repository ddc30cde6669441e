package org.stochopt.spark.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.reference.OwlqnSolver;
import org.stochopt.core.reference.ReferenceCache;
import org.stochopt.core.reference.ReferenceOptimum;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.trace.TraceRecord;
import org.stochopt.datasets.io.LibsvmWriter;
import org.stochopt.spark.SparkSessions;
import org.stochopt.spark.job.TrainConfig;
import java.util.OptionalDouble;
import org.stochopt.core.method.MethodKind;
import org.stochopt.core.method.MethodSettings;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.spark.job.TrainJob;
import org.stochopt.spark.job.ModelLoss;
import org.stochopt.spark.job.TrainingData;

/**
 * {@code stochopt bench}: stochopt's methods (in-process and on Spark), Spark MLlib's
 * LogisticRegression (same SparkSession, same cached rows) and LIBLINEAR (the same rows exported
 * as LIBSVM) on one data set and one objective, each measured against the one cached reference
 * optimum F*. All times come from this one invocation, so their ratios are comparable.
 *
 * <p>Order: load in-process (timed) → F* (cache or OWL-QN) → in-process runs → Spark session,
 * Spark load (timed) → Spark runs → MLlib on the same cached blocks → stop Spark → export →
 * LIBLINEAR runs → report. The in-process data stays loaded throughout: it evaluates F for the
 * MLlib and LIBLINEAR solutions, so every system's suboptimality is computed by the same code.
 */
public final class BenchJob {
  private final PrintStream log;

  public BenchJob(PrintStream log) {
    this.log = log;
  }

  public List<Curve> run(BenchConfig c) throws IOException, InterruptedException {
    try {
      Files.createDirectories(c.out());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot use --out " + c.out() + " as the output folder (" + e.getMessage() + ")");
    }
    ModelLoss loss = ModelLoss.parse(c.loss());
    boolean multinomial = loss.isMulticlass() && loss.name().equals("multinomial");
    Regularizer reg = Regularizers.parse(c.regularizer());
    String liblinear = null;
    List<String> notRun = new ArrayList<>();
    if (c.runs("liblinear") && multinomial) {
      // Not an error: the other systems still run; the report says why LIBLINEAR is absent.
      notRun.add("LIBLINEAR: not run — it has no multinomial logistic solver (-s 0 on K classes is one-vs-rest, another objective; "
          + "compare it with --loss ovr-logistic)");
      log.println("bench: " + notRun.get(notRun.size() - 1));
    } else if (c.runs("liblinear")) {
      LiblinearRun.solver(reg); // refuses elastic net before any loading
      liblinear = LiblinearRun.executable();
      if (liblinear == null) {
        throw new IllegalArgumentException("liblinear-train not found on PATH (apt-get install liblinear-tools), or leave liblinear out of --systems");
      }
    }
    List<Curve> curves = new ArrayList<>();
    long t0 = System.nanoTime();
    try (TrainingData local = TrainingData.inProcess(c.data(), loss, c.partitions())) {
      double loadInProcess = seconds(t0);
      GradientOracle oracle = local.oracle();
      long n = oracle.size();
      int d = oracle.dimension();
      int classes = local.classes();
      int features = d / Math.max(1, classes);
      log.printf(Locale.ROOT, "bench: %s, n=%d d=%d%s, loaded in-process in %.2fs%n", local.name(), n, d,
          classes > 0 ? " (" + features + " features × " + classes + " classes)" : "", loadInProcess);
      SetupClock setupInProcess = new SetupClock(oracle, loss, reg);
      String key = ReferenceCache.key(oracle.summary().fingerprint(), n, d, loss.name(), reg.spec());
      ReferenceOptimum ref = new ReferenceCache(c.cacheDir()).getOrCompute(key,
          () -> OwlqnSolver.highPrecision().solve(oracle, reg, new double[d]));
      double fStar = ref.objective();
      log.printf(Locale.ROOT, "bench: F* = %.15g (OWL-QN, residual %.1e), shared by every system%n", fStar, ref.optimalityResidual());
      if (c.runs("mllib")) {
        int constant = constantNonzeroColumns(((InMemoryOracle) oracle).partitions(), features);
        if (constant > 0) {
          notRun.add("MLlib: run, but without an intercept Spark fixes the weights of constant nonzero columns at 0 (" + constant
              + " such columns here), so it does not solve this objective and cannot reach F*");
          log.println("bench: " + notRun.get(notRun.size() - 1));
        }
      }

      if (c.runs("inprocess")) {
        for (String m : c.methods()) {
          curves.add(stochopt(c, m, c.batchSize(), TrainConfig.IN_PROCESS, local, loss, reg, loadInProcess, setupInProcess.secondsFor(m)));
        }
      }
      if (c.runs("spark") || c.runs("mllib")) {
        SparkSession spark = SparkSessions.create(c.sparkMaster(), "stochopt bench");
        try {
          JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
          long l0 = System.nanoTime();
          try (TrainingData cached = TrainingData.onSpark(sc, c.data(), loss, c.partitions(),
              org.stochopt.spark.oracle.SparkGradientOracle.Reduction.TREE)) {
            double loadSpark = seconds(l0);
            if (cached.oracle().summary().fingerprint() != oracle.summary().fingerprint()) {
              throw new IllegalStateException("the Spark rows differ from the in-process rows (fingerprints differ)");
            }
            if (c.runs("spark")) {
              SetupClock setupSpark = new SetupClock(cached.oracle(), loss, reg);
              for (String m : c.methods()) {
                curves.add(stochopt(c, m, c.sparkBatchSize(), c.sparkMaster(), cached, loss, reg, loadSpark, setupSpark.secondsFor(m)));
              }
            }
            if (c.runs("mllib")) {
              MllibRun.Result r = classes > 0
                  ? MllibMulticlassRun.run(spark, cached.sparkData().blocks(), features, classes, multinomial, oracle, reg, fStar,
                      c.mllibMaxIter(), c.mllibTol(), log)
                  : MllibRun.run(spark, cached.sparkData().blocks(), d, oracle, reg, fStar, c.mllibMaxIter(), c.mllibTol(), log);
              curves.add(r.curve());
            }
          }
        } finally {
          spark.stop();
        }
      }
      if (liblinear != null) {
        Path file = c.out().resolve("train.libsvm");
        long e0 = System.nanoTime();
        export(((InMemoryOracle) oracle).partitions(), file);
        log.printf(Locale.ROOT, "bench: exported %s in %.2fs (not charged to LIBLINEAR)%n", file, seconds(e0));
        Path work = Files.createDirectories(c.out().resolve("liblinear"));
        curves.add(LiblinearRun.run(liblinear, file, work, reg, n, features, classes, oracle, fStar, c.liblinearEps(), log));
        Files.deleteIfExists(file); // large, and reproducible with stochopt export
      }
      String lossLabel = classes > 0 ? loss.name() + " (" + classes + " classes)" : loss.name();
      String header = header(c, local.name(), n, d, lossLabel, reg, fStar, curves);
      if (!notRun.isEmpty()) header += "\n\nPeers that do not solve this objective:\n\n" + notRun.stream().map(x -> "- " + x + "\n").reduce("", String::concat);
      BenchReport.write(c.out(), "stochopt bench: " + local.name() + ", " + lossLabel + ", " + reg.spec(), curves, c.targets(), header);
      log.println("wrote " + c.out().resolve("bench.md") + ", bench.csv, curves.csv, bench.png");
    }
    return curves;
  }

  /**
   * The set-up charged to a method: the time of computing the constants that method's run needs
   * ({@link TrainJob#constants}: the power iteration for L only for methods that read L), measured
   * once per kind of constants on these rows. Charging every method the power iteration would bill
   * CoCoA+ for work its run never does.
   */
  private static final class SetupClock {
    private final GradientOracle oracle;
    private final ModelLoss loss;
    private final Regularizer reg;
    private final java.util.Map<Boolean, Double> seconds = new java.util.HashMap<>();

    SetupClock(GradientOracle oracle, ModelLoss loss, Regularizer reg) {
      this.oracle = oracle;
      this.loss = loss;
      this.reg = reg;
    }

    double secondsFor(String entry) {
      MethodKind kind = MethodKind.parse(BenchConfig.methodName(entry));
      return seconds.computeIfAbsent(TrainJob.readsL(kind), readsL -> {
        long t0 = System.nanoTime();
        TrainJob.constants(kind, oracle, loss, reg);
        return seconds(t0);
      });
    }
  }

  private Curve stochopt(BenchConfig c, String method, int b, String master, TrainingData data, ModelLoss loss, Regularizer reg,
      double load, double setup) throws IOException {
    String where = TrainConfig.IN_PROCESS.equals(master) ? "in-process" : master;
    String entry = method;
    method = BenchConfig.methodName(entry);
    Double step = BenchConfig.methodStep(entry);
    String stepNote = step == null ? "theory step" : "step " + step + " (hand-set)";
    if (MethodKind.parse(method) == MethodKind.COCOA) stepNote = "no step size (exact dual coordinate steps)";
    if (MethodKind.parse(method) == MethodKind.PROXCOCOA) stepNote = "no step size (proximal coordinate steps, line search)";
    Path out = c.out().resolve("runs").resolve(entry.replace('@', '-') + "-b" + b + "-" + where.replaceAll("[^A-Za-z0-9-]", ""));
    MethodKind kind = MethodKind.parse(method);
    MethodSettings settings = MethodSettings.of(kind, kind.usesMinibatches() ? b : null, // cocoa takes no minibatch
        step == null ? OptionalDouble.empty() : OptionalDouble.of(step));
    TrainConfig tc = new TrainConfig(c.data(), null, loss, reg, settings,
        new StoppingRules(0, c.maxPasses(), c.finestTarget(), 0, c.maxSeconds()), c.seed(), master, c.partitions(), out,
        c.cacheDir(), true, c.evalEveryPasses(), 0);
    MemoryPeak.start();
    TrainJob.Outcome o = new TrainJob(log).train(tc, loss, reg, data, c.partitions());
    double peak = MemoryPeak.peakMb();
    List<Curve.Point> points = new ArrayList<>();
    for (TraceRecord r : o.result().trace()) {
      points.add(new Curve.Point(r.seconds(), r.relativeSuboptimality(), r.rounds(), r.effectivePasses()));
    }
    var stats = o.result().stats();
    String notes = String.format(Locale.ROOT,
        "%s, %s, %d partitions, %s; stop: %s; mean round %.3f ms (compute %.3f, overhead %.3f); "
            + "seconds = method time (evaluation excluded); set-up = constants, init and every evaluation of the trace",
        method, kind.usesMinibatches() ? "b=" + b : "no minibatch", c.partitions(), stepNote,
        o.result().reason().name().toLowerCase(Locale.ROOT), stats.meanRoundMillis(),
        stats.meanComputeMillis(), stats.meanOverheadMillis());
    // Set-up: the constants this method needs, its init, the evaluation of the starting point and
    // the trace's later measurements — the work that the trace's clock leaves out but a wall clock
    // would not. The measurements are charged whole: an upper bound for a target reached before the
    // run's end (a run stops at the finest target, so for that one it is exact).
    return new Curve("stochopt " + entry + (kind.usesMinibatches() ? " b=" + b : "") + " " + where, "method time", points, load,
        setup + o.result().startSeconds() + o.result().evaluationSeconds(), peak,
        "JVM heap peak", notes);
  }

  /**
   * Columns with the same nonzero value in every row. Spark MLlib's LogisticRegression without an
   * intercept sets their weights to 0 ("the same as R glmnet but different from LIBSVM", its
   * warning says), so on such data it solves a different problem than F.
   */
  static int constantNonzeroColumns(List<RowBlock> parts, int d) {
    double[] value = new double[d];
    long[] count = new long[d];
    boolean[] varies = new boolean[d];
    long n = 0;
    for (RowBlock b : parts) {
      for (int r = 0; r < b.rows(); r++) {
        b.forEachEntry(r, (j, v) -> {
          if (v == 0.0) return;
          if (count[j] == 0) value[j] = v;
          else if (v != value[j]) varies[j] = true;
          count[j]++;
        });
      }
      n += b.rows();
    }
    int constant = 0;
    for (int j = 0; j < d; j++) if (!varies[j] && n > 0 && count[j] == n) constant++;
    return constant;
  }

  /** The exact in-process rows as one LIBSVM file, partitions in order (= global row order). */
  static void export(List<RowBlock> parts, Path file) throws IOException {
    try (Writer w = new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20)) {
      for (RowBlock b : parts) LibsvmWriter.write(b, w);
    }
  }

  /** The run's facts and the ratios the performance issue asks for, all from this run. */
  static String header(BenchConfig c, String data, long n, int d, String loss, Regularizer reg, double fStar, List<Curve> curves) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Data `%s` (n = %d, d = %d), %s loss, `%s`, F* = %.15g (one cached OWL-QN optimum for every system). ",
        data, n, d, loss, reg.spec(), fStar));
    sb.append(String.format(Locale.ROOT, "Spark master `%s`, %d partitions; %d available processors; max heap %.0f MB.",
        c.sparkMaster(), c.partitions(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1048576.0));
    double finest = c.finestTarget();
    Curve mllib = curves.stream().filter(k -> k.system().startsWith("MLlib")).findFirst().orElse(null);
    Curve lib = curves.stream().filter(k -> k.system().startsWith("LIBLINEAR")).findFirst().orElse(null);
    List<String> ratios = new ArrayList<>();
    for (Curve k : curves) {
      if (!k.system().startsWith("stochopt")) continue;
      Curve.Point p = k.firstReaching(finest);
      if (p == null) continue;
      boolean inProcess = k.system().endsWith("in-process");
      if (!inProcess && mllib != null) {
        double fit = mllib.byTime().get(mllib.points().size() - 1).seconds();
        ratios.add(String.format(Locale.ROOT, "%s to %s: %.2fs method time = %.2f × MLlib's whole fit (%.2fs)",
            k.system(), sci(finest), p.seconds(), p.seconds() / fit, fit));
      }
      if (inProcess && lib != null) {
        Curve.Point q = lib.firstReaching(finest);
        double wall = k.loadSeconds() + k.setupSeconds() + p.seconds();
        ratios.add(q == null
            ? String.format(Locale.ROOT, "%s to %s: %.2fs incl. load and setup; LIBLINEAR did not reach it", k.system(), sci(finest), wall)
            : String.format(Locale.ROOT, "%s to %s: %.2fs incl. load %.2fs and setup %.2fs = %.2f × LIBLINEAR's %.2fs (process wall, incl. reading the file)",
                k.system(), sci(finest), wall, k.loadSeconds(), k.setupSeconds(), wall / q.seconds(), q.seconds()));
      }
    }
    if (!ratios.isEmpty()) {
      sb.append("\n\nRatios from this run:\n\n");
      for (String r : ratios) sb.append("- ").append(r).append('\n');
    }
    return sb.toString();
  }

  private static String sci(double v) {
    return String.format(Locale.ROOT, "%.0e", v).replace("e-0", "e-");
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
