package org.stochopt.core.embed;

import java.util.ArrayList;
import java.util.List;
import org.stochopt.core.oracle.OracleStats;
import org.stochopt.core.runtime.BlockSource;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.core.runtime.Round;
import org.stochopt.core.runtime.Shipped;

/**
 * Riemannian SGD for an embedding, written once as tasks over a {@link PartitionRunner} of
 * {@link TupleBlock}s (in this JVM or a cached RDD), so every backend gives the same bits.
 *
 * <p><b>One step t</b> (see {@link Aggregation} for the three layouts). Partition p draws
 * count_p examples (count_p = ⌊b·C_{p+1}/m⌋ − ⌊b·C_p/m⌋, C the cumulative block sizes) with their
 * negatives from the stream (seed, t, p), computes the loss and the Euclidean gradient of the
 * rows they touch, as a sparse {@link RowSet}. The P sets are summed in partition order — on the
 * driver, or, sharded, by each row's owner shard after a {@link PartitionRunner#exchange} — and
 * the Riemannian step ({@link Manifold#step}, then the radius bound) runs on each touched row where
 * the row lives.
 */
public final class PartitionedEmbedding implements AutoCloseable {
  private final PartitionRunner<TupleBlock> runner;
  private final Shipped<EmbeddingObjective> objective;
  private final Manifold manifold;
  private final EmbeddingSettings settings;
  private final Aggregation aggregation;
  private final int nodes;
  private final int width;
  private final int[] counts;
  private final long examples;
  private OracleStats spent = OracleStats.ZERO;
  private Shipped<ShardedEvaluation.Plan> sharedPlan;
  public PartitionedEmbedding(PartitionRunner<TupleBlock> runner, EmbeddingObjective objective, Manifold manifold,
      int nodes, EmbeddingSettings settings, Aggregation aggregation) {
    this.runner = runner;
    this.objective = runner.share(objective);
    this.manifold = manifold;
    this.settings = settings;
    this.aggregation = aggregation;
    this.nodes = nodes;
    this.width = manifold.ambientDim(settings.dim());
    List<Integer> sizes = runner.map((p, b) -> b.size(), false).results();
    long[] cumulative = new long[sizes.size() + 1];
    for (int p = 0; p < sizes.size(); p++) cumulative[p + 1] = cumulative[p] + (sizes.get(p) == null ? 0 : sizes.get(p));
    this.examples = cumulative[sizes.size()];
    if (examples == 0) throw new IllegalArgumentException("no training examples: the graph has no edges to train on");
    counts = new int[sizes.size()];
    for (int p = 0; p < counts.length; p++) {
      counts[p] = (int) (settings.batch() * cumulative[p + 1] / examples - settings.batch() * cumulative[p] / examples);
    }
  }

  /**
   * Partition p's initial block: examples [⌊pM/P⌋, ⌊(p+1)M/P⌋) of {@code tuples} (shuffled by the
   * caller), and its row shard when sharded.
   */
  public static BlockSource<TupleBlock> source(int[] tuples, int arity, int partitions, boolean sharded, Manifold m,
      int nodes, EmbeddingSettings s) {
    return source(() -> tuples, arity, partitions, sharded, m, nodes, s);
  }

  /**
   * The same, reading the examples through a handle (on Spark a broadcast: a source that captured
   * the array itself would ride in the task binary of every later job, since each RDD's lineage
   * starts at the generated blocks).
   */
  public static BlockSource<TupleBlock> source(Tuples all, int arity, int partitions, boolean sharded, Manifold m,
      int nodes, EmbeddingSettings s) {
    return source(all, arity, partitions, sharded, m, nodes, s, null);
  }

  /** The same, the shards read from {@code saved} (a checkpoint) instead of initialised, when given. */
  public static BlockSource<TupleBlock> source(Tuples all, int arity, int partitions, boolean sharded, Manifold m,
      int nodes, EmbeddingSettings s, EmbeddingCheckpoint.RowShardSource saved) {
    int width = m.ambientDim(s.dim());
    return p -> {
      int[] tuples = all.get();
      long total = tuples.length / arity;
      int from = (int) (total * p / partitions), to = (int) (total * (p + 1) / partitions);
      int[] mine = java.util.Arrays.copyOfRange(tuples, from * arity, to * arity);
      RowShard shard = !sharded ? null : saved != null ? saved.load(p) : RowShard.initial(p, partitions, nodes, m, width, s.seed(), s.initScale());
      return new TupleBlock(arity, mine, shard);
    };
  }

