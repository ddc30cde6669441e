package org.stochopt.core.embed;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.core.runtime.Round;
import org.stochopt.core.runtime.Shipped;

/**
 * The metrics of {@link EmbeddingMetrics} for a table sharded by node id, computed where the
 * rows live: no partition and not the driver ever holds more than two shards (its own and one
 * visiting), ≈ 2·table / P, and the driver receives ten scalars per partition.
 *
 * <p><b>Ring.</b> Every quantity is a function of pairs (u, x) of rows; the pair is evaluated by
 * the owner of u (node id ≡ p mod P) while x's shard visits it. The shards travel round a ring
 * of exchanges ({@link PartitionRunner#exchange}): at ring step r partition p holds shard
 * (p + r) mod P and passes it to p − 1, so P − 1 exchanges show every shard to every partition.
 *
 * <ol>
 *   <li><b>Pass 1</b> (P − 1 exchanges): the scores s(u, v) of every evaluated node u and its
 *   ancestors v; the two scores of every link-prediction triple (u, v, w) owned by u; the
 *   distances d(i, j) and d(k, l) of every comparison, each computed by the owner of its first
 *   node.</li>
 *   <li><b>Route</b> (one exchange, ordinal runs): d(k, l) is sent to the owner of i, which counts
 *   d(i, j) &lt; d(k, l).</li>
 *   <li><b>Pass 2</b> (P − 1 exchanges, reconstruction): the ancestors' scores of u sorted
 *   ascending, p₁ ≤ … ≤ p_m; every non-ancestor w ≠ u in the visiting shard adds one to
 *   hist_u[k], k = #{i : p_i &lt; s(u, w)}; then the number of non-ancestors above p_i is
 *   above_i = Σ_{k &gt; i} hist_u[k], the rank of p_i is 1 + above_i and its precision is
 *   (m − i)/(m − i + above_i), as in {@link EmbeddingMetrics#reconstruction}. O(|N(u)|) memory
 *   per node instead of the n scores of a row.</li>
 * </ol>
 *
 * <p>Every score is the same arithmetic on the same rows as the driver's evaluation, and counts
 * are integers, so mean rank, link error and ordinal accuracy equal the driver's bit for bit;
 * MAP and the mean radius are sums of fractions taken per partition and then in partition order,
 * so they agree to rounding. The plan (evaluated nodes, triples, comparisons and the ancestor
 * lists) is the graph's data, not the table's, and is shared with the partitions once.
 */
public final class ShardedEvaluation {
  private ShardedEvaluation() {}

  /**
   * What to evaluate.
   *
   * @param ancestors sorted closure out-neighbours of every node (null: no reconstruction)
   * @param evalNodes the sorted nodes reconstruction ranks from ({@link EmbeddingMetrics#evaluatedNodes})
   * @param linkTriples (u, v, w) triples ({@link EmbeddingMetrics#linkTriples}; empty: skip)
   * @param quads comparisons (i, j, k, l) (empty: skip)
   */
  public record Plan(int[][] ancestors, int[] evalNodes, int[] linkTriples, int[] quads) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** One shard on its way round the ring. */
  record Visit(RowShard shard) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Runs the evaluation on the shards of {@code runner}'s blocks. */
  static EmbeddingMetrics.Summary run(PartitionRunner<TupleBlock> runner, Shipped<Plan> plan, Manifold m, int nodes) {
    int parts = runner.partitions();
    Plan pl = plan.value();
    try (PartitionRunner<Accumulator> acc = runner.derive((p, b) -> new Accumulator(b.shard(), plan.value(), m))) {
      for (int r = 1; r < parts; r++) acc.exchange(ShardedEvaluation::pass, (q, a, inbox) -> a.visit(inbox.get((q + 1) % parts).shard(), plan.value(), m, 1), null);
      if (pl.quads().length > 0) acc.exchange((p, a) -> a.routeSecondDistances(plan.value(), parts), (q, a, inbox) -> a.receiveSecondDistances(inbox), null);
      if (pl.ancestors() != null) {
        acc.update((p, a) -> a.beginRanking(plan.value(), m), null);
        for (int r = 1; r < parts; r++) acc.exchange(ShardedEvaluation::pass, (q, a, inbox) -> a.visit(inbox.get((q + 1) % parts).shard(), plan.value(), m, 2), null);
      }
      Round<double[]> partial = acc.map((p, a) -> a.result(), false);
      double[] t = new double[Accumulator.RESULT_LENGTH];
      double maxRadius = 0;
      for (double[] x : partial.results()) {
        if (x == null) continue;
        for (int i = 0; i < t.length; i++) t[i] += x[i];
        maxRadius = Math.max(maxRadius, x[Accumulator.MAX_RADIUS]);
      }
      double rank = pl.ancestors() == null ? Double.NaN : t[0] / t[2];
      double map = pl.ancestors() == null ? Double.NaN : t[1] / t[3];
      double link = t[5] == 0 ? Double.NaN : t[4] / t[5];
      double ordinal = t[7] == 0 ? Double.NaN : t[6] / t[7];
      return new EmbeddingMetrics.Summary(rank, map, link, ordinal, maxRadius, t[9] / nodes);
    }
  }

