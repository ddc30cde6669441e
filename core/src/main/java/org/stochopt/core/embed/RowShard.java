package org.stochopt.core.embed;

import java.io.Serializable;

/**
 * The embedding rows partition p owns when the table is sharded by node id: the nodes
 * id ≡ p (mod P), local row id / P. A value: {@link #stepped} returns a new shard.
 */
public final class RowShard implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int partition;
  private final int partitions;
  private final int width;
  private final double[] rows;

  RowShard(int partition, int partitions, int width, double[] rows) {
    this.partition = partition;
    this.partitions = partitions;
    this.width = width;
    this.rows = rows;
  }

  /** Partition p's rows, each initialised by {@link EmbeddingInit} from (seed, node). */
  public static RowShard initial(int p, int partitions, int nodes, Manifold m, int width, long seed, double scale) {
    int owned = p < nodes ? (nodes - 1 - p) / partitions + 1 : 0;
    double[] rows = new double[owned * width];
    for (int k = 0; k < owned; k++) EmbeddingInit.row(m, seed, p + k * partitions, scale, rows, k * width, width);
    return new RowShard(p, partitions, width, rows);
  }

  public int width() {
    return width;
  }

  public int partition() {
    return partition;
  }

  public int partitions() {
    return partitions;
  }

  /** Number of owned rows. */
  public int size() {
    return rows.length / width;
  }

  /** The owned rows as a set (ids p, p + P, …; shares the array: shards are never changed in place). */
  public RowSet asRowSet() {
    int[] ids = new int[size()];
    for (int k = 0; k < ids.length; k++) ids[k] = partition + k * partitions;
    return new RowSet(ids, rows, width);
  }

  public boolean owns(int id) {
    return id % partitions == partition;
  }

  /** The rows of the given sorted ids that this shard owns. */
  public RowSet rowsOf(int[] ids) {
    int m = 0;
    for (int id : ids) if (owns(id)) m++;
    int[] mine = new int[m];
    double[] v = new double[m * width];
    int k = 0;
    for (int id : ids) {
      if (!owns(id)) continue;
      mine[k] = id;
      System.arraycopy(rows, (id / partitions) * width, v, k * width, width);
      k++;
    }
    return new RowSet(mine, v, width);
  }

  /** A copy with the Riemannian step applied to the owned rows among {@code grads}. */
  public RowShard stepped(RowSet grads, Manifold m, double lr, double radiusBound) {
    double[] next = rows.clone();
    int[] ids = grads.ids();
    for (int k = 0; k < ids.length; k++) {
      if (!owns(ids[k])) continue;
      EmbeddingStep.apply(m, next, (ids[k] / partitions) * width, grads.values(), k * width, width, lr, radiusBound);
    }
    return new RowShard(partition, partitions, width, next);
  }

  /** Writes the owned rows into the dense table (collecting a snapshot for evaluation). */
  public void copyInto(double[] table) {
    int owned = rows.length / width;
    for (int k = 0; k < owned; k++) System.arraycopy(rows, k * width, table, (partition + k * partitions) * width, width);
  }
}
