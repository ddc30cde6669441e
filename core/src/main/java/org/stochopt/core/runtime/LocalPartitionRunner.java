package org.stochopt.core.runtime;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The in-process backend: the P blocks in a list in this JVM. A call with {@code large} work
 * spreads the partitions over up to {@code threads} threads (a shared daemon fork/join pool per
 * thread count); small calls stay on the calling thread, where a hand-off would cost more than the
 * work. Each partition's result lands in its own slot and folds run in partition order, so results
 * are bit-identical for every thread count. Nothing is copied or serialized: {@link #ship} and
 * {@link #share} hand the value itself to the tasks, which run while the caller waits.
 */
public final class LocalPartitionRunner<B> implements PartitionRunner<B> {
  /** Environment variable that sets the default thread count (default: the available processors). */
  public static final String THREADS_ENV = "STOCHOPT_THREADS";

  private final List<B> blocks;
  private final int threads;

  /** With {@link #defaultThreads()} threads. */
  public LocalPartitionRunner(List<B> blocks) {
    this(blocks, defaultThreads());
  }

  /** @param threads most partitions processed at once (1 = all on the calling thread); results do not depend on it */
  public LocalPartitionRunner(List<B> blocks, int threads) {
    if (threads <= 0) throw new IllegalArgumentException("threads must be positive, got " + threads);
    if (blocks.isEmpty()) throw new IllegalArgumentException("no partitions");
    this.blocks = new ArrayList<>(blocks);
    this.threads = Math.min(threads, blocks.size());
  }

  /** Partitions 0..P−1 made by {@code source}, in parallel (each block is a pure function of p). */
  public static <B> LocalPartitionRunner<B> generate(int partitions, BlockSource<B> source, int threads) {
    if (partitions < 1) throw new IllegalArgumentException("partitions must be positive, got " + partitions);
    List<B> made = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) made.add(null);
    LocalPartitionRunner<B> runner = new LocalPartitionRunner<>(made, threads);
    runner.forEach(true, p -> runner.blocks.set(p, source.create(p)));
    return runner;
  }

  /** {@value #THREADS_ENV} if set to a positive integer, else the available processors. */
  public static int defaultThreads() {
    String env = System.getenv(THREADS_ENV);
    if (env != null && !env.isBlank()) {
      try {
        int t = Integer.parseInt(env.strip());
        if (t > 0) return t;
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
      throw new IllegalArgumentException(THREADS_ENV + " must be a positive integer, got '" + env + "'");
    }
    return Runtime.getRuntime().availableProcessors();
  }

  public int threads() {
    return threads;
  }

  /** The blocks themselves (no copy): in-process callers may read them directly. */
  public List<B> blocks() {
    return java.util.Collections.unmodifiableList(blocks);
  }

  @Override
  public int partitions() {
    return blocks.size();
  }

  @Override
  public boolean inProcess() {
    return true;
  }

  @Override
  public <R> Round<R> map(PartitionTask<B, R> task, boolean large) {
    List<R> out = slots();
    long[] nanos = new long[blocks.size()];
    forEach(large, p -> {
      long t0 = System.nanoTime();
      out.set(p, task.apply(p, blocks.get(p)));
      nanos[p] = System.nanoTime() - t0;
    });
    return new Round<>(out, max(nanos));
  }

  @Override
  public <A extends Serializable, R> Round<R> mapWithArgs(List<A> args, ArgTask<B, A, R> task) {
    checkArgs(args.size());
    return map((p, block) -> task.apply(p, block, args.get(p)), false);
  }

  @Override
  public <R> Round<R> update(PartitionTask<B, B> step, PartitionTask<B, R> after) {
    List<R> out = slots();
    long[] nanos = new long[blocks.size()];
    forEach(true, p -> {
      long t0 = System.nanoTime();
      B next = step.apply(p, blocks.get(p));
      blocks.set(p, next);
      if (after != null) out.set(p, after.apply(p, next));
      nanos[p] = System.nanoTime() - t0;
    });
    return new Round<>(out, max(nanos));
  }

  @Override
  public <M extends Serializable, R> Round<R> exchange(PartitionTask<B, List<M>> send, ReceiveTask<B, M, B> receive,
      PartitionTask<B, R> after) {
    int parts = blocks.size();
    List<List<M>> sent = slots();
    long[] sendNanos = new long[parts];
    forEach(true, p -> {
      long t0 = System.nanoTime();
      List<M> out = send.apply(p, blocks.get(p));
      if (out != null && out.size() != parts) {
        throw new IllegalStateException("partition " + p + " addressed " + out.size() + " partitions, expected " + parts);
      }
      sent.set(p, out);
      sendNanos[p] = System.nanoTime() - t0;
    });
    // Every send has finished before any receive starts: a receive may replace its block while
    // another partition's send would otherwise still read it.
    List<R> out = slots();
    long[] nanos = new long[parts];
    forEach(true, q -> {
      long t0 = System.nanoTime();
      List<M> inbox = new ArrayList<>(parts);
      for (int p = 0; p < parts; p++) inbox.add(sent.get(p) == null ? null : sent.get(p).get(q));
      B next = receive.apply(q, blocks.get(q), inbox);
      blocks.set(q, next);
      if (after != null) out.set(q, after.apply(q, next));
      nanos[q] = System.nanoTime() - t0;
    });
    return new Round<>(out, max(sendNanos) + max(nanos));
  }

  @Override
  public <C> PartitionRunner<C> derive(PartitionTask<B, C> make) {
    List<C> made = new ArrayList<>(blocks.size());
    for (int p = 0; p < blocks.size(); p++) made.add(null);
    forEach(true, p -> made.set(p, make.apply(p, blocks.get(p))));
    return new LocalPartitionRunner<>(made, threads);
  }

  @Override
  public <V extends Serializable> Shipped<V> ship(V value, long bytes) {
    return Shipped.inline(value);
  }

  @Override
  public <V extends Serializable> Shipped<V> share(V value) {
    return Shipped.inline(value);
  }

  @Override
  public List<B> collect() {
    return List.copyOf(blocks);
  }

  @Override
  public void close() {}

  void checkArgs(int given) {
    if (given != blocks.size()) throw new IllegalArgumentException("expected " + blocks.size() + " partition arguments, got " + given);
  }

  private <R> List<R> slots() {
    List<R> out = new ArrayList<>(blocks.size());
    for (int p = 0; p < blocks.size(); p++) out.add(null);
    return out;
  }

  private static long max(long[] values) {
    long m = 0;
    for (long v : values) m = Math.max(m, v);
    return m;
  }

  private void forEach(boolean large, IntConsumer body) {
    if (threads == 1 || !large) {
      for (int p = 0; p < blocks.size(); p++) body.accept(p);
      return;
    }
    pool(threads).submit(() -> IntStream.range(0, blocks.size()).parallel().forEach(body)).join();
  }

  private static final ConcurrentHashMap<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

  /** One daemon pool per thread count, shared by every runner of the process (no lifecycle to manage). */
  private static ForkJoinPool pool(int threads) {
    return POOLS.computeIfAbsent(threads, t -> new ForkJoinPool(t, pool -> {
      ForkJoinWorkerThread w = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
      w.setDaemon(true);
      w.setName("stochopt-partition-" + w.getPoolIndex());
      return w;
    }, null, false));
  }
}