  /** A ring step's send: the visiting shard goes to the previous partition. */
  private static List<Visit> pass(int p, Accumulator a) {
    int parts = a.own.partitions();
    List<Visit> out = new ArrayList<>(java.util.Collections.nCopies(parts, (Visit) null));
    out.set((p - 1 + parts) % parts, new Visit(a.visiting));
    return out;
  }

  /**
   * What one partition has accumulated (a value: every step returns a copy, so a re-run task
   * recomputes the same block).
   */
  static final class Accumulator implements Serializable, Cloneable {
    private static final long serialVersionUID = 1L;
    static final int RESULT_LENGTH = 10;
    static final int MAX_RADIUS = 8;
    final RowShard own;
    RowShard visiting;
    /** The evaluated nodes this partition owns; their ancestors' scores (pass 1), sorted (pass 2), and hist (pass 2). */
    final int[] us;
    double[][] positive;
    int[][] hist;
    /** Link triples owned here: (u, v, w) flattened, and their two scores. */
    final int[] triples;
    double[] sv;
    double[] sw;
    /** Comparisons whose i (first pair) or k (second pair) is owned here: indices into the plan's quads, and distances. */
    final int[] firstOf;
    final int[] secondOf;
    double[] first;
    double[] second;
    double[] secondOfFirst;
    final double maxRadius;
    final double sumRadius;

    Accumulator(RowShard own, Plan plan, Manifold m) {
      this.own = own;
      this.visiting = own;
      int p = own.partition(), parts = own.partitions();
      us = Arrays.stream(plan.evalNodes()).filter(u -> u % parts == p).toArray();
      positive = new double[us.length][];
      if (plan.ancestors() != null) for (int i = 0; i < us.length; i++) positive[i] = new double[plan.ancestors()[us[i]].length];
      int[] t = plan.linkTriples();
      int mine = 0;
      for (int k = 0; k < t.length; k += 3) if (t[k] % parts == p) mine++;
      triples = new int[3 * mine];
      for (int k = 0, j = 0; k < t.length; k += 3) if (t[k] % parts == p) {
        System.arraycopy(t, k, triples, j, 3);
        j += 3;
      }
      sv = new double[mine];
      sw = new double[mine];
      int[] q = plan.quads();
      firstOf = java.util.stream.IntStream.range(0, q.length / 4).filter(c -> q[4 * c] % parts == p).toArray();
      secondOf = java.util.stream.IntStream.range(0, q.length / 4).filter(c -> q[4 * c + 2] % parts == p).toArray();
      first = new double[firstOf.length];
      second = new double[secondOf.length];
      double max = 0, sum = 0;
      double[] rows = own.asRowSet().values();
      for (int k = 0; k < own.size(); k++) {
        double r = m.radius(rows, k * own.width(), own.width());
        max = Math.max(max, r);
        sum += r;
      }
      maxRadius = max;
      sumRadius = sum;
      visitPass1(own, plan, m);
    }