  /** The training examples, where a block source reads them from. */
  @FunctionalInterface
  public interface Tuples extends java.io.Serializable {
    int[] get();
  }

  public int width() {
    return width;
  }

  public long examples() {
    return examples;
  }

  public Aggregation aggregation() {
    return aggregation;
  }

  /** Rounds, examples (component gradients) and time spent by steps so far. */
  public OracleStats spent() {
    return spent;
  }

  /** Step 0's state: rows drawn from (seed, node); the rows of the first minibatch fetched. */
  public EmbeddingState init() {
    EmbeddingState st = new EmbeddingState();
    if (aggregation != Aggregation.SHARDED) {
      st.table = EmbeddingInit.table(manifold, settings.seed(), nodes, width, settings.initScale());
    }
    if (aggregation == Aggregation.DENSE) return st;
    if (aggregation == Aggregation.SHARDED) {
      shardedExchanges(st, 0, false);
      return st;
    }
    Shipped<EmbeddingObjective> obj = objective;
    long seed = settings.seed();
    int[] c = counts;
    List<int[]> ids = runner.map((p, b) -> b.batchIds(obj.value(), seed, 0, p, c[p]), false).results();
    st.pending = gather(st.table, ids);
    return st;
  }

  /**
   * A saved state continued: as saved when the driver holds the table (the state carries the
   * table and the rows of the next minibatch); when sharded, the blocks were made from the saved
   * shards and the rows of step t's minibatch are fetched from them again (the same bits the
   * interrupted run had received, since they are the same rows).
   */
  public EmbeddingState resume(EmbeddingState saved) {
    if (aggregation == Aggregation.SHARDED) shardedExchanges(saved, 0, false);
    return saved;
  }

  private List<RowSet> gather(double[] table, List<int[]> ids) {
    List<RowSet> out = new ArrayList<>(ids.size());
    for (int[] x : ids) out.add(RowSet.gather(table, x == null ? new int[0] : x, width));
    return out;
  }

  /** One Riemannian SGD step. */
  public void step(EmbeddingState st) {
    double lr = settings.rate(st.step);
    if (aggregation == Aggregation.DENSE) {
      denseStep(st, lr);
    } else if (aggregation == Aggregation.SHARDED) {
      shardedExchanges(st, lr, true);
    } else {
      sparseStep(st, lr);
    }
    st.step++;
  }

  private void sparseStep(EmbeddingState st, double lr) {
    Shipped<EmbeddingObjective> obj = objective;
    Manifold m = manifold;
    long seed = settings.seed(), t = st.step;
    int[] c = counts;
    long t0 = System.nanoTime();
    Round<TupleBlock.Part> round;
    if (runner.inProcess()) {
      // Same tasks, same bits; map(large) spreads the partitions over threads, which the
      // in-process mapWithArgs does not (nothing travels in this JVM, so nothing is saved by it).
      List<RowSet> rowsOf = st.pending;
      round = runner.map((p, b) -> b.gradient(obj.value(), m, rowsOf.get(p), seed, t, p, c[p]), true);
    } else {
      round = runner.mapWithArgs(st.pending, (p, b, rows) -> b.gradient(obj.value(), m, rows, seed, t, p, c[p]));
    }
    List<RowSet> grads = new ArrayList<>();
    List<int[]> next = new ArrayList<>();
    for (TupleBlock.Part part : round.results()) {
      if (part == null) {
        next.add(null);
        continue;
      }
      st.lossSum += part.loss();
      st.lossExamples += part.examples();
      grads.add(part.grads());
      next.add(part.nextIds());
    }
    RowSet sum = RowSet.sum(grads, width);
    long compute = round.slowestTaskNanos();
    int[] ids = sum.ids();
    for (int k = 0; k < ids.length; k++) {
      EmbeddingStep.apply(m, st.table, ids[k] * width, sum.values(), k * width, width, lr, settings.radiusBound());
    }
    st.pending = gather(st.table, next);
    spent = spent.plusRound(settings.batch(), System.nanoTime() - t0, compute);
  }

