package org.stochopt.core.embed;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Which unordered node pairs are edges: sorted keys min·2³² + max, looked up by binary search
 * (8 bytes per edge, shared once with every partition to filter negative samples).
 */
public final class Adjacency implements Serializable {
  private static final long serialVersionUID = 1L;
  private final long[] keys;

  /** @param edges flat (u, v) pairs */
  public Adjacency(int[] edges) {
    long[] k = new long[edges.length / 2];
    for (int e = 0; e < k.length; e++) k[e] = key(edges[2 * e], edges[2 * e + 1]);
    Arrays.sort(k);
    int m = 0;
    for (int i = 0; i < k.length; i++) if (i == 0 || k[i] != k[i - 1]) k[m++] = k[i];
    this.keys = Arrays.copyOf(k, m);
  }

  static long key(int u, int v) {
    int a = Math.min(u, v), b = Math.max(u, v);
    return ((long) a << 32) | (b & 0xFFFFFFFFL);
  }

  /** Whether u and v are joined (in either direction). */
  public boolean has(int u, int v) {
    return Arrays.binarySearch(keys, key(u, v)) >= 0;
  }

  /** Distinct unordered pairs. */
  public int pairs() {
    return keys.length;
  }
}
