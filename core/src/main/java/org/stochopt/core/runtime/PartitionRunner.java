package org.stochopt.core.runtime;

import java.io.Serializable;
import java.util.List;

/**
 * P blocks held where they live, and the few ways a driver uses them. This is the only thing a
 * backend implements: {@link LocalPartitionRunner} (this JVM, partitions spread over threads) and
 * the Spark runner (one cached RDD partition per block, one Spark job per call). Everything above
 * it — gradient oracles, particle ensembles, feature shards — is written once, as tasks.
 *
 * <p>Every call returns results indexed by partition and every fold runs in partition order, so a
 * computation gives the same bits on both backends and after a lost task is re-run.
 *
 * @param <B> the block type (a row block, a particle block, a feature shard, …)
 */
public interface PartitionRunner<B> extends AutoCloseable {
  /** P, the number of partitions (some may hold no block on Spark). */
  int partitions();

  /**
   * True when tasks run in the driver's JVM: there is no communication, and callers count a whole
   * call as compute time.
   */
  boolean inProcess();

  /**
   * {@code task(p, block_p)} for every partition, results in partition order.
   *
   * @param large whether each partition has enough work to pay for a hand-off to another thread
   *     (in-process; full passes and local rounds yes, small minibatches no). Never changes results.
   */
  <R> Round<R> map(PartitionTask<B, R> task, boolean large);

  /** {@code task(p, block_p, args.get(p))} for every partition; each task receives only its own argument. */
  <A extends Serializable, R> Round<R> mapWithArgs(List<A> args, ArgTask<B, A, R> task);

  /**
   * The left fold, in partition order, of every partition's task result, from {@code zero}.
   * Backends may reduce through a tree when so configured (Spark's {@code treeAggregate} for very
   * many partitions or very long vectors), which gives up bit-reproducibility for scale.
   */
  default <R> R aggregate(PartitionTask<B, R> task, Zero<R> zero, Merge<R> merge, boolean large) {
    return map(task, large).fold(zero.get(), merge);
  }

  /**
   * Replaces every block b_p by {@code step(p, b_p)} (blocks are values: the old block is dropped,
   * never mutated, so a re-run task recomputes the same new block), then returns
   * {@code after(p, new b_p)} in the same pass — or all nulls when {@code after} is null.
   */
  <R> Round<R> update(PartitionTask<B, B> step, PartitionTask<B, R> after);

  /**
   * A keyed exchange between partitions (the shuffle the driver never sees): every partition p
   * computes {@code send(p, b_p)}, a list of P messages (entry q addressed to partition q, null for
   * none); then every partition q replaces its block by {@code receive(q, b_q, inbox_q)}, where
   * inbox_q holds the messages addressed to q indexed by sender; then returns {@code after(q, new
   * b_q)} (or all nulls when {@code after} is null). Messages go from partition to partition — in
   * this JVM a hand-off between threads, on Spark a shuffle with an identity partitioner joined
   * with the cached blocks — so the driver only sees what {@code after} returns. Blocks are values,
   * as in {@link #update}: {@code send} must not change its block.
   *
   * <p>With {@code after} null a backend may defer the exchange into the next call (Spark does:
   * two exchanges in a row become one job), so whatever its tasks read must stay alive until the
   * next call has returned, and a failing task may surface there.
   *
   * <p>Round timing: {@code slowestTaskNanos} is the slowest send plus the slowest receive and
   * {@code after} in this JVM; on Spark the slowest {@code after} (the sends and receives run in
   * stages that report no result).
   */
  <M extends Serializable, R> Round<R> exchange(PartitionTask<B, List<M>> send, ReceiveTask<B, M, B> receive,
      PartitionTask<B, R> after);

  /**
   * A second runner whose block p is {@code make(p, b_p)}, made and kept where b_p lives (an executor's
   * cache, or this JVM), with the same threads or reduction; this runner keeps its own blocks. For a
   * method that keeps state next to the rows from round to round (CoCoA+'s dual variables): the new
   * blocks reference the rows, they do not copy them. Close the new runner when done.
   */
  <C> PartitionRunner<C> derive(PartitionTask<B, C> make);

  /**
   * A value the next call's tasks read (an iterate, a local-work object): carried inside the task
   * when at most {@code bytes} is small, broadcast otherwise. Release it after the call.
   */
  <V extends Serializable> Shipped<V> ship(V value, long bytes);

  /** Largest value, in bytes, that {@link #ship} carries inside the task rather than broadcasting. */
  default long inlineLimitBytes() {
    return Long.MAX_VALUE;
  }

  /** A value many calls read (the data matrix of a particle model): broadcast once, kept until released. */
  <V extends Serializable> Shipped<V> share(V value);

  /** The blocks, copied to the driver in partition order (tests, snapshots of small models). */
  List<B> collect();

  /** Drops the cached blocks. */
  @Override
  void close();
}
