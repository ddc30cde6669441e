package org.stochopt.core.embed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A hierarchy to embed: node names, the direct edges (child → parent, e.g. WordNet hypernym
 * pointers) and their transitive closure (every node → every ancestor), which is what is trained
 * on and reconstructed (Nickel &amp; Kiela 2017).
 *
 * @param names node names, index = node id
 * @param direct flat (child, parent) pairs
 * @param closure flat (descendant, ancestor) pairs, sorted, distinct
 */
public record EmbeddingGraph(String name, String[] names, int[] direct, int[] closure) {
  public EmbeddingGraph {
    if (names.length == 0) throw new IllegalArgumentException(name + ": the graph is empty (no nodes)");
    check(name, names.length, direct);
    check(name, names.length, closure);
  }

  private static void check(String name, int n, int[] edges) {
    if (edges.length % 2 != 0) throw new IllegalArgumentException(name + ": odd edge array");
    for (int e = 0; e < edges.length; e += 2) {
      int u = edges[e], v = edges[e + 1];
      if (u < 0 || u >= n || v < 0 || v >= n) {
        throw new IllegalArgumentException(name + ": edge " + (e / 2) + " has an unknown node id (" + u + ", " + v + "); nodes are 0.." + (n - 1));
      }
      if (u == v) throw new IllegalArgumentException(name + ": edge " + (e / 2) + " is a self-loop on node " + u);
    }
  }

  public int nodes() {
    return names.length;
  }

  public int closureEdges() {
    return closure.length / 2;
  }

  /** A graph from direct edges: the closure is computed (the direct edges must form a DAG). */
  public static EmbeddingGraph fromDirect(String name, String[] names, int[] direct) {
    check(name, names.length, direct);
    return new EmbeddingGraph(name, names, direct, closureOf(names.length, direct, name));
  }

  /** Every (node, ancestor) pair of a DAG given as (child, parent) edges; a cycle is refused. */
  public static int[] closureOf(int n, int[] direct, String name) {
    List<List<Integer>> parents = new ArrayList<>();
    for (int i = 0; i < n; i++) parents.add(new ArrayList<>());
    for (int e = 0; e < direct.length; e += 2) parents.get(direct[e]).add(direct[e + 1]);
    int[][] anc = new int[n][];
    byte[] mark = new byte[n]; // 0 new, 1 on the stack, 2 done
    for (int s = 0; s < n; s++) ancestors(s, parents, anc, mark, name);
    long total = 0;
    for (int[] a : anc) total += a.length;
    if (total > Integer.MAX_VALUE / 2) throw new IllegalArgumentException(name + ": the closure is too large");
    int[] out = new int[(int) total * 2];
    int k = 0;
    for (int u = 0; u < n; u++) {
      for (int v : anc[u]) {
        out[k++] = u;
        out[k++] = v;
      }
    }
    return out;
  }

  /** Iterative DFS (WordNet is ~20 deep, but a long chain must not overflow the stack). */
  private static void ancestors(int start, List<List<Integer>> parents, int[][] anc, byte[] mark, String name) {
    if (mark[start] == 2) return;
    ArrayDeque<Integer> stack = new ArrayDeque<>();
    stack.push(start);
    while (!stack.isEmpty()) {
      int u = stack.peek();
      if (mark[u] == 0) {
        mark[u] = 1;
        for (int p : parents.get(u)) {
          if (mark[p] == 1) throw new IllegalArgumentException(name + ": the hierarchy has a cycle through node " + p);
          if (mark[p] == 0) stack.push(p);
        }
        continue;
      }
      stack.pop();
      if (mark[u] == 2) continue;
      int[] all = new int[0];
      for (int p : parents.get(u)) {
        int[] pa = anc[p];
        int[] merged = Arrays.copyOf(all, all.length + pa.length + 1);
        System.arraycopy(pa, 0, merged, all.length, pa.length);
        merged[merged.length - 1] = p;
        all = merged;
      }
      anc[u] = RowSet.distinctSorted(all);
      mark[u] = 2;
    }
  }