  /**
   * A sharded step as two exchanges between partitions (the driver sees only the losses): (1)
   * every partition computes step t's gradient from the rows it received and sends each owner
   * shard the gradients of its rows, with the ids of those rows its next minibatch needs; each
   * owner sums what it received in sender order and applies the Riemannian step to its rows;
   * (2) each owner sends every partition the updated rows it asked for. With {@code gradient}
   * false only the rows of step t's minibatch are fetched (before the first step).
   *
   * <p>A step counts two rounds (the two exchanges), as the driver-routed form it replaced did.
   */
  private void shardedExchanges(EmbeddingState st, double lr, boolean gradient) {
    Shipped<EmbeddingObjective> obj = objective;
    Manifold m = manifold;
    long seed = settings.seed(), t = st.step;
    int[] c = counts;
    int parts = counts.length;
    double bound = settings.radiusBound();
    long t0 = System.nanoTime();
    Round<Object> applied = runner.exchange((p, b) -> b.sendGradients(obj.value(), m, seed, t, p, c[p], parts, gradient),
        (q, b, inbox) -> b.applyGradients(q, inbox, m, lr, bound), null);
    long t1 = System.nanoTime();
    Round<double[]> fetched = runner.exchange((q, b) -> b.sendRows(), (p, b, inbox) -> b.receiveRows(inbox), (p, b) -> b.lastLoss());
    if (!gradient) return; // the fetch before a first (or resumed) step: not a step's cost
    for (double[] l : fetched.results()) {
      if (l == null) continue;
      st.lossSum += l[0];
      st.lossExamples += (long) l[1];
    }
    spent = spent.plusRound(settings.batch(), t1 - t0, applied.slowestTaskNanos())
        .plusRound(0, System.nanoTime() - t1, fetched.slowestTaskNanos());
  }

  private void denseStep(EmbeddingState st, double lr) {
    Shipped<EmbeddingObjective> obj = objective;
    Manifold m = manifold;
    long seed = settings.seed(), t = st.step;
    int[] c = counts;
    int w = width;
    long t0 = System.nanoTime();
    Shipped<double[]> table = runner.ship(st.table, 8L * st.table.length);
    Round<TupleBlock.DensePart> round = runner.map((p, b) -> b.denseGradient(obj.value(), m, table.value(), w, seed, t, p, c[p]), true);
    table.release();
    double[] sum = new double[st.table.length];
    for (TupleBlock.DensePart part : round.results()) {
      if (part == null) continue;
      st.lossSum += part.loss();
      st.lossExamples += part.examples();
      double[] g = part.grads();
      for (int i = 0; i < sum.length; i++) sum[i] += g[i];
    }
    for (int i = 0; i < nodes; i++) EmbeddingStep.apply(m, st.table, i * w, sum, i * w, w, lr, settings.radiusBound());
    spent = spent.plusRound(settings.batch(), System.nanoTime() - t0, round.slowestTaskNanos());
  }

  /**
   * The current n × width table; when sharded, collected from every shard into the driver — for
   * tests and small tables only (training, evaluation and output never call it then: see
   * {@link #evaluateSharded} and {@link #forEachShard}).
   */
  public double[] table(EmbeddingState st) {
    if (st.table != null) return st.table;
    double[] t = new double[nodes * width];
    for (RowShard s : runner.map((p, b) -> b.shard(), true).results()) if (s != null) s.copyInto(t);
    return t;
  }

  /**
   * Hands the shards to {@code sink} one at a time, in partition order (one call per shard, so
   * the driver holds at most one shard, ≈ table / P): how a sharded table is written out.
   */
  public void forEachShard(java.util.function.Consumer<RowShard> sink) {
    if (aggregation != Aggregation.SHARDED) throw new IllegalStateException("the table is not sharded");
    for (int p = 0; p < counts.length; p++) {
      int wanted = p;
      RowShard s = runner.map((q, b) -> q == wanted ? b.shard() : null, false).results().get(p);
      if (s != null) sink.accept(s);
    }
  }

  /** The metrics of the sharded table, computed where the rows live ({@link ShardedEvaluation}). */
  public EmbeddingMetrics.Summary evaluateSharded(ShardedEvaluation.Plan plan) {
    if (aggregation != Aggregation.SHARDED) throw new IllegalStateException("the table is not sharded");
    if (sharedPlan == null || sharedPlan.value() != plan) {
      if (sharedPlan != null) sharedPlan.release();
      sharedPlan = runner.share(plan); // the graph's data: shared once per run, not per evaluation
    }
    return ShardedEvaluation.run(runner, sharedPlan, manifold, nodes);
  }

  @Override
  public void close() {
    if (sharedPlan != null) sharedPlan.release();
    objective.release();
    runner.close();
  }
}
