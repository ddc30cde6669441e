package org.stochopt.core.oracle;

import java.util.ArrayList;
import java.util.List;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.objective.FiniteSumObjective;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.RowSelection;

/**
 * Direct access to the CSR rows of a minibatch, for methods whose steps cost O(nnz of the batch)
 * instead of O(d) (the lazy paths of {@code ProxSgd}, {@code ProxSvrg} and {@code Katyusha}).
 * Such a step has to know the batch's support before it asks for the gradient: it brings exactly
 * those coordinates up to date, and the gradient then only reads (and writes) them. Only an oracle
 * whose rows live in this JVM can offer this ({@link InMemoryOracle}); on Spark the iterate
 * travels to the rows anyway, so there the dense path stays.
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
  private final List<CsrRowBlock> blocks;
  private final double meanRowNonzeros;

  SparseBatchRows(PartitionedOracle owner, FiniteSumObjective objective, List<CsrRowBlock> blocks) {
    this.owner = owner;
    this.objective = objective;
    this.blocks = blocks;
    long nnz = 0;
    long rows = 0;
    for (CsrRowBlock b : blocks) {
      nnz += b.storedEntries();
      rows += b.rows();
    }
    this.meanRowNonzeros = rows == 0 ? 0.0 : (double) nnz / rows;
  }

  /** The rows of {@code partitions} when all are CSR and the model has one weight per feature, else null. */
  static SparseBatchRows of(PartitionedOracle owner, FiniteSumObjective objective, List<RowBlock> partitions) {
    if (objective.dimension() != objective.featureDimension()) return null;
    List<CsrRowBlock> csr = new ArrayList<>(partitions.size());
    for (RowBlock b : partitions) {
      if (!(b instanceof CsrRowBlock c)) return null;
      csr.add(c);
    }
    return new SparseBatchRows(owner, objective, csr);
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

  /** The rows of minibatch {@code batch}, partition by partition (the rows the dense call would read). */
  public Selected select(Minibatch batch) {
    List<CsrRowBlock> used = new ArrayList<>();
    List<RowSelection> selections = new ArrayList<>();
    for (int p = 0; p < blocks.size(); p++) {
      if (batch.countFor(p) == 0) continue;
      used.add(blocks.get(p));
      selections.add(batch.select(p, blocks.get(p)));
    }
    return new Selected(used, selections, batch.size());
  }

  /** One minibatch's rows. */
  public final class Selected {
    private final List<CsrRowBlock> used;
    private final List<RowSelection> selections;
    private final int size;

    private Selected(List<CsrRowBlock> used, List<RowSelection> selections, int size) {
      this.used = used;
      this.selections = selections;
      this.size = size;
    }

    /** b, the rows drawn (with multiplicity): the divisor of the mean gradient. */
    public int size() {
      return size;
    }

    /**
     * Writes the distinct feature indices of the rows into {@code out} and returns how many:
     * {@code seen[j] == stamp} marks j as listed (the caller passes a fresh stamp per step).
     */
    public int support(int[] seen, int stamp, int[] out) {
      int count = 0;
      for (int q = 0; q < used.size(); q++) {
        CsrRowBlock block = used.get(q);
        int[] indices = block.indicesView();
        for (int r : selections.get(q).rows()) {
          for (int k = block.rowStart(r), end = block.rowEnd(r); k < end; k++) {
            int j = indices[k];
            if (seen[j] != stamp) {
              seen[j] = stamp;
              out[count++] = j;
            }
          }
        }
      }
      return count;
    }

    /** An upper bound on the support's size (for sizing the caller's buffer). */
    public int maxSupport() {
      long total = 0;
      for (int q = 0; q < used.size(); q++) {
        CsrRowBlock block = used.get(q);
        for (int r : selections.get(q).rows()) total += block.rowEnd(r) - block.rowStart(r);
      }
      return (int) Math.min(dimension(), total);
    }

    /**
     * acc.gradient += Σ_{i∈B} c_i (∇f_i(w) − ∇f_i(anchor)) (the sum, not the mean), reading w and
     * the anchor on the support only. One round, 2b component gradients.
     */
    public void difference(double[] w, double[] anchor, GradientSum acc) {
      long t0 = System.nanoTime();
      for (int q = 0; q < used.size(); q++) {
        RowSelection sel = selections.get(q);
        objective.accumulateDifference(w, anchor, used.get(q), sel.rows(), sel.weights(), acc);
      }
      owner.recordInProcess(2L * size, t0);
    }

    /** acc.gradient += Σ_{i∈B} c_i ∇f_i(w), reading w on the support only. One round, b gradients. */
    public void gradient(double[] w, GradientSum acc) {
      long t0 = System.nanoTime();
      for (int q = 0; q < used.size(); q++) {
        RowSelection sel = selections.get(q);
        objective.accumulateRows(w, used.get(q), sel.rows(), sel.weights(), acc);
      }
      owner.recordInProcess(size, t0);
    }
  }
}
