package org.stochopt.spark.embed;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.stochopt.core.embed.Adjacency;
import org.stochopt.core.embed.Aggregation;
import org.stochopt.core.embed.EmbeddingCheckpoint;
import org.stochopt.core.embed.EdgeSplit;
import org.stochopt.core.embed.EmbeddingGraph;
import org.stochopt.core.embed.EmbeddingObjective;
import org.stochopt.core.embed.EmbeddingRecord;
import org.stochopt.core.embed.EmbeddingSettings;
import org.stochopt.core.embed.EmbeddingState;
import org.stochopt.core.embed.EmbeddingTraining;
import org.stochopt.core.embed.LinkObjective;
import org.stochopt.core.embed.Manifold;
import org.stochopt.core.embed.OrdinalComparisons;
import org.stochopt.core.embed.OrdinalObjective;
import org.stochopt.core.embed.PartitionedEmbedding;
import org.stochopt.core.embed.TupleBlock;
import org.stochopt.core.optim.LoopBudget;
import org.stochopt.core.optim.TrainingLoop;
import org.stochopt.core.runtime.BlockSource;
import org.stochopt.core.runtime.LocalPartitionRunner;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.spark.SparkSessions;
import org.stochopt.spark.runtime.SparkPartitionRunner;

/**
 * {@code train --model embedding}: graph (WordNet closure, synthetic tree, edge list) → training
 * examples (closure edges split into train / held-out, or ordinal comparisons) → P blocks
 * (in-process or a cached RDD) → Riemannian SGD under {@link TrainingLoop} → {@code trace.csv},
 * {@code summary.json}, {@code embedding.tsv}, {@code metrics.png}, and {@code disk.png} for d = 2.
 */
public final class EmbeddingTrainJob {
  /** Spark runs cut the lineage of the sharded rows every this many updates. */
  static final int LINEAGE_EVERY = 50;
  /** The damping of the burn-in negatives' unigram distribution (Nickel &amp; Kiela's code: 0.75, as in word2vec). */
  static final double UNIGRAM_POWER = 0.75;
  private final PrintStream log;

  public EmbeddingTrainJob(PrintStream log) {
    this.log = log;
  }

  /** What a run produced; {@code table} is null when it was sharded (it never came to the driver). */
  public record Outcome(TrainingLoop.Result<EmbeddingState, EmbeddingRecord> result, double[] table, Map<String, Object> summary) {}

  /**
   * Checkpoints of a run, in {@code --out}: every {@code everyEpochs} epochs (0 = never), and whether
   * to continue from the saved one ({@link EmbeddingCheckpoint}).
   */
  public record Checkpoints(double everyEpochs, boolean resume) {
    public static final Checkpoints NONE = new Checkpoints(0, false);

    public Checkpoints {
      if (!(everyEpochs >= 0) || Double.isInfinite(everyEpochs)) {
        throw new IllegalArgumentException("--checkpoint-every must be ≥ 0 (0 = never), got " + everyEpochs);
      }
    }
  }

  public Outcome run(EmbeddingConfig c) throws IOException {
    return run(c, Checkpoints.NONE);
  }

  public Outcome run(EmbeddingConfig c, Checkpoints k) throws IOException {
    EmbeddingGraph g = EmbeddingData.load(c.data());
    if (c.inProcess()) return train(c, g, null, k);
    SparkSession spark = SparkSessions.create(c.master(), "stochopt train embedding");
    try {
      return train(c, g, JavaSparkContext.fromSparkContext(spark.sparkContext()), k);
    } finally {
      spark.stop();
    }
  }

  /** Runs on a loaded graph; {@code sc} null means in-process (also the entry point for tests). */
  public Outcome train(EmbeddingConfig c, EmbeddingGraph g, JavaSparkContext sc) throws IOException {
    return train(c, g, sc, Checkpoints.NONE);
  }

