import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.oracle.SparseBatchRows;
import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.RowSelection;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;
import org.stochopt.datasets.synth.HashedTextData;

/**
 * CPU time of one in-process sparse minibatch-difference round, as a lazy step asks for it (draw the
 * minibatch and the next, select, list the support, the difference on the support, zero the sum
 * there), against the same step computed directly on the blocks in this JVM (select each
 * partition's rows, list their distinct columns with a stamp array, {@code accumulateDifference} on
 * the full block into a length-d sum): the in-process path before the rounds went through the
 * {@code PartitionRunner} (docs/performance.md, "O(nnz) steps for the one-step-per-round methods").
 * Both in the same process, alternating in blocks of rounds, after a warm-up; prints the median of
 * the blocks' ns per round for each and their ratio, with the JVM's thread CPU time. With
 * STATE_ARRAYS > 0 each step also reads and writes that many length-d arrays on its support before
 * and after the round, as a lazy step's catch-up and descent do (the cache traffic around a round).
 *
 * <p>Run from the repository root after {@code mvn -pl spark-jobs -am package}:
 * {@code java -cp core/target/stochopt-core-0.1.0-SNAPSHOT.jar:datasets/target/stochopt-datasets-0.1.0-SNAPSHOT.jar
 * bench/sparse/SparseRoundCost.java hashtext:n=5000,d=262144,seed=1 16 4 importance [BLOCKS [STATE_ARRAYS]]}.
 */
