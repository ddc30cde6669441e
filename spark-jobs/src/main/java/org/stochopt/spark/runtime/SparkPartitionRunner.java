package org.stochopt.spark.runtime;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.stochopt.core.runtime.ArgTask;
import org.stochopt.core.runtime.BlockSource;
import org.stochopt.core.runtime.Merge;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.core.runtime.PartitionTask;
import org.stochopt.core.runtime.ReceiveTask;
import org.stochopt.core.runtime.Round;
import org.stochopt.core.runtime.Shipped;
import org.stochopt.core.runtime.Zero;
import scala.Tuple2;

/**
 * The Spark backend of {@link PartitionRunner}: a cached RDD with one block per partition
 * (partition p may hold none: its results are {@code null}). Each call is one Spark job through
 * {@link PartitionJob} (no per-call closure cleaning), whose P results come back in partition
 * order whatever order the tasks finished in — and so merge exactly as in-process.
 *
 * <p><b>Shipping.</b> Values up to {@link #CLOSURE_LIMIT_BYTES} ride inside the task (at most
 * 256 KB per task, below Spark's large-task warning); larger ones are broadcast for the call and
 * destroyed by {@link Shipped#release()}. A per-round broadcast costs a block-manager put and a
 * removal, measurable when a local round is a few ms.
 *
 * <p><b>Reduction.</b> With {@code treeDepth} 1 every partition's result comes to the driver and
 * is folded in partition order (bit-reproducible, also after a lost task is re-run); with 2,
 * {@link #aggregate} uses Spark's {@code treeAggregate}, which scales to many partitions and long
 * vectors but folds in arrival order at the driver.
 *
 * <p><b>Updates.</b> Blocks are values: {@link #update} maps the cached RDD to a new one, persists
 * it before its first action, materializes it with the {@code after} task, and only then
 * unpersists the old one. Every {@code checkpointEvery} updates the new RDD is
 * {@code localCheckpoint()}ed so that a long run's lineage (one map per step) stays short.
 */
public final class SparkPartitionRunner<B> implements PartitionRunner<B> {
  /** Largest value (in bytes) shipped inside the task rather than broadcast: 32 768 doubles. */
  public static final long CLOSURE_LIMIT_BYTES = 8L << 15;

  private final JavaSparkContext sc;
  private final int partitions;
  private final int treeDepth;
  private final int checkpointEvery;
  private JavaRDD<B> blocks;
  /** Whether {@link #close} unpersists {@link #blocks} (false for data cached by someone else). */
  private boolean owned;
  private int sinceCheckpoint;
  /**
   * Blocks replaced by a deferred exchange: still the input of the new (not yet computed) blocks,
   * so they are dropped only after the next job has materialized those.
   */
  private final List<JavaRDD<B>> stale = new ArrayList<>();

  private SparkPartitionRunner(JavaSparkContext sc, JavaRDD<B> blocks, boolean owned, int treeDepth, int checkpointEvery) {
    if (treeDepth < 1 || treeDepth > 2) throw new IllegalArgumentException("tree depth must be 1 or 2, got " + treeDepth);
    if (checkpointEvery < 1) throw new IllegalArgumentException("checkpoint interval must be positive, got " + checkpointEvery);
    this.sc = sc;
    this.blocks = blocks;
    this.partitions = blocks.getNumPartitions();
    this.owned = owned;
    this.treeDepth = treeDepth;
    this.checkpointEvery = checkpointEvery;
  }

  /** Blocks cached by the caller (who keeps ownership: {@link #close} leaves them cached). */
  public static <B> SparkPartitionRunner<B> over(JavaSparkContext sc, JavaRDD<B> cached, int treeDepth) {
    return new SparkPartitionRunner<>(sc, cached, false, treeDepth, Integer.MAX_VALUE);
  }

  /** Blocks this runner owns: already persisted and materialized; {@link #close} unpersists them. */
  public static <B> SparkPartitionRunner<B> owning(JavaSparkContext sc, JavaRDD<B> cached) {
    return new SparkPartitionRunner<>(sc, cached, true, 1, Integer.MAX_VALUE);
  }

