package org.stochopt.core.embed;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A sparse set of embedding rows (or of row gradients): sorted distinct node ids and their rows,
 * {@code width} doubles each, in id order. This is what travels in a round — the rows a
 * partition's minibatch touches, and the gradients it returns — instead of the n × width table.
 */
public final class RowSet implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int[] ids;
  private final double[] values;
  private final int width;

  /** @param ids sorted, distinct */
  public RowSet(int[] ids, double[] values, int width) {
    if (values.length != (long) ids.length * width) throw new IllegalArgumentException("rows do not match ids");
    this.ids = ids;
    this.values = values;
    this.width = width;
  }

  public static RowSet zeros(int[] ids, int width) {
    return new RowSet(ids, new double[ids.length * width], width);
  }

  /** Rows {@code ids} copied out of a dense n × width table. */
  public static RowSet gather(double[] table, int[] ids, int width) {
    double[] v = new double[ids.length * width];
    for (int k = 0; k < ids.length; k++) System.arraycopy(table, ids[k] * width, v, k * width, width);
    return new RowSet(ids, v, width);
  }

  public int[] ids() {
    return ids;
  }

  public double[] values() {
    return values;
  }

  public int width() {
    return width;
  }

  public int size() {
    return ids.length;
  }

  /** The slot of node {@code id} (its row starts at slot·width), or a negative number when absent. */
  public int slot(int id) {
    return Arrays.binarySearch(ids, id);
  }

  /** The rows of the given sorted ids that this set holds (ids it lacks are skipped). */
  public RowSet subset(int[] wanted) {
    int[] keep = new int[wanted.length];
    int[] from = new int[wanted.length];
    int m = 0;
    for (int id : wanted) {
      int s = slot(id);
      if (s >= 0) {
        keep[m] = id;
        from[m++] = s;
      }
    }
    double[] v = new double[m * width];
    for (int k = 0; k < m; k++) System.arraycopy(values, from[k] * width, v, k * width, width);
    return new RowSet(Arrays.copyOf(keep, m), v, width);
  }

  /** Sorted distinct union of id lists. */
  public static int[] unionIds(List<int[]> lists) {
    int total = 0;
    for (int[] l : lists) if (l != null) total += l.length;
    int[] all = new int[total];
    int k = 0;
    for (int[] l : lists) {
      if (l == null) continue;
      System.arraycopy(l, 0, all, k, l.length);
      k += l.length;
    }
    return distinctSorted(all);
  }

  /** Sorts a copy and drops repeats. */
  public static int[] distinctSorted(int[] values) {
    int[] a = values.clone();
    Arrays.sort(a);
    int m = 0;
    for (int i = 0; i < a.length; i++) if (i == 0 || a[i] != a[i - 1]) a[m++] = a[i];
    return Arrays.copyOf(a, m);
  }

  /**
   * Σ of the sets in list order: row i of the result is 0 + set₀[i] + set₁[i] + … over the sets
   * holding i, in that order, so the same sets give the same bits on every backend.
   */
  public static RowSet sum(List<RowSet> sets, int width) {
    java.util.ArrayList<int[]> idLists = new java.util.ArrayList<>();
    for (RowSet s : sets) if (s != null) idLists.add(s.ids);
    int[] ids = unionIds(idLists);
    double[] v = new double[ids.length * width];
    for (RowSet s : sets) {
      if (s == null) continue;
      int j = 0; // both id lists are sorted: one merge walk
      for (int k = 0; k < s.ids.length; k++) {
        while (ids[j] != s.ids[k]) j++;
        int to = j * width, from = k * width;
        for (int c = 0; c < width; c++) v[to + c] += s.values[from + c];
      }
    }
    return new RowSet(ids, v, width);
  }

  /** Disjoint sets (rows from different shards) joined into one: each row copied as it is. */
  public static RowSet join(List<RowSet> sets, int width) {
    java.util.ArrayList<int[]> idLists = new java.util.ArrayList<>();
    for (RowSet s : sets) if (s != null) idLists.add(s.ids);
    int[] ids = unionIds(idLists);
    double[] v = new double[ids.length * width];
    for (RowSet s : sets) {
      if (s == null) continue;
      for (int k = 0; k < s.ids.length; k++) System.arraycopy(s.values, k * width, v, Arrays.binarySearch(ids, s.ids[k]) * width, width);
    }
    return new RowSet(ids, v, width);
  }

  /** The rows of the nodes shard q of P owns (id ≡ q mod P). */
  public RowSet ownedBy(int q, int partitions) {
    return subset(ownedBy(ids, q, partitions));
  }

  /** The ids shard q of P owns (id ≡ q mod P), in their order. */
  public static int[] ownedBy(int[] ids, int q, int partitions) {
    int m = 0;
    int[] out = new int[ids.length];
    for (int id : ids) if (id % partitions == q) out[m++] = id;
    return Arrays.copyOf(out, m);
  }
}
