package org.stochopt.core.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.runtime.LocalPartitionRunner;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.core.runtime.PartitionTask;
import org.stochopt.core.runtime.ReceiveTask;
import org.stochopt.core.runtime.Round;
import org.stochopt.core.runtime.Shipped;
import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.RowSelection;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * The two layouts of a sparse round's partition work ({@link SparseGradientTask}): full width (the
 * in-process runner: the driver's vectors, the block's own rows, a reused length-d buffer) and
 * compact (a runner that serializes: S_p-long vectors, rows renumbered by {@link BatchColumns})
 * give the same sums bit for bit; the radix-sorted support equals the sorted distinct columns; a
 * stale support is refused by both, and the reused buffer is clean afterwards.
 */
class SparseRoundLayoutsTest {
  private static final int D = LazyLocalStepsTest.D;

  @Test
  void supportIsTheSortedDistinctColumnsForEveryWidth() {
    // d = 37: one radix pass of 6 bits; 2^18: two of 9; 2^23: three of 8 (> 22 bits).
    for (int d : new int[] {37, 1 << 18, 1 << 23}) {
      CsrRowBlock block = randomRows(60, d, 7 + d);
      SplittableRandom rng = new SplittableRandom(d);
      for (int trial = 0; trial < 200; trial++) {
        int k = trial % 9 == 0 ? 0 : 1 + rng.nextInt(trial % 3 == 0 ? 40 : 6);
        int[] selected = new int[k];
        for (int i = 0; i < k; i++) selected[i] = rng.nextInt(block.rows()); // duplicates and empty rows included
        java.util.Arrays.sort(selected);
        TreeSet<Integer> expected = new TreeSet<>();
        for (int r : selected) {
          for (int e = block.rowStart(r); e < block.rowEnd(r); e++) expected.add(block.indicesView()[e]);
        }
        int[] want = expected.stream().mapToInt(Integer::intValue).toArray();
        assertArrayEquals(want, BatchColumns.supportOf(block, selected), "d=" + d + " rows " + java.util.Arrays.toString(selected));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"without-replacement", "with-replacement", "importance"})
  void compactRoundsEqualFullWidthRoundsBitForBit(String sampling) {
    List<RowBlock> parts = List.of(LazyLocalStepsTest.rows(300, 41), LazyLocalStepsTest.rows(4, 42),
        LazyLocalStepsTest.rows(250, 43));
    LinearObjective objective = new LinearObjective(new LogisticLoss(), D);
    InMemoryOracle inProcess = new InMemoryOracle(objective, parts, 1);
    PartitionedOracle serializing = new PartitionedOracle(objective, new Serializing(new LocalPartitionRunner<>(parts, 1)),
        new int[] {300, 4, 250});
    SparseBatchRows full = inProcess.sparseBatchRows();
    SparseBatchRows compact = serializing.sparseBatchRows();
    SamplingPlan plan = inProcess.samplingPlan(5, SamplingScheme.parse(sampling));
    SplittableRandom rng = new SplittableRandom(2);
    double[] w = new double[D];
    double[] anchor = new double[D];
    for (int j = 0; j < D; j++) {
      w[j] = rng.nextGaussian() * 0.3;
      anchor[j] = rng.nextGaussian() * 0.3;
    }
    int b = 7;
    for (long t = 0; t < 15; t++) {
      Minibatch mb = plan.draw(t, b);
      Minibatch next = plan.draw(t + 1, b);
      SparseBatchRows.Selected a = full.select(mb, next);
      SparseBatchRows.Selected c = compact.select(mb, next);
      int[] sa = new int[a.maxSupport()];
      int[] sc = new int[c.maxSupport()];
      int na = a.support(new int[D], 1, sa);
      int nc = c.support(new int[D], 1, sc);
      // The same columns; the order differs (compact: S_0 sorted, then what S_1 adds, …; full width:
      // first appearance in the rows), and no step depends on it (each coordinate's update is its own).
      int[] setA = java.util.Arrays.copyOf(sa, na);
      int[] setC = java.util.Arrays.copyOf(sc, nc);
      java.util.Arrays.sort(setA);
      java.util.Arrays.sort(setC);
      assertArrayEquals(setC, setA, "supports at step " + t);
      GradientSum ga = new GradientSum(D);
      GradientSum gc = new GradientSum(D);
      if (t % 2 == 0) {
        a.difference(w, anchor, ga);
        c.difference(w, anchor, gc);
      } else {
        a.gradient(w, ga);
        c.gradient(w, gc);
      }
      for (int j = 0; j < D; j++) assertEquals(gc.gradient()[j], ga.gradient()[j], 0.0, "step " + t + ", coordinate " + j);
      assertEquals(gc.loss(), ga.loss(), 0.0);
      assertEquals(gc.count(), ga.count(), 0.0);
    }
  }

  @Test
  void bothLayoutsRefuseAStaleSupportAndFullWidthMergesToTheCompactSum() {
    CsrRowBlock rows = LazyLocalStepsTest.rows(80, 51);
    LinearObjective objective = new LinearObjective(new LogisticLoss(), D);
    SamplingPlan plan = new SamplingPlan(3, new int[] {80}, SamplingScheme.WITH_REPLACEMENT);
    Minibatch mb = plan.draw(0, 40); // 40 draws of 80 rows: some row twice
    RowSelection sel = mb.select(0, rows);
    int[] support = BatchColumns.supportOf(rows, sel.rows());
    int[] columns = BatchColumns.columnsOf(rows, sel.rows());
    assertTrue(columns.length > support.length, "the full-width list repeats columns");
    double[] w = new double[D];
    double[] anchor = new double[D];
    SplittableRandom rng = new SplittableRandom(4);
    for (int j = 0; j < D; j++) {
      w[j] = rng.nextGaussian();
      anchor[j] = rng.nextGaussian();
    }
    SparseGradientTask task = new SparseGradientTask(objective, mb, null, true);
    int[] staleSupport = java.util.Arrays.copyOfRange(support, 1, support.length);
    int[] staleColumns = java.util.Arrays.copyOfRange(columns, 0, columns.length - 1);
    assertThrows(IllegalStateException.class, () -> task.apply(0, rows,
        SparseGradientTask.Values.compact(staleSupport, gather(w, staleSupport), gather(anchor, staleSupport))));
    assertThrows(IllegalStateException.class, () -> task.apply(0, rows, SparseGradientTask.Values.fullWidth(staleColumns, w, anchor)));
    // Merged into the same old values in the driver's way (g_j += v_j over the list), the full-width
    // part (repeats read as 0.0) gives the compact part's sums bit for bit; twice in a row, so the
    // thread's scratch was left zero by the first call (and by the refused one above).
    SparseGradientTask.Part compact = task.apply(0, rows,
        SparseGradientTask.Values.compact(support, gather(w, support), gather(anchor, support)));
    double[] old = new double[D];
    for (int q = 0; q < support.length; q++) old[support[q]] = rng.nextGaussian();
    double[] merged = old.clone();
    for (int q = 0; q < support.length; q++) merged[support[q]] += compact.gradient()[q];
    for (int call = 0; call < 2; call++) {
      SparseGradientTask.Part full = task.apply(0, rows, SparseGradientTask.Values.fullWidth(columns, w, anchor));
      assertEquals(compact.count(), full.count(), 0.0);
      assertEquals(compact.loss(), full.loss(), 0.0);
      double[] g = old.clone();
      for (int q = 0; q < columns.length; q++) g[columns[q]] += full.gradient()[q];
      assertArrayEquals(merged, g, 0.0);
    }
  }

  private static double[] gather(double[] v, int[] s) {
    double[] out = new double[s.length];
    for (int q = 0; q < s.length; q++) out[q] = v[s[q]];
    return out;
  }

  /** Rows of 0–12 distinct random columns of [0, d) (some empty), unit values. */
  private static CsrRowBlock randomRows(int n, int d, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    RowBlockBuilder b = new RowBlockBuilder();
    int[] idx = new int[12];
    double[] val = new double[12];
    for (int r = 0; r < n; r++) {
      TreeSet<Integer> cols = new TreeSet<>();
      int want = Math.min(d, rng.nextInt(13));
      while (cols.size() < want) cols.add(rng.nextInt(d));
      int k = 0;
      for (int j : cols) {
        idx[k] = j;
        val[k++] = 1.0;
      }
      b.addRow(1, idx, val, k);
    }
    return b.buildSparse(d, 0);
  }

  /** The in-process runner presented as one that serializes its messages: rounds take the compact layout. */
  private static final class Serializing implements PartitionRunner<RowBlock> {
    private final LocalPartitionRunner<RowBlock> local;

    Serializing(LocalPartitionRunner<RowBlock> local) {
      this.local = local;
    }

    @Override
    public int partitions() {
      return local.partitions();
    }

    @Override
    public boolean inProcess() {
      return false;
    }

    @Override
    public <R> Round<R> map(PartitionTask<RowBlock, R> task, boolean large) {
      return local.map(task, large);
    }

    @Override
    public <A extends Serializable, R> Round<R> mapWithArgs(List<A> args,
        org.stochopt.core.runtime.ArgTask<RowBlock, A, R> task) {
      return local.mapWithArgs(args, task);
    }

    @Override
    public <R> Round<R> update(PartitionTask<RowBlock, RowBlock> step, PartitionTask<RowBlock, R> after) {
      return local.update(step, after);
    }

    @Override
    public <M extends Serializable, R> Round<R> exchange(PartitionTask<RowBlock, List<M>> send,
        ReceiveTask<RowBlock, M, RowBlock> receive, PartitionTask<RowBlock, R> after) {
      return local.exchange(send, receive, after);
    }

    @Override
    public <C> PartitionRunner<C> derive(PartitionTask<RowBlock, C> make) {
      return local.derive(make);
    }

    @Override
    public <V extends Serializable> Shipped<V> ship(V value, long bytes) {
      return local.ship(value, bytes);
    }

    @Override
    public <V extends Serializable> Shipped<V> share(V value) {
      return local.share(value);
    }

    @Override
    public List<RowBlock> collect() {
      return new ArrayList<>(local.collect());
    }

    @Override
    public void close() {
      local.close();
    }
  }
}