  /**
   * What a checkpoint must match to be continued: every setting that shapes the trajectory (not
   * the budget — epochs, seconds — which a resume may raise, and not the master: in-process and
   * Spark runs are the same bits).
   */
  static String runKey(EmbeddingConfig c, int partitions) {
    return String.join(" ", "data=" + c.data(), "task=" + c.task(), "geometry=" + c.geometry(), "score=" + c.score(), "dim=" + c.dim(),
        "loss=" + c.loss(), "negatives=" + c.negatives(), "bias=" + c.bias(), "batch=" + c.batch(), "step=" + c.step(), "burnin=" + c.burnin(),
        "radius-bound=" + c.radiusBound(), "aggregation=" + c.aggregation(), "test-fraction=" + c.testFraction(),
        "train-fraction=" + c.trainFraction(), "comparisons=" + c.comparisons(), "triplets=" + c.triplets(), "margin=" + c.margin(),
        "eval-every-epochs=" + c.evalEvery(), "eval-nodes=" + c.evalNodes(), "seed=" + c.seed(), "partitions=" + partitions,
        "init-scale=" + c.initScale(), "burnin-negatives=" + c.burninNegatives());
  }

  /** Runs on a loaded graph with checkpoints; {@code sc} null means in-process. */
  public Outcome train(EmbeddingConfig c, EmbeddingGraph g, JavaSparkContext sc, Checkpoints k) throws IOException {
    Manifold m = Manifold.parse(c.geometry(), c.score());
    boolean link = c.task().equals("link");
    int n = g.nodes();
    int[] tuples, heldOut = new int[0], seen = new int[0], ordinalTest = new int[0];
    EmbeddingObjective obj;
    if (link) {
      if (g.closureEdges() == 0) throw new IllegalArgumentException(g.name() + ": the graph has no edges");
      EdgeSplit split = EdgeSplit.of(g.closure(), c.testFraction(), c.trainFraction(), c.seed());
      tuples = split.train();
      heldOut = split.testAmongSeen(n);
      seen = split.seenNodes(n);
      if (tuples.length == 0) throw new IllegalArgumentException("no training edges left after the split (raise --train-fraction)");
      long burninSteps = Math.round(c.burnin() * (tuples.length / 2) / c.batch());
      obj = new LinkObjective(LinkObjective.Kind.parse(c.loss()), c.negatives(), c.bias(), n, new Adjacency(tuples),
          c.unigramBurnin() ? LinkObjective.unigram(tuples, n, UNIGRAM_POWER) : null, burninSteps);
    } else {
      tuples = OrdinalComparisons.draw(g, c.comparisons(), c.triplets(), c.seed(), 0);
      ordinalTest = OrdinalComparisons.draw(g, Math.max(100, c.comparisons() / 4), c.triplets(), c.seed(), 1);
      obj = new OrdinalObjective(c.margin());
    }
    long examples = tuples.length / obj.arity();
    long steps = (long) Math.ceil(c.epochs() * examples / c.batch());
    long evalEvery = Math.max(1, Math.round(c.evalEvery() * examples / c.batch()));
    long burnin = Math.round(c.burnin() * examples / c.batch());
    int parts = c.partitions() > 0 ? c.partitions() : sc == null ? 4 : Math.max(4, sc.defaultParallelism());
    Aggregation agg = Aggregation.parse(c.aggregation());
    EmbeddingSettings s = new EmbeddingSettings(c.dim(), c.batch(), c.step(), burnin, c.radiusBound(), c.initScale(), c.seed());
    log.printf(Locale.ROOT, "data %s: %d nodes, %d closure edges; %s: %d training %s, %d held out (scored)%n", g.name(), n, g.closureEdges(),
        c.task(), examples, link ? "edges" : "comparisons", link ? heldOut.length / 2 : ordinalTest.length / 4);
    if (link && c.testFraction() > 0) {
      log.printf(Locale.ROOT, "link prediction scored on the held-out edges between the %d nodes seen in training%n", seen.length);
    }
    log.printf(Locale.ROOT, "rsgd on %s, d=%d, %s; batch %d, lr %g (burn-in %d steps at lr/10), radius bound %s; %d steps, %s, %d partitions, %s%n",
        m.name(), c.dim(), obj.describe(), c.batch(), c.step(), burnin, c.radiusBound() > 0 ? c.radiusBound() : "none", steps,
        agg.name().toLowerCase(Locale.ROOT), parts, sc == null ? "in-process" : "Spark " + sc.master());

    boolean sharded = agg == Aggregation.SHARDED;
    EmbeddingCheckpoint checkpoint = new EmbeddingCheckpoint(c.out());
    String key = runKey(c, parts);
    EmbeddingCheckpoint.Saved saved = k.resume() ? checkpoint.read(key) : null;
    if (saved != null) {
      log.printf(Locale.ROOT, "resuming from %s at step %d (%.2f epochs)%n", c.out().resolve(EmbeddingCheckpoint.FILE),
          saved.position().step(), saved.position().step() * (double) c.batch() / examples);
    } else if (k.everyEpochs() > 0) {
      checkpoint.clear(); // a fresh run: an older run's checkpoint must never be resumed into this one's results
    }
    EmbeddingCheckpoint.RowShardSource savedShards = saved != null && sharded
        ? EmbeddingCheckpoint.shards(c.out(), saved.position().state().step()) : null;
    org.apache.spark.broadcast.Broadcast<int[]> broadcastTuples = null;
    PartitionRunner<TupleBlock> runner;
    if (sc == null) {
      int[] examplesHere = tuples;
      BlockSource<TupleBlock> source = PartitionedEmbedding.source(() -> examplesHere, obj.arity(), parts, sharded, m, n, s, savedShards);
      runner = LocalPartitionRunner.generate(parts, source, LocalPartitionRunner.defaultThreads());
    } else {
      org.apache.spark.broadcast.Broadcast<int[]> bc = sc.broadcast(tuples);
      broadcastTuples = bc;
      runner = SparkPartitionRunner.generate(sc, parts,
          PartitionedEmbedding.source(bc::value, obj.arity(), parts, sharded, m, n, s, savedShards), LINEAGE_EVERY);
    }
    TrainingLoop.Result<EmbeddingState, EmbeddingRecord> result;
    double[] table;
    int width;
    try (PartitionedEmbedding e = new PartitionedEmbedding(runner, obj, m, n, s, agg)) {
      width = e.width();
      EmbeddingTraining training = new EmbeddingTraining(e, m, n, new EmbeddingTraining.Evaluation(link ? g.ancestorLists() : null,
          heldOut, seen, new Adjacency(g.closure()), ordinalTest, c.evalNodes(), 10, c.seed()));
      TrainingLoop loop = new TrainingLoop(new LoopBudget(steps, 0, 0, c.maxSeconds(), 0, 0, evalEvery, false),
          new TrainingLoop.Safety(1e6, "reduce --step"));
      TrainingLoop.Position<EmbeddingState> from = null;
      if (saved != null) {
        from = saved.position();
        e.resume(from.state());
      }
      TrainingLoop.Saver<EmbeddingState> saver = null;
      if (k.everyEpochs() > 0) {
        double perCheckpoint = k.everyEpochs() * examples / c.batch(); // steps between checkpoints
        saver = new TrainingLoop.Saver<>() {
          @Override
          public boolean due(org.stochopt.core.oracle.OracleStats spent, long step) {
            return Math.floor(step / perCheckpoint) > Math.floor((step - 1) / perCheckpoint);
          }

          @Override
          public void save(TrainingLoop.Position<EmbeddingState> position) {
            checkpoint.save(key, position, e);
            log.printf(Locale.ROOT, "  checkpoint at step %d (%.2f epochs)%n", position.step(), position.step() * (double) c.batch() / examples);
          }
        };
      }
      result = loop.run(training, r -> log.println(EmbeddingReport.line(r)), from, saver);
      Files.createDirectories(c.out());
      if (sharded) {
        // Streamed shard by shard: the driver never holds more than one shard (≈ table / P).
        table = null;
        EmbeddingReport.writeShards(g, e, c.out().resolve("embedding.tsv"));
      } else {
        table = e.table(result.state()).clone();
        EmbeddingReport.writeEmbedding(g, table, width, c.out().resolve("embedding.tsv"));
      }
    } finally {
      if (broadcastTuples != null) broadcastTuples.destroy();
    }
    EmbeddingRecord last = result.last();
    log.printf(Locale.ROOT, "%d steps in %.2fs: %.0f examples/s, stop: %s%n", result.steps(), result.seconds(),
        result.steps() * (double) c.batch() / result.seconds(), result.reason());
    Map<String, Object> summary = summary(c, g, m, examples, heldOut.length / 2, parts, agg, sc, result, last);
    if (link && c.testFraction() > 0) summary.put("seen_nodes", seen.length);
    EmbeddingReport.writeTrace(result.trace(), c.out().resolve("trace.csv"));
    org.stochopt.spark.report.RunWriter.writeJson(summary, c.out().resolve("summary.json"));
    String title = g.name() + ", " + m.name() + " d=" + c.dim();
    EmbeddingReport.metricsPlot(result.trace(), title, c.out().resolve("metrics.png"));
    boolean disk = c.dim() == 2 && table != null;
    if (disk) EmbeddingReport.diskPlot(g, m, table, width, title, c.out().resolve("disk.png"));
    if (c.dim() == 2 && table == null) log.println("no disk.png: the table is sharded (draw it with embed-eval --plot from embedding.tsv)");
    log.println("wrote " + c.out().resolve("summary.json") + ", trace.csv, embedding.tsv, metrics.png" + (disk ? ", disk.png" : ""));
    return new Outcome(result, table, summary);
  }

