package org.stochopt.core.embed;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.stochopt.core.rng.Seeds;

/**
 * One partition's training examples (edges or comparisons, {@code arity} ints each), and — when
 * the table is sharded — the embedding rows it owns. A value: updates return new blocks.
 *
 * <p>The minibatch of step t is a pure function of (seed, t, p): {@code count} examples drawn
 * with replacement from this block, each with its negatives, from the stream Seeds.child(seed, t, p).
 */
public final class TupleBlock implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int arity;
  private final int[] tuples;
  private final RowShard shard;
  /** Sharded mode: the rows this partition's next minibatch touches, received from their owners. */
  private final RowSet pending;
  /** Sharded mode, at an owner: the ids (owned here) each partition asked for, indexed by sender. */
  private final int[][] requests;
  /** Sharded mode: this partition's loss and example count of the last step (what the driver sees). */
  private final double loss;
  private final int examples;

  public TupleBlock(int arity, int[] tuples, RowShard shard) {
    this(arity, tuples, shard, null, null, 0, 0);
  }

  private TupleBlock(int arity, int[] tuples, RowShard shard, RowSet pending, int[][] requests, double loss, int examples) {
    this.arity = arity;
    this.tuples = tuples;
    this.shard = shard;
    this.pending = pending;
    this.requests = requests;
    this.loss = loss;
    this.examples = examples;
  }

  public int size() {
    return tuples.length / arity;
  }

  public RowShard shard() {
    return shard;
  }

  public TupleBlock withShard(RowShard s) {
    return new TupleBlock(arity, tuples, s, pending, requests, loss, examples);
  }

  /** Sharded mode: the last step's loss and example count on this partition. */
  public double[] lastLoss() {
    return new double[] {loss, examples};
  }

  /**
   * What partition p sends to owner q in the first exchange of a sharded step: the gradients of
   * the rows q owns, the ids q owns among those p's next minibatch needs, and — to itself only —
   * the loss (so that it stays with p until the driver asks).
   */
  public record ShardMessage(RowSet grads, int[] wanted, double loss, int examples) implements Serializable {}

  /**
   * Sharded step t, send side: step t's gradient from the rows received for it (or, with
   * {@code gradient} false, nothing but the request for step t's rows: the first step), split by
   * owner shard.
   */
  public java.util.List<ShardMessage> sendGradients(EmbeddingObjective obj, Manifold m, long seed, long step, int partition, int count,
      int partitions, boolean gradient) {
    RowSet g = null;
    double l = 0;
    int[] next;
    if (gradient) {
      Part part = gradient(obj, m, pending, seed, step, partition, count);
      g = part.grads();
      l = part.loss();
      next = part.nextIds();
    } else {
      next = batchIds(obj, seed, step, partition, count);
    }
    java.util.List<ShardMessage> out = new java.util.ArrayList<>(partitions);
    for (int q = 0; q < partitions; q++) {
      RowSet mine = g == null ? null : g.ownedBy(q, partitions);
      out.add(new ShardMessage(mine, RowSet.ownedBy(next, q, partitions), q == partition ? l : 0, q == partition && gradient ? count : 0));
    }
    return out;
  }

  /**
   * Sharded step, receive side at owner q: Σ of the senders' gradients in sender order (the same
   * bits as the driver's sum in the sparse layout), the Riemannian step on the owned rows, and the
   * requests kept for the second exchange.
   */
  public TupleBlock applyGradients(int partition, java.util.List<ShardMessage> inbox, Manifold m, double lr, double radiusBound) {
    java.util.List<RowSet> grads = new java.util.ArrayList<>(inbox.size());
    int[][] asked = new int[inbox.size()][];
    boolean any = false;
    for (int p = 0; p < inbox.size(); p++) {
      ShardMessage msg = inbox.get(p);
      grads.add(msg == null ? null : msg.grads());
      any |= msg != null && msg.grads() != null;
      asked[p] = msg == null ? new int[0] : msg.wanted();
    }
    ShardMessage own = inbox.get(partition);
    RowShard next = any ? shard.stepped(RowSet.sum(grads, shard.width()), m, lr, radiusBound) : shard;
    return new TupleBlock(arity, tuples, next, null, asked, own == null ? 0 : own.loss(), own == null ? 0 : own.examples());
  }

  /** Second exchange, send side at an owner: to every partition the (updated) rows it asked for. */
  public java.util.List<RowSet> sendRows() {
    java.util.List<RowSet> out = new java.util.ArrayList<>(requests.length);
    for (int[] ids : requests) out.add(ids.length == 0 ? null : shard.rowsOf(ids));
    return out;
  }

  /** Second exchange, receive side: the rows of this partition's next minibatch, joined from their owners. */
  public TupleBlock receiveRows(java.util.List<RowSet> inbox) {
    return new TupleBlock(arity, tuples, shard, RowSet.join(inbox, shard.width()), null, loss, examples);
  }

  /** The nodes of each example of step t's minibatch. */
  public int[][] batch(EmbeddingObjective obj, long seed, long step, int partition, int count) {
    int[][] out = new int[count][];
    if (count == 0) return out;
    SplittableRandom rng = new SplittableRandom(Seeds.child(seed, step, partition));
    for (int e = 0; e < count; e++) out[e] = obj.nodes(tuples, rng.nextInt(size()) * arity, rng, step);
    return out;
  }

  /** The sorted distinct nodes of step t's minibatch. */
  public int[] batchIds(EmbeddingObjective obj, long seed, long step, int partition, int count) {
    int[][] b = batch(obj, seed, step, partition, count);
    int total = 0;
    for (int[] x : b) total += x.length;
    int[] all = new int[total];
    int k = 0;
    for (int[] x : b) {
      System.arraycopy(x, 0, all, k, x.length);
      k += x.length;
    }
    return RowSet.distinctSorted(all);
  }

  /** What a partition returns from a gradient round. */
  public record Part(double loss, int examples, RowSet grads, int[] nextIds) implements Serializable {}

  /**
   * Loss and sparse gradient of step t's minibatch given its rows; also the ids step t + 1 will
   * need (so the next round's rows can be sent with it, one round per step).
   */
  public Part gradient(EmbeddingObjective obj, Manifold m, RowSet rows, long seed, long step, int partition, int count) {
    int[][] b = batch(obj, seed, step, partition, count);
    RowSet g = RowSet.zeros(rows.ids(), rows.width());
    double loss = 0;
    for (int[] nodes : b) {
      int[] slots = new int[nodes.length];
      for (int i = 0; i < nodes.length; i++) {
        slots[i] = rows.slot(nodes[i]);
        if (slots[i] < 0) throw new IllegalStateException("row " + nodes[i] + " was not sent to partition " + partition);
      }
      loss += obj.lossAndGradient(m, rows.values(), slots, rows.width(), g.values());
    }
    return new Part(loss, count, g, batchIds(obj, seed, step + 1, partition, count));
  }

  /** The naive form (the ablation): the whole table in, a dense n × width gradient out. */
  public DensePart denseGradient(EmbeddingObjective obj, Manifold m, double[] table, int width, long seed, long step,
      int partition, int count) {
    int[][] b = batch(obj, seed, step, partition, count);
    double[] g = new double[table.length];
    double loss = 0;
    for (int[] nodes : b) {
      int[] slots = nodes.clone(); // in the dense table a node's slot is its id
      loss += obj.lossAndGradient(m, table, slots, width, g);
    }
    return new DensePart(loss, count, g);
  }

  /** A dense gradient round's result. */
  public record DensePart(double loss, int examples, double[] grads) implements Serializable {}
}