    private Accumulator copy() {
      try {
        Accumulator a = (Accumulator) super.clone();
        a.positive = deep(positive);
        a.hist = hist == null ? null : Arrays.stream(hist).map(int[]::clone).toArray(int[][]::new);
        a.sv = sv.clone();
        a.sw = sw.clone();
        a.first = first.clone();
        a.second = second.clone();
        return a;
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }

    private static double[][] deep(double[][] x) {
      double[][] y = new double[x.length][];
      for (int i = 0; i < x.length; i++) y[i] = x[i] == null ? null : x[i].clone();
      return y;
    }

    /** The visiting shard arrived: a copy with its pairs evaluated. */
    Accumulator visit(RowShard v, Plan plan, Manifold m, int pass) {
      Accumulator a = copy();
      a.visiting = v;
      if (pass == 1) {
        a.visitPass1(v, plan, m);
      } else {
        a.visitPass2(v, plan, m);
      }
      return a;
    }

    private void visitPass1(RowShard v, Plan plan, Manifold m) {
      int parts = own.partitions(), q = v.partition(), w = own.width();
      double[] mine = own.asRowSet().values(), theirs = v.asRowSet().values();
      if (plan.ancestors() != null) {
        for (int i = 0; i < us.length; i++) {
          int[] anc = plan.ancestors()[us[i]];
          for (int j = 0; j < anc.length; j++) {
            if (anc[j] % parts == q) positive[i][j] = m.score(mine, (us[i] / parts) * w, theirs, (anc[j] / parts) * w, w);
          }
        }
      }
      for (int k = 0; k < sv.length; k++) {
        int u = triples[3 * k], x = triples[3 * k + 1], y = triples[3 * k + 2];
        if (x % parts == q) sv[k] = m.score(mine, (u / parts) * w, theirs, (x / parts) * w, w);
        if (y % parts == q) sw[k] = m.score(mine, (u / parts) * w, theirs, (y / parts) * w, w);
      }
      int[] quads = plan.quads();
      for (int k = 0; k < firstOf.length; k++) {
        int c = firstOf[k];
        if (quads[4 * c + 1] % parts == q) first[k] = m.distance(mine, (quads[4 * c] / parts) * w, theirs, (quads[4 * c + 1] / parts) * w, w);
      }
      for (int k = 0; k < secondOf.length; k++) {
        int c = secondOf[k];
        if (quads[4 * c + 3] % parts == q) second[k] = m.distance(mine, (quads[4 * c + 2] / parts) * w, theirs, (quads[4 * c + 3] / parts) * w, w);
      }
    }

    /** The second distances, each to the owner of its comparison's first node. */
    List<double[]> routeSecondDistances(Plan plan, int parts) {
      List<List<Integer>> idx = new ArrayList<>();
      for (int q = 0; q < parts; q++) idx.add(new ArrayList<>());
      for (int k = 0; k < secondOf.length; k++) idx.get(plan.quads()[4 * secondOf[k]] % parts).add(k);
      List<double[]> out = new ArrayList<>(parts);
      for (int q = 0; q < parts; q++) {
        List<Integer> ks = idx.get(q);
        double[] msg = new double[2 * ks.size()]; // (comparison index, distance) pairs
        for (int j = 0; j < ks.size(); j++) {
          msg[2 * j] = secondOf[ks.get(j)];
          msg[2 * j + 1] = second[ks.get(j)];
        }
        out.add(msg);
      }
      return out;
    }

    Accumulator receiveSecondDistances(List<double[]> inbox) {
      Accumulator a = copy();
      a.secondOfFirst = new double[firstOf.length];
      for (double[] msg : inbox) {
        if (msg == null) continue;
        for (int j = 0; j < msg.length; j += 2) a.secondOfFirst[Arrays.binarySearch(firstOf, (int) msg[j])] = msg[j + 1];
      }
      return a;
    }

    /** Pass 2 begins: the ancestors' scores sorted, and the shard held now counted. */
    Accumulator beginRanking(Plan plan, Manifold m) {
      Accumulator a = copy();
      a.hist = new int[us.length][];
      for (int i = 0; i < us.length; i++) {
        Arrays.sort(a.positive[i]);
        a.hist[i] = new int[a.positive[i].length + 1];
      }
      a.visitPass2(visiting, plan, m);
      return a;
    }

    private void visitPass2(RowShard v, Plan plan, Manifold m) {
      int parts = own.partitions(), w = own.width();
      double[] mine = own.asRowSet().values(), theirs = v.asRowSet().values();
      for (int i = 0; i < us.length; i++) {
        int u = us[i];
        int[] anc = plan.ancestors()[u];
        double[] p = positive[i];
        for (int k = 0; k < v.size(); k++) {
          int x = v.partition() + k * parts;
          if (x == u || Arrays.binarySearch(anc, x) >= 0) continue;
          double s = m.score(mine, (u / parts) * w, theirs, k * w, w);
          hist[i][below(p, s)]++;
        }
      }
    }

    /** #{i : p_i &lt; s} in the ascending p (NaN scores count above every positive, as the driver's sort puts them). */
    private static int below(double[] p, double s) {
      if (Double.isNaN(s)) return p.length;
      int lo = 0, hi = p.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (p[mid] < s) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    /** {rank sum, AP sum, pairs, nodes, link errors, link triples, ordinal correct, comparisons, max radius, radius sum}. */
    double[] result() {
      double rankSum = 0, apSum = 0, pairs = 0;
      if (hist != null) {
        for (int i = 0; i < us.length; i++) {
          int m = positive[i].length;
          int[] h = hist[i];
          long[] above = new long[m];
          long tail = 0;
          for (int k = m; k >= 1; k--) {
            tail += h[k];
            above[k - 1] = tail;
          }
          double ap = 0;
          for (int k = 0; k < m; k++) {
            rankSum += 1 + above[k];
            int atOrAbove = m - k;
            ap += (double) atOrAbove / (atOrAbove + above[k]);
          }
          apSum += ap / m;
          pairs += m;
        }
      }
      long errors = 0;
      for (int k = 0; k < sv.length; k++) if (sw[k] >= sv[k]) errors++;
      long ok = 0;
      for (int k = 0; k < firstOf.length; k++) if (first[k] < secondOfFirst[k]) ok++;
      return new double[] {rankSum, apSum, pairs, us.length, errors, sv.length, ok, firstOf.length, maxRadius, sumRadius};
    }
  }
}