public class SparseRoundCost {
  public static void main(String[] args) {
    HashedTextData data = HashedTextData.parse(args[0]);
    int b = Integer.parseInt(args[1]);
    int parts = Integer.parseInt(args[2]);
    SamplingScheme scheme = SamplingScheme.parse(args.length > 3 ? args[3] : "importance");
    int blocksOfRounds = args.length > 4 ? Integer.parseInt(args[4]) : 15;
    List<RowBlock> blocks = new ArrayList<>();
    for (int p = 0; p < parts; p++) blocks.add(data.generate(data.n() * p / parts, data.n() * (p + 1) / parts));
    LinearObjective objective = new LinearObjective(new LogisticLoss(), data.d());
    InMemoryOracle oracle = new InMemoryOracle(objective, blocks, 1);
    SamplingPlan plan = oracle.samplingPlan(1, scheme);
    int d = data.d();
    double[] w = new double[d];
    double[] anchor = new double[d];
    java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
    for (int j = 0; j < d; j++) {
      w[j] = rng.nextGaussian() * 0.1;
      anchor[j] = rng.nextGaussian() * 0.1;
    }
    Step runner = new Step(oracle.sparseBatchRows(), plan, b, d);
    Step direct = new DirectStep(blocks, objective, plan, b, d);
    int stateArrays = args.length > 5 ? Integer.parseInt(args[5]) : 0;
    if (stateArrays > 0) {
      runner.state = new double[stateArrays][d];
      direct.state = new double[stateArrays][d];
    }
    int rounds = 2000;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int warm = 0; warm < 5; warm++) {
      runner.run(w, anchor, rounds);
      direct.run(w, anchor, rounds);
    }
    double[] r = new double[blocksOfRounds];
    double[] o = new double[blocksOfRounds];
    for (int k = 0; k < blocksOfRounds; k++) {
      long c0 = mx.getCurrentThreadCpuTime();
      runner.run(w, anchor, rounds);
      long c1 = mx.getCurrentThreadCpuTime();
      direct.run(w, anchor, rounds);
      long c2 = mx.getCurrentThreadCpuTime();
      r[k] = (c1 - c0) / (double) rounds;
      o[k] = (c2 - c1) / (double) rounds;
    }
    java.util.Arrays.sort(r);
    java.util.Arrays.sort(o);
    double mr = r[blocksOfRounds / 2];
    double mo = o[blocksOfRounds / 2];
    System.out.printf("%s b=%d P=%d %s, %d state arrays, CPU ns per difference round (median of %d blocks of %d rounds):%n",
        args[0], b, parts, scheme, stateArrays, blocksOfRounds, rounds);
    System.out.printf("  runner round (SparseBatchRows): %8.0f  (quartiles %.0f, %.0f)%n", mr, r[blocksOfRounds / 4],
        r[3 * blocksOfRounds / 4]);
    System.out.printf("  direct on the blocks          : %8.0f  (quartiles %.0f, %.0f)%n", mo, o[blocksOfRounds / 4],
        o[3 * blocksOfRounds / 4]);
    System.out.printf("  ratio runner/direct           : %8.2f   (checksum %.6e %.6e)%n", mr / mo, runner.check, direct.check);
  }

  /** The lazy step's use of the rounds (SparseStep.draw and the difference call), minus the method's own work. */
  static class Step {
    final SparseBatchRows rows;
    final SamplingPlan plan;
    final int b;
    final int[] seen;
    int stamp;
    int[] support = new int[16];
    final GradientSum sum;
    long t;
    double check;

    Step(SparseBatchRows rows, SamplingPlan plan, int b, int d) {
      this.rows = rows;
      this.plan = plan;
      this.b = b;
      this.seen = new int[d];
      this.sum = new GradientSum(d);
    }

    void run(double[] w, double[] anchor, int rounds) {
      for (int k = 0; k < rounds; k++, t++) {
        int size = step(w, anchor, plan.draw(t, b));
        if (state != null) { // a lazy step's catch-up and coupling before the round: w on the support
          for (int q = 0; q < size; q++) {
            int j = support[q];
            double v = 0.0;
            for (double[] x : state) v += x[j];
            w[j] = 0.999 * w[j] + 1e-6 * v;
          }
        }
        difference(w, anchor);
        double[] g = sum.gradient();
        for (int q = 0; q < size; q++) {
          int j = support[q];
          check += g[j];
          if (state != null) { // a lazy step's descent: reads and writes its d-length state on the support
            for (double[] v : state) v[j] = 0.5 * v[j] + 1e-3 * g[j];
          }
          g[j] = 0.0;
        }
      }
    }

    /** d-length arrays a method keeps (x, z, ḡ, …), touched on the support after the round, or null. */
    double[][] state;

    int step(double[] w, double[] anchor, Minibatch mb) {
      SparseBatchRows.Selected sel = rows.select(mb, plan.draw(t + 1, b));
      if (support.length < sel.maxSupport()) support = new int[sel.maxSupport()];
      int size = sel.support(seen, ++stamp, support);
      selected = sel;
      return size;
    }

    SparseBatchRows.Selected selected;

    void difference(double[] w, double[] anchor) {
      selected.difference(w, anchor, sum);
    }
  }

  /** The same step on the blocks themselves (the in-process path before the runner rounds). */
  static final class DirectStep extends Step {
    final List<RowBlock> blocks;
    final LinearObjective objective;

    DirectStep(List<RowBlock> blocks, LinearObjective objective, SamplingPlan plan, int b, int d) {
      super(null, plan, b, d);
      this.blocks = blocks;
      this.objective = objective;
    }

    @Override
    int step(double[] w, double[] anchor, Minibatch mb) {
      List<RowSelection> selections = new ArrayList<>();
      int total = 0;
      for (int p = 0; p < blocks.size(); p++) {
        RowSelection sel = mb.countFor(p) == 0 ? null : mb.select(p, blocks.get(p));
        selections.add(sel);
        if (sel == null) continue;
        CsrRowBlock block = (CsrRowBlock) blocks.get(p);
        for (int r : sel.rows()) total += block.rowEnd(r) - block.rowStart(r);
      }
      if (support.length < total) support = new int[total];
      int size = 0;
      ++stamp;
      for (int p = 0; p < blocks.size(); p++) {
        RowSelection sel = selections.get(p);
        if (sel == null) continue;
        CsrRowBlock block = (CsrRowBlock) blocks.get(p);
        int[] indices = block.indicesView();
        for (int r : sel.rows()) {
          for (int e = block.rowStart(r), end = block.rowEnd(r); e < end; e++) {
            int j = indices[e];
            if (seen[j] != stamp) {
              seen[j] = stamp;
              support[size++] = j;
            }
          }
        }
      }
      this.selections = selections;
      return size;
    }

    List<RowSelection> selections;

    @Override
    void difference(double[] w, double[] anchor) {
      for (int p = 0; p < blocks.size(); p++) {
        RowSelection sel = selections.get(p);
        if (sel != null) objective.accumulateDifference(w, anchor, blocks.get(p), sel.rows(), sel.weights(), sum);
      }
    }
  }
}
