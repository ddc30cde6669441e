package org.stochopt.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.objective.LinearObjective;

/**
 * The variance-reduced minibatch kernel {@link LinearObjective#accumulateDifference}: for b rows
 * drawn uniformly, g += (φ'(⟨x_r, w⟩) − φ'(⟨x_r, w̃⟩))·x_r — two dots and one axpy per row.
 *
 * <p>Each op uses the next batch from a pre-drawn pool that covers the block several times, so the
 * rows come from memory as in a real epoch, not from a cache warmed by the previous op. One op =
 * one minibatch; its bytes are b rows' bytes, counted once although each row is touched three
 * times (the second and third touch hit the cache).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MinibatchDifferenceBench {
  /** Pool size cap (row indices); 16 MB of ints. */
  private static final int MAX_POOL = 1 << 22;

  @Param({"dense-20000x784", "csr-1000000x100000x20"})
  public String shape;

  @Param({"64", "1024"})
  public int batch;

  private RowBlock block;
  private LinearObjective objective;
  private double[] w;
  private double[] anchor;
  private int[][] batches;
  private int next;
  private GradientSum acc;

  @Setup(Level.Trial)
  public void generate() {
    KernelShape s = KernelShape.parse(shape);
    block = s.generate(42);
    objective = new LinearObjective(new LogisticLoss(), s.dim());
    double scale = s.dense() ? 1.0 / Math.sqrt(s.dim()) : 1.0;
    w = s.weights(7, scale);
    anchor = s.weights(8, scale);
    int count = (int) Math.max(1, Math.min((long) MAX_POOL, 4L * s.rows()) / batch);
    SplittableRandom rnd = new SplittableRandom(3);
    batches = new int[count][batch];
    for (int[] b : batches) {
      for (int k = 0; k < batch; k++) b[k] = rnd.nextInt(s.rows());
    }
  }

  @Setup(Level.Iteration)
  public void resetAccumulator() {
    acc = new GradientSum(w.length);
  }

  @Benchmark
  public double accumulateDifference() {
    int[] rows = batches[next];
    next = next + 1 == batches.length ? 0 : next + 1;
    objective.accumulateDifference(w, anchor, block, rows, null, acc);
    return acc.count();
  }
}
