package org.stochopt.spark.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.stochopt.core.io.OutputFolder;
import org.stochopt.core.loss.Losses;
import org.stochopt.core.theory.MinibatchTheory;
import org.stochopt.core.trace.TraceRecord;
import org.stochopt.spark.SparkSessions;
import org.stochopt.spark.job.ProgressPrinter;
import org.stochopt.spark.job.TrainingData;

/**
 * {@code stochopt sweep}: runs every cell of a {@link SweepConfig} that is not already finished on
 * disk, persisting each one atomically as it completes, then analyses all cells and writes the
 * report. Re-running the same config resumes: finished cells (same fingerprint) are read back,
 * not re-run, and since cells.csv is regenerated from the stored cells in grid order, a sweep
 * interrupted and resumed ends with the same deterministic columns as one that ran straight through.
 */
public final class SweepJob {
  private final PrintStream log;

  public SweepJob(PrintStream log) {
    this.log = log;
  }

  /** Test and scheduling hooks. */
  public interface Listener {
    /** Called at every evaluation inside a running cell (a test can throw here to simulate a kill). */
    default void cellProgress(Cell cell, TraceRecord record) {}
  }

  /**
   * @param maxCells run at most this many new cells, then write the report of what is done (0 = all)
   */
  public record Options(Path out, Path cacheDir, int maxCells, Listener listener) {
    public Options {
      if (maxCells < 0) throw new IllegalArgumentException("--max-cells must be >= 0, got " + maxCells);
      if (listener == null) listener = new Listener() {};
    }
  }

  /** What a sweep produced. */
  public record Outcome(List<CellResult> results, int ran, int resumed, int total, SweepAnalysis analysis) {
    public boolean complete() {
      return results.size() == total;
    }
  }

  public Outcome run(SweepConfig c, Options o) throws IOException {
    // One sweep per folder at a time: the same lock as train (a second sweep, or a train, on this
    // folder exits at once with one line). A folder that already holds cells is a resume, by design.
    try (OutputFolder folder = OutputFolder.claim(o.out(), "--out", "stochopt sweep " + c.name())) {
      return load(c, o);
    }
  }

  private Outcome load(SweepConfig c, Options o) throws IOException {
    var loss = Losses.parse(c.loss());
    if (c.inProcess()) {
      int partitions = c.partitions() > 0 ? c.partitions() : 4;
      try (TrainingData data = TrainingData.inProcess(c.data(), loss, partitions)) {
        return sweep(c, o, data, partitions);
      }
    }
    SparkSession spark = SparkSessions.create(c.master(), "stochopt sweep " + c.name());
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int partitions = c.partitions() > 0 ? c.partitions() : Math.max(4, sc.defaultParallelism());
    try (TrainingData data = TrainingData.onSpark(sc, c.data(), loss, partitions)) {
      return sweep(c, o, data, partitions);
    } finally {
      spark.stop();
    }
  }

