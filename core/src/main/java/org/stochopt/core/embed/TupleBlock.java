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

  public TupleBlock(int arity, int[] tuples, RowShard shard) {
    this.arity = arity;
    this.tuples = tuples;
    this.shard = shard;
  }

  public int size() {
    return tuples.length / arity;
  }

  public RowShard shard() {
    return shard;
  }

  public TupleBlock withShard(RowShard s) {
    return new TupleBlock(arity, tuples, s);
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
