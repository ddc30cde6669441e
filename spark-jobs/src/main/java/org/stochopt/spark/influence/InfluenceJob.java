package org.stochopt.spark.influence;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.stochopt.core.influence.RankAgreement;
import org.stochopt.core.runtime.LocalPartitionRunner;
import org.stochopt.spark.SparkSessions;
import org.stochopt.spark.report.RunWriter;

/**
 * {@code stochopt influence}: ranks the training rows by SGD-influence and writes
 * {@code influence.csv} (most harmful first), {@code histogram.png} and {@code summary.json}
 * (times against training, replay memory, and — with {@code --exact} — Kendall τ and top-10
 * Jaccard against the exact counterfactual; with {@code --flip-labels}, the precision of the
 * flipped rows among the k most harmful).
 */
public final class InfluenceJob {
  private final PrintStream log;

  public InfluenceJob(PrintStream log) {
    this.log = log;
  }

  /** Runs {@code body} on the backend the config names (a local[…] or cluster Spark session, or this JVM). */
  static <T> T onBackend(InfluenceConfig c, String app, Function<InfluenceBackend, T> body) {
    if (c.inProcess()) {
      try (InfluenceBackend b = InfluenceBackend.inProcess(LocalPartitionRunner.defaultThreads())) {
        return body.apply(b);
      }
    }
    SparkSession spark = SparkSessions.create(c.master(), app);
    try (InfluenceBackend b = InfluenceBackend.spark(JavaSparkContext.fromSparkContext(spark.sparkContext()))) {
      return body.apply(b);
    } finally {
      spark.stop();
    }
  }

  static InfluenceData load(InfluenceConfig c) {
    return InfluenceData.load(c.data(), c.testData(), InfluenceRun.labelPolicy(c.loss()), c.valRows(), c.trainRows(), c.flipLabels(),
        c.flipFrom(), c.seed());
  }

  public Map<String, Object> run(InfluenceConfig c) throws IOException {
    InfluenceData data = load(c);
    return onBackend(c, "stochopt influence", backend -> {
      try {
        return run(c, data, backend);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  /** What one run produced: the summary written, the run (for retraining) and its estimates. */
  public record Result(Map<String, Object> summary, InfluenceRun run, InfluenceRun.Outcome outcome) {}

  /** On loaded data and a given backend (also the entry point for tests). */
  public Map<String, Object> run(InfluenceConfig c, InfluenceData data, InfluenceBackend backend) throws IOException {
    return compute(c, data, backend).summary();
  }

  /** {@link #run}, keeping the run and its outcome. */
  public Result compute(InfluenceConfig c, InfluenceData data, InfluenceBackend backend) throws IOException {
    log.printf(Locale.ROOT, "data %s: %d training rows (%d flipped), %d validation, %s test, d=%d, %s%n", data.name(),
        data.train().rows(), data.flippedCount(), data.validation().rows(), data.test() == null ? "no" : data.test().rows(),
        data.train().dim(), backend.describe());
    InfluenceRun run = new InfluenceRun(c, data, backend);
    InfluenceRun.Outcome o = run.compute(log);
    Files.createDirectories(c.out());
    InfluenceReport.writeInfluenceCsv(data, o, c.out().resolve("influence.csv"));
    InfluenceReport.writeTrace(o.trace(), c.out().resolve("trace.csv"));
    InfluenceReport.writeHistogram(data, o.influence(), c.bins(),
        String.format(Locale.ROOT, "SGD-influence (%s epochs) — %s, n=%d", c.replay(), data.name(), data.train().rows()),
        c.out().resolve("histogram.png"));
    Map<String, Object> m = summary(c, data, run, o, backend);
    RunWriter.writeJson(m, c.out().resolve("summary.json"));
    log.println("wrote " + c.out().resolve("influence.csv") + ", trace.csv, histogram.png, summary.json");
    return new Result(m, run, o);
  }

  static Map<String, Object> summary(InfluenceConfig c, InfluenceData data, InfluenceRun run, InfluenceRun.Outcome o,
      InfluenceBackend backend) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("data", data.name());
    m.put("backend", backend.describe());
    m.put("model", run.model().name());
    m.put("n_train", data.train().rows());
    m.put("n_val", data.validation().rows());
    m.put("n_test", data.test() == null ? 0 : data.test().rows());
    m.put("flipped", data.flippedCount());
    m.put("flip_from", c.flipFrom());
    m.put("parameters", run.model().dimension());
    m.put("step", c.step());
    m.put("decay", c.decay());
    m.put("batch", c.batch());
    m.put("epochs", c.epochs());
    m.put("steps", run.sgd().settings().steps());
    m.put("lambda", c.lambda());
    m.put("seed", c.seed());
    m.put("partitions", c.partitions());
    m.put("replay", c.replay());
    m.put("objective", o.objective());
    m.put("val_loss", o.valLoss());
    m.put("test_error", o.testError());
    m.put("train_seconds", o.trainSeconds());
    m.put("replay_seconds", o.replaySeconds());
    m.put("replay_over_train", o.replaySeconds() / o.trainSeconds());
    m.put("replayed_steps", o.replayedSteps());
    m.put("recomputed_steps", o.recomputedSteps());
    m.put("replay_log_bytes", o.replayBytes());
    m.put("checkpoint_every", o.checkpointEvery());
    if (o.kohLiang() != null) {
      m.put("kl_seconds", o.klSeconds());
      m.put("kl_iterations", o.klIterations());
      m.put("kl_damping", c.klDamping());
    }
    if (o.exact() != null) {
      m.put("exact_seconds", o.exactSeconds());
      m.put("kendall_tau", RankAgreement.kendallTau(o.exact(), o.influence()));
      m.put("jaccard_top10", RankAgreement.extremesJaccard(o.exact(), o.influence(), 10));
      if (o.kohLiang() != null) {
        m.put("kl_kendall_tau", RankAgreement.kendallTau(o.exact(), o.kohLiang()));
        m.put("kl_jaccard_top10", RankAgreement.extremesJaccard(o.exact(), o.kohLiang(), 10));
      }
    }
    if (data.flippedCount() > 0) {
      Map<String, Object> precision = new LinkedHashMap<>();
      for (int k : precisionKs(data.train().rows(), data.flippedCount())) {
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("sgd_influence", InfluenceReport.precisionAt(o.influence(), data.flipped(), k));
        if (o.kohLiang() != null) at.put("koh_liang", InfluenceReport.precisionAt(o.kohLiang(), data.flipped(), k));
        at.put("random", (double) data.flippedCount() / data.train().rows());
        precision.put(Integer.toString(k), at);
      }
      m.put("flipped_precision_at_k", precision);
    }
    return m;
  }

  static List<Integer> precisionKs(int n, int flipped) {
    return java.util.stream.IntStream.of(10, 30, 100, 300, flipped, 1000).filter(k -> k <= n).distinct().sorted().boxed().toList();
  }
}