  /** The synthetic tree: a root with {@code branching} children per node, {@code depth} levels below it. */
  public static EmbeddingGraph tree(int branching, int depth) {
    if (branching < 1 || depth < 1) throw new IllegalArgumentException("tree needs branching ≥ 1 and depth ≥ 1, got " + branching + ", " + depth);
    long n = 1, level = 1;
    for (int d = 0; d < depth; d++) {
      level *= branching;
      n += level;
      if (n > 5_000_000) throw new IllegalArgumentException("tree: " + branching + "^" + depth + " is too many nodes");
    }
    String[] names = new String[(int) n];
    int[] direct = new int[2 * ((int) n - 1)];
    names[0] = "r";
    int next = 1, k = 0;
    for (int parent = 0; next < n; parent++) {
      for (int c = 0; c < branching && next < n; c++) {
        names[next] = names[parent] + "." + c;
        direct[k++] = next;
        direct[k++] = parent;
        next++;
      }
    }
    return fromDirect("tree:branching=" + branching + ",depth=" + depth, names, direct);
  }

  /**
   * A side × side grid (4-neighbour lattice), the counterpart of {@link #tree} with no hierarchy and
   * polynomial growth — a graph whose shortest-path metric the plane holds with little distortion,
   * where the NeurIPS 2021 analysis expects no approximation advantage for hyperbolic space. Its
   * trained "closure" is the edge set itself, each edge once, (u, v) with u &lt; v (right and down
   * neighbours; a lattice has no transitive closure to speak of). Link prediction is symmetric in
   * the distance scores, so one direction per edge keeps a held-out edge's reverse out of training.
   */
  public static EmbeddingGraph grid(int side) {
    if (side < 2 || (long) side * side > 5_000_000) throw new IllegalArgumentException("grid needs 2 ≤ side and side² ≤ 5 000 000, got " + side);
    int n = side * side;
    String[] names = new String[n];
    int[] edges = new int[4 * side * (side - 1)];
    int k = 0;
    for (int u = 0; u < n; u++) {
      int i = u / side, j = u % side;
      names[u] = "g" + i + "_" + j;
      if (j + 1 < side) {
        edges[k++] = u;
        edges[k++] = u + 1;
      }
      if (i + 1 < side) {
        edges[k++] = u;
        edges[k++] = u + side;
      }
    }
    return new EmbeddingGraph("grid:side=" + side, names, edges, edges.clone());
  }

  /** For each node, its out-neighbours in the closure (its ancestors), sorted. */
  public int[][] ancestorLists() {
    return lists(closure, nodes(), false);
  }

  static int[][] lists(int[] edges, int n, boolean undirected) {
    int[] deg = new int[n];
    for (int e = 0; e < edges.length; e += 2) {
      deg[edges[e]]++;
      if (undirected) deg[edges[e + 1]]++;
    }
    int[][] out = new int[n][];
    for (int i = 0; i < n; i++) out[i] = new int[deg[i]];
    int[] fill = new int[n];
    for (int e = 0; e < edges.length; e += 2) {
      out[edges[e]][fill[edges[e]]++] = edges[e + 1];
      if (undirected) out[edges[e + 1]][fill[edges[e + 1]]++] = edges[e];
    }
    for (int[] l : out) Arrays.sort(l);
    return out;
  }

  /** Hop distances from {@code source} in the undirected direct-edge graph (−1: unreachable). */
  public int[] hops(int source, int[][] undirected) {
    int[] d = new int[nodes()];
    Arrays.fill(d, -1);
    int[] queue = new int[nodes()];
    int head = 0, tail = 0;
    queue[tail++] = source;
    d[source] = 0;
    while (head < tail) {
      int u = queue[head++];
      for (int v : undirected[u]) {
        if (d[v] < 0) {
          d[v] = d[u] + 1;
          queue[tail++] = v;
        }
      }
    }
    return d;
  }

  /** The direct edges as undirected adjacency lists (for {@link #hops}). */
  public int[][] undirectedDirect() {
    return lists(direct, nodes(), true);
  }
}