  /** Runs on already-loaded data (also the entry point for tests). */
  public Outcome sweep(SweepConfig c, Options o, TrainingData data, int partitions) throws IOException {
    long sweepStart = System.nanoTime();
    Files.createDirectories(o.out());
    List<Cell> cells = c.cells();
    log.printf(Locale.ROOT, "sweep '%s': %d cells (%d methods × %d batch sizes × %d step multipliers × %d seeds) on %s, target %.3g%n",
        c.name(), cells.size(), c.methods().size(), c.batchSizes().size(), c.stepMultipliers().size(), c.seeds().size(),
        c.master(), c.target());
    SweepProblem problem = new SweepProblem(c, data, partitions, o.cacheDir(), log);
    CellRunner runner = new CellRunner(c, problem);
    CellStore store = new CellStore(o.out(), m -> log.println("warning: " + m));

    List<CellResult> results = new ArrayList<>();
    List<Optional<CellResult>> stored = new ArrayList<>();
    double weightLeft = 0;
    for (Cell cell : cells) {
      Optional<CellResult> done = store.finished(cell, fingerprint(c, problem, cell));
      stored.add(done);
      if (done.isEmpty()) weightLeft += costWeight(problem, runner, cell);
    }
    int resumed = (int) stored.stream().filter(Optional::isPresent).count();
    if (resumed > 0) log.printf(Locale.ROOT, "resuming: %d of %d cells already finished in %s%n", resumed, cells.size(), store.directory());

    int ran = 0;
    double weightDone = 0;
    long runStart = System.nanoTime();
    for (int i = 0; i < cells.size(); i++) {
      Cell cell = cells.get(i);
      if (stored.get(i).isPresent()) {
        results.add(stored.get(i).get());
        continue;
      }
      if (o.maxCells() > 0 && ran >= o.maxCells()) continue;
      long[] lastPrint = {System.nanoTime()};
      CellRunner.Run run;
      try {
        run = runner.run(cell, r -> {
        o.listener().cellProgress(cell, r);
        // Long cells report every 10 s; short ones only get the per-cell line below.
        if (System.nanoTime() - lastPrint[0] > 10_000_000_000L) {
          lastPrint[0] = System.nanoTime();
          log.println(ProgressPrinter.line(cell.label(), r));
        }
      });
      } catch (org.stochopt.core.optim.BelowReferenceException e) {
        // F* is wrong: every cell's rounds-to-ε would be too. Drop the entry and stop the sweep.
        boolean removed = problem.referenceCache.invalidate(problem.referenceKey);
        throw new IllegalArgumentException(e.getMessage() + (removed ? "; removed the cached entry "
            + problem.referenceCache.file(problem.referenceKey) + ", run the sweep again to recompute it" : ""), e);
      }
      store.save(run.result(), fingerprint(c, problem, cell), run.trace());
      results.add(run.result());
      ran++;
      double w = costWeight(problem, runner, cell);
      weightDone += w;
      weightLeft -= w;
      CellStore.writeCsv(results, o.out().resolve("cells.csv"));
      log.println(progressLine(results.size(), cells.size(), resumed, (System.nanoTime() - runStart) / 1e9,
          weightDone, weightLeft, run.result()));
    }
    CellStore.writeCsv(results, o.out().resolve("cells.csv"));

    SweepAnalysis analysis = SweepAnalysis.of(c, problem.theory, results);
    double seconds = (System.nanoTime() - sweepStart) / 1e9;
    new SweepReport(c, problem, analysis, results, store, cells.size(), seconds).write(o.out());
    log.println(analysis.headline());
    if (results.size() < cells.size()) {
      log.printf(Locale.ROOT, "partial sweep: %d of %d cells finished; run the same command again to continue%n",
          results.size(), cells.size());
    }
    log.println("wrote " + o.out().resolve("report.md") + " (cells.csv, summary.json, *.png)");
    return new Outcome(results, ran, resumed, cells.size(), analysis);
  }

  /**
   * The relative cost of a cell for the ETA: the theory's predicted communication rounds, plus the
   * evaluations the cell makes (one per interval). The theory's constant factor cancels in the ratio.
   */
  private static double costWeight(SweepProblem p, CellRunner runner, Cell cell) {
    double rounds;
    if (MinibatchTheory.METHODS.contains(cell.method())) {
      try {
        rounds = p.theory.predict(cell.method(), cell.batchSize()).communicationRounds();
      } catch (RuntimeException e) {
        rounds = (double) p.constants.n() / cell.batchSize();
      }
    } else {
      rounds = (double) p.constants.n() / cell.batchSize();
    }
    return rounds * (1 + 1.0 / runner.evalInterval(cell.method(), cell.batchSize()));
  }

  static String progressLine(int done, int total, int resumed, double elapsed, double weightDone, double weightLeft,
      CellResult r) {
    String eta = weightDone > 0 && done < total ? clock(elapsed * weightLeft / weightDone) : done < total ? "?" : "0:00";
    String what = r.reached()
        ? String.format(Locale.ROOT, "ε reached in %.1f rounds, %.3g gradients, %.2fs", r.roundsToTarget(), r.gradientsToTarget(),
            r.secondsToTarget())
        : "stopped: " + r.stopReason() + (Double.isNaN(r.finalRelativeSuboptimality()) ? ""
            : String.format(Locale.ROOT, " at rel. subopt. %.2e", r.finalRelativeSuboptimality()));
    return String.format(Locale.ROOT, "[sweep] %d/%d cells done%s, %d left, elapsed %s, ETA %s | %s: %s",
        done, total, resumed > 0 ? " (" + resumed + " resumed)" : "", total - done, clock(elapsed), eta, r.cell().label(), what);
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /**
   * Everything that determines a cell's deterministic results: a finished cell is reused only
   * when all of it matches (a changed target, budget, data or master re-runs the cell).
   */
  static String fingerprint(SweepConfig c, SweepProblem p, Cell cell) {
    String canonical = String.join("|", "v1", c.data(), String.valueOf(c.testData()), c.loss(), c.regularizer(),
        Double.toString(c.target()), Double.toString(c.maxPasses()), Long.toString(c.maxRounds()),
        Double.toString(c.maxSeconds()), c.master(), Integer.toString(p.partitions), Double.toString(c.resolution()),
        Long.toHexString(p.data.oracle().summary().fingerprint()), Double.toString(p.reference.objective()),
        cell.method(), Integer.toString(cell.batchSize()), Double.toString(cell.stepMultiplier()), Long.toString(cell.seed()));
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