  private static Map<String, Object> summary(EmbeddingConfig c, EmbeddingGraph g, Manifold m, long examples, int heldOut, int parts,
      Aggregation agg, JavaSparkContext sc, TrainingLoop.Result<EmbeddingState, EmbeddingRecord> r, EmbeddingRecord last) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("model", "embedding");
    s.put("task", c.task());
    s.put("data", g.name());
    s.put("nodes", g.nodes());
    s.put("closure_edges", g.closureEdges());
    s.put("training_examples", examples);
    s.put("held_out_edges", heldOut);
    s.put("geometry", m.name());
    s.put("dim", c.dim());
    s.put("loss", c.task().equals("link") ? c.loss() : "hinge");
    s.put("negatives", c.negatives());
    s.put("burnin_negatives", c.burninNegatives());
    s.put("bias", c.bias());
    s.put("batch_size", c.batch());
    s.put("step", c.step());
    s.put("radius_bound", c.radiusBound());
    s.put("aggregation", agg.name().toLowerCase(Locale.ROOT));
    s.put("partitions", parts);
    s.put("master", sc == null ? EmbeddingConfig.IN_PROCESS : sc.master());
    s.put("seed", c.seed());
    s.put("steps", r.steps());
    s.put("epochs", last.epochs());
    s.put("rounds", r.spent().rounds());
    s.put("seconds", r.seconds());
    s.put("examples_per_second", r.steps() * (double) c.batch() / r.seconds());
    s.put("stop_reason", String.valueOf(r.reason()));
    s.put("mean_rank", last.meanRank());
    s.put("map", last.map());
    s.put("link_error", last.linkError());
    s.put("ordinal_accuracy", last.ordinalAccuracy());
    s.put("max_radius", last.maxRadius());
    s.put("mean_radius", last.meanRadius());
    s.put("eval_nodes", c.evalNodes());
    return s;
  }
}
