package org.stochopt.core.oracle;

import java.util.ArrayList;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.objective.FiniteSumObjective;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.core.runtime.Round;
import org.stochopt.core.runtime.Shipped;
import org.stochopt.core.sampling.Minibatch;

/**
 * Minibatch gradients as sparse vectors, for methods whose steps cost O(nnz of the batch) instead
 * of O(d) (the lazy paths of {@code ProxSgd}, {@code ProxSvrg}, {@code Katyusha}, {@code Dasvrda},
 * {@code AccProxSvrg} and {@code AccSvrgAppa}). Such a step has to know the batch's support
 * S = ∪_p S_p (the distinct features of its rows) before it asks for the gradient: it brings exactly
 * those coordinates of its lazily kept iterate up to date, and the gradient then only reads (and
 * writes) them.
 *
 * <p>Written once for every backend, over the oracle's {@link PartitionRunner} (in-process and
 * Spark run the same tasks and the same merge): a round sends S_p and w (and the anchor) on it for
 * every p, and each partition returns its gradient on S_p ({@link SparseGradientTask}); the
 * driver adds the P parts into the step's buffer in partition order — the additions of the dense
 * call's partition-order merge, minus the zeros, so a sparse round's sum equals the dense round's
 * bit for bit. A round's messages are O(Σ_p |S_p|) ≤ O(b·nnz̄) both ways, against 8d bytes of
 * iterate out and 8d per partition back on the dense path. In this JVM nothing is serialized, so
 * the tasks take the full-width layout instead: they read w where it is and return their parts on
 * their rows' column lists, unsorted ({@link SparseGradientTask}).
 *
 * <p>S_p comes from the previous round: every round also returns the partitions' supports of the
 * next minibatch ({@link #select(Minibatch, Minibatch)}'s {@code next}). When the asked minibatch
 * is not the one announced (the first step, a resumed run), one extra support-only call fetches S_p
 * first; it is not counted as a round (it carries no gradient) but its time is in the step's.
 *
 * <p>Each {@link Selected#difference}/{@link Selected#gradient} is one round in {@link
 * GradientOracle#stats()}, counted as the dense calls count it (2b or b component gradients).
 */
public final class SparseBatchRows {
  /**
   * The lazy path pays when a step's support is small next to d: 4·b·(mean nonzeros per row) < d
   * (the rule of the local methods' just-in-time epochs, {@code LocalKatyusha}). Past it, the dense
   * step's streaming over d contiguous doubles is as fast as the lazy step's scattered catch-ups.
   */
  public static final double PAYS_BELOW = 0.25;
  /**
   * JVM property that keeps every method on its dense path, the local methods' partition steps
   * included (a measurement switch, not a setting).
   */
  public static final String DENSE_PROPERTY = "stochopt.denseSteps";

  /** Whether {@link #DENSE_PROPERTY} is set: lazy steps off everywhere. */
  public static boolean denseForced() {
    return Boolean.getBoolean(DENSE_PROPERTY);
  }

  private final PartitionedOracle owner;
  private final FiniteSumObjective objective;
  private final PartitionRunner<RowBlock> runner;
  private final double meanRowNonzeros;
  /**
   * The minibatch the last round announced, with its partitions' supports: one immutable pair in
   * one field, so that runs sharing this oracle from several threads never pair a minibatch with
   * another's supports (they only miss the announcement and pay a support call).
   */
  private volatile Announced announced;

  private record Announced(Minibatch batch, int[][] supports) {}

  private SparseBatchRows(PartitionedOracle owner, FiniteSumObjective objective, PartitionRunner<RowBlock> runner,
      double meanRowNonzeros) {
    this.owner = owner;
    this.objective = objective;
    this.runner = runner;
    this.meanRowNonzeros = meanRowNonzeros;
  }

  /**
   * The sparse rounds of {@code owner} when every block is CSR and the model has one weight per
   * feature, else null. One uncounted pass over the partitions (their layout and stored entries).
   */
  static SparseBatchRows of(PartitionedOracle owner, FiniteSumObjective objective, PartitionRunner<RowBlock> runner) {
    if (objective.dimension() != objective.featureDimension()) return null;
    Round<long[]> layout = runner.map((p, block) ->
        new long[] {block instanceof CsrRowBlock ? 1 : 0, block.storedEntries(), block.rows()}, false);
    long nnz = 0;
    long rows = 0;
    for (long[] l : layout.results()) {
      if (l == null) continue; // a partition without a block holds no rows
      if (l[0] == 0) return null;
      nnz += l[1];
      rows += l[2];
    }
    return new SparseBatchRows(owner, objective, runner, rows == 0 ? 0.0 : (double) nnz / rows);
  }

  public int dimension() {
    return objective.dimension();
  }

  public double meanRowNonzeros() {
    return meanRowNonzeros;
  }

  /** Whether steps of {@code batch} rows should take the lazy path ({@link #PAYS_BELOW}). */
  public boolean pays(int batch) {
    return batch * meanRowNonzeros < PAYS_BELOW * dimension();
  }

  /** The rows of minibatch {@code batch} (the rows the dense call would read), with nothing announced. */
  public Selected select(Minibatch batch) {
    return select(batch, null);
  }