  /**
   * P blocks made on the executors by {@code source} (one per partition), persisted and
   * materialized before the first call.
   */
  public static <B> SparkPartitionRunner<B> generate(JavaSparkContext sc, int partitions, BlockSource<B> source,
      int checkpointEvery) {
    if (partitions < 1) throw new IllegalArgumentException("partitions must be positive, got " + partitions);
    List<Integer> ids = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) ids.add(p);
    JavaRDD<B> rdd = sc.parallelize(ids, partitions).map(source::create);
    rdd.persist(StorageLevel.MEMORY_AND_DISK());
    rdd.count();
    return new SparkPartitionRunner<>(sc, rdd, true, 1, checkpointEvery);
  }

  /** The cached RDD (one block per partition). */
  public JavaRDD<B> rdd() {
    return blocks;
  }

  @Override
  public int partitions() {
    return partitions;
  }

  @Override
  public boolean inProcess() {
    return false;
  }

  @Override
  public long inlineLimitBytes() {
    return CLOSURE_LIMIT_BYTES;
  }

  @Override
  public <R> Round<R> map(PartitionTask<B, R> task, boolean large) {
    Round<R> round = run(blocks, task);
    dropStale();
    return round;
  }

  private static <B, R> Round<R> run(JavaRDD<B> rdd, PartitionTask<B, R> task) {
    @SuppressWarnings("unchecked")
    List<Timed<R>> parts = PartitionJob.run(rdd, it -> Timed.of(it, task), (Class<Timed<R>>) (Class<?>) Timed.class);
    return Timed.round(parts);
  }

  @Override
  public <A extends Serializable, R> Round<R> mapWithArgs(List<A> args, ArgTask<B, A, R> task) {
    if (args.size() != partitions) throw new IllegalArgumentException("expected " + partitions + " partition arguments, got " + args.size());
    // parallelize slices P elements into P partitions of one element each, in order: task p receives only args[p].
    List<Timed<R>> parts = sc.parallelize(args, partitions)
        .zipPartitions(blocks, (argIt, blockIt) -> {
          A arg = argIt.next();
          return Collections.singletonList(Timed.of(blockIt, (p, b) -> task.apply(p, b, arg))).iterator();
        })
        .collect();
    dropStale();
    return Timed.round(parts);
  }

  @Override
  public <R> R aggregate(PartitionTask<B, R> task, Zero<R> zero, Merge<R> merge, boolean large) {
    if (treeDepth == 1) return map(task, large).fold(zero.get(), merge);
    R total = blocks.treeAggregate(zero.get(), (acc, block) -> {
      R r = task.apply(TaskContext.getPartitionId(), block);
      return r == null ? acc : merge.apply(acc, r);
    }, merge::apply, treeDepth);
    dropStale();
    return total;
  }

  @Override
  public <R> Round<R> update(PartitionTask<B, B> step, PartitionTask<B, R> after) {
    JavaRDD<B> next = blocks.mapPartitionsWithIndex(
        (p, it) -> it.hasNext() ? Collections.singletonList(step.apply(p, it.next())).iterator() : Collections.emptyIterator(),
        true);
    return replace(next, after);
  }

  /**
   * The shuffle: the messages of every send, keyed by their addressee q, are partitioned with a
   * hash partitioner (for the keys 0..P−1 it is the identity: key q lands in partition q) and
   * zipped with the cached blocks, partition q with partition q; the inbox is rebuilt by sender.
   */
  @Override
  public <M extends Serializable, R> Round<R> exchange(PartitionTask<B, List<M>> send, ReceiveTask<B, M, B> receive,
      PartitionTask<B, R> after) {
    int parts = partitions; // a local: the closures must not capture this runner
    JavaPairRDD<Integer, Tuple2<Integer, M>> messages = blocks.mapPartitionsWithIndex((p, it) -> {
      List<Tuple2<Integer, Tuple2<Integer, M>>> out = new ArrayList<>();
      if (!it.hasNext()) return out.iterator();
      List<M> sent = send.apply(p, it.next());
      if (sent == null) return out.iterator();
      if (sent.size() != parts) throw new IllegalStateException("partition " + p + " addressed " + sent.size() + " partitions, expected " + parts);
      for (int q = 0; q < parts; q++) if (sent.get(q) != null) out.add(new Tuple2<>(q, new Tuple2<>(p, sent.get(q))));
      return out.iterator();
    }, true).mapToPair(t -> t).partitionBy(new HashPartitioner(parts));
    JavaRDD<B> next = blocks.zipPartitions(messages, (blockIt, messageIt) -> {
      if (!blockIt.hasNext()) return Collections.emptyIterator();
      List<M> inbox = new ArrayList<>(Collections.nCopies(parts, (M) null));
      while (messageIt.hasNext()) {
        Tuple2<Integer, Tuple2<Integer, M>> m = messageIt.next();
        inbox.set(m._2()._1(), m._2()._2());
      }
      return Collections.singletonList(receive.apply(TaskContext.getPartitionId(), blockIt.next(), inbox)).iterator();
    });
    if (after != null) return replace(next, after);
    // Deferred: the next call's job computes these blocks on its way (two exchanges in a row are
    // one job of three stages instead of two jobs of two); the old blocks stay cached until then.
    next.persist(StorageLevel.MEMORY_AND_DISK());
    markCheckpoint(next);
    if (owned) stale.add(blocks);
    blocks = next;
    owned = true;
    return new Round<>(Collections.nCopies(partitions, null), 0L);
  }

  private void dropStale() {
    for (JavaRDD<B> old : stale) old.unpersist(false);
    stale.clear();
  }

  private void markCheckpoint(JavaRDD<B> next) {
    if (++sinceCheckpoint >= checkpointEvery) {
      next.rdd().localCheckpoint();
      sinceCheckpoint = 0;
    }
  }

  /** Persists the new blocks, materializes them with {@code after}, then drops the old ones. */
  private <R> Round<R> replace(JavaRDD<B> next, PartitionTask<B, R> after) {
    next.persist(StorageLevel.MEMORY_AND_DISK());
    markCheckpoint(next);
    Round<R> round;
    if (after != null) {
      round = run(next, after); // materializes (and caches) next
    } else {
      next.count();
      round = new Round<>(Collections.nCopies(partitions, null), 0L);
    }
    if (owned) blocks.unpersist(false);
    dropStale();
    blocks = next;
    owned = true;
    return round;
  }

  /**
   * Updates of a derived runner between local checkpoints: every update. Its blocks change every
   * round (CoCoA+) with a step that reads a per-round broadcast, released after the round; a task of
   * the next round serializes the whole uncheckpointed lineage, so an older round's step (and its
   * destroyed broadcast) must not be in it.
   */
  static final int DERIVED_CHECKPOINT_EVERY = 1;

  @Override
  public <C> PartitionRunner<C> derive(PartitionTask<B, C> make) {
    JavaRDD<C> next = blocks.mapPartitionsWithIndex(
        (p, it) -> it.hasNext() ? Collections.singletonList(make.apply(p, it.next())).iterator() : Collections.emptyIterator(),
        true);
    next.persist(StorageLevel.MEMORY_AND_DISK());
    next.count();
    dropStale();
    return new SparkPartitionRunner<>(sc, next, true, treeDepth, DERIVED_CHECKPOINT_EVERY);
  }

  @Override
  public <V extends Serializable> Shipped<V> ship(V value, long bytes) {
    return bytes <= CLOSURE_LIMIT_BYTES ? Shipped.inline(value) : new Broadcasted<>(sc.broadcast(value));
  }

  @Override
  public <V extends Serializable> Shipped<V> share(V value) {
    return new Broadcasted<>(sc.broadcast(value));
  }

  @Override
  public List<B> collect() {
    List<B> out = blocks.collect();
    dropStale();
    return out;
  }

  @Override
  public void close() {
    if (owned) blocks.unpersist(false);
    dropStale();
  }

  /** A task's result and how long the task computed (the compute part of a round). */
  private static final class Timed<R> implements Serializable {
    private static final long serialVersionUID = 1L;
    final R value;
    final long nanos;

    private Timed(R value, long nanos) {
      this.value = value;
      this.nanos = nanos;
    }

    /** The results in partition order and the slowest task's time. */
    static <R> Round<R> round(List<Timed<R>> parts) {
      List<R> out = new ArrayList<>(parts.size());
      long slowest = 0;
      for (Timed<R> t : parts) {
        out.add(t.value);
        slowest = Math.max(slowest, t.nanos);
      }
      return new Round<>(out, slowest);
    }

    /** Runs the task on the partition's block, if it has one (else a null result). */
    static <B, R> Timed<R> of(Iterator<B> it, PartitionTask<B, R> task) {
      if (!it.hasNext()) return new Timed<>(null, 0L);
      long t0 = System.nanoTime();
      R r = task.apply(TaskContext.getPartitionId(), it.next());
      return new Timed<>(r, System.nanoTime() - t0);
    }
  }

  /** A broadcast owned by this handle: {@link #release()} destroys it. */
  private static final class Broadcasted<V> implements Shipped<V> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<V> b;

    Broadcasted(Broadcast<V> b) {
      this.b = b;
    }

    @Override
    public V value() {
      return b.value();
    }

    @Override
    public void release() {
      b.destroy();
    }
  }
}