  /**
   * The rows of minibatch {@code batch}; its gradient round will also fetch the supports of
   * {@code next} (the method's following minibatch, or null), so that selecting {@code next} then
   * costs no extra call.
   */
  public Selected select(Minibatch batch, Minibatch next) {
    int[][] supports;
    Announced known = announced;
    if (known != null && batch.equals(known.batch())) {
      supports = known.supports();
    } else {
      boolean fullWidth = runner.inProcess();
      Round<int[]> round = runner.map((p, block) -> SparseGradientTask.support(p, block, batch, fullWidth), false);
      supports = new int[runner.partitions()][];
      for (int p = 0; p < supports.length; p++) {
        int[] s = round.results().get(p);
        supports[p] = s == null ? new int[0] : s;
      }
    }
    return new Selected(batch, next, supports);
  }

  /** One minibatch's rows: its partitions' supports S_p, known on the driver. */
  public final class Selected {
    private final Minibatch batch;
    private final Minibatch next;
    private final int[][] supports;

    private Selected(Minibatch batch, Minibatch next, int[][] supports) {
      this.batch = batch;
      this.next = next;
      this.supports = supports;
    }

    /** b, the rows drawn (with multiplicity): the divisor of the mean gradient. */
    public int size() {
      return batch.size();
    }

    /**
     * Writes the distinct feature indices of the rows into {@code out} (S_0, then what S_1 adds, …)
     * and returns how many: {@code seen[j] == stamp} marks j as listed (the caller passes a fresh
     * stamp per step).
     */
    public int support(int[] seen, int stamp, int[] out) {
      int count = 0;
      for (int[] s : supports) {
        for (int j : s) {
          if (seen[j] != stamp) {
            seen[j] = stamp;
            out[count++] = j;
          }
        }
      }
      return count;
    }

    /**
     * |S_p|, the distinct columns of every partition's rows, in partition order: what a compact
     * round sends and returns per partition (bench/sparse/RoundMessages.java; a full-width list
     * keeps duplicates, so it is counted after a sort).
     */
    public int[] partitionSupportSizes() {
      int[] sizes = new int[supports.length];
      for (int p = 0; p < sizes.length; p++) {
        int[] s = supports[p].clone();
        java.util.Arrays.sort(s);
        for (int q = 0; q < s.length; q++) if (q == 0 || s[q] != s[q - 1]) sizes[p]++;
      }
      return sizes;
    }

    /** An upper bound on the support's size (for sizing the caller's buffer): Σ_p |S_p|. */
    public int maxSupport() {
      long total = 0;
      for (int[] s : supports) total += s.length;
      return (int) Math.min(dimension(), total);
    }

    /**
     * acc.gradient += Σ_{i∈B} c_i (∇f_i(w) − ∇f_i(anchor)) (the sum, not the mean), reading w and
     * the anchor on the support only. One round, 2b component gradients.
     */
    public void difference(double[] w, double[] anchor, GradientSum acc) {
      round(w, anchor, acc, 2L * batch.size());
    }

    /** acc.gradient += Σ_{i∈B} c_i ∇f_i(w), reading w on the support only. One round, b gradients. */
    public void gradient(double[] w, GradientSum acc) {
      round(w, null, acc, batch.size());
    }

    private void round(double[] w, double[] anchor, GradientSum acc, long gradients) {
      long t0 = System.nanoTime();
      ArrayList<SparseGradientTask.Values> args = new ArrayList<>(supports.length);
      double doubles = 0;
      // A runner whose tasks read this JVM's memory gets the vectors themselves (full width: nothing
      // gathered); one that serializes its messages gets w and the anchor on S_p only (compact).
      // SparseGradientTask says why both give the same bits.
      boolean fullWidth = runner.inProcess();
      for (int[] s : supports) {
        args.add(fullWidth ? SparseGradientTask.Values.fullWidth(s, w, anchor)
            : SparseGradientTask.Values.compact(s, gather(w, s), anchor == null ? null : gather(anchor, s)));
        doubles += (anchor == null ? 1.5 : 2.5) * s.length; // an int is half a double
      }
      // One list for all tasks, each reading its own entry: Σ_p |S_p| ≤ b·nnz̄ values whatever P is,
      // and the call stays one plain runner job (mapWithArgs builds two RDDs and cleans a closure per
      // call on Spark, ≈ 10 ms a round on local[2]).
      Shipped<ArrayList<SparseGradientTask.Values>> shipped = runner.ship(args, (long) (8 * doubles));
      SparseGradientTask task = new SparseGradientTask(objective, batch, next, anchor != null);
      Round<SparseGradientTask.Part> round;
      try {
        round = runner.map((p, block) -> task.apply(p, block, shipped.value().get(p)), false);
      } finally {
        shipped.release();
      }
      double[] g = acc.gradient();
      int[][] nextSupports = next == null ? null : new int[supports.length][];
      for (int p = 0; p < supports.length; p++) {
        SparseGradientTask.Part part = round.results().get(p);
        if (nextSupports != null) nextSupports[p] = part == null ? new int[0] : part.nextSupport();
        // As the dense merge: partitions in order, parts of no rows skipped.
        if (part == null || part.count() <= 0) continue;
        int[] s = supports[p];
        double[] v = part.gradient();
        for (int q = 0; q < s.length; q++) g[s[q]] += v[q];
        acc.addLoss(part.loss());
        acc.addCount(part.count());
      }
      announced = next == null ? null : new Announced(next, nextSupports);
      owner.countRound(gradients, t0, round.slowestTaskNanos());
    }
  }

  private static double[] gather(double[] v, int[] s) {
    double[] out = new double[s.length];
    for (int q = 0; q < s.length; q++) out[q] = v[s[q]];
    return out;
  }
}
