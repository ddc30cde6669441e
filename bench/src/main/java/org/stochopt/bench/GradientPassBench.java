package org.stochopt.bench;

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
 * One full-gradient pass over a block, single-threaded (one partition's work in a round):
 * {@code accumulate} is {@link LinearObjective#accumulate} with the logistic loss, i.e. per row
 * z = ⟨x_r, w⟩, φ(z; y) and φ'(z; y), g += φ'·x_r. {@code dotAxpy} is the same two row kernels with
 * a constant coefficient and no loss, so the difference between the two is the loss's cost (one
 * exponential and one log1p per row since the shared-exponential call; the pass also hides part of
 * it by computing the next row's margin before this row's axpy).
 *
 * <p>{@code csr-20000x784x322} is Fashion-MNIST as stochopt actually stores it: 41% of the pixels
 * are nonzero, below {@code RowBlockBuilder.DENSE_THRESHOLD}, so the loader builds CSR (322 stored
 * entries per row on fmnist:7v9), while {@code dense-20000x784} is the same size stored dense.
 *
 * <p>One op = one pass over all rows; bytes/op and nonzeros/op come from {@link KernelShape}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GradientPassBench {

  @Param({"dense-20000x784", "csr-20000x784x322", "dense-100000x100", "csr-1000000x100000x20"})
  public String shape;

  private RowBlock block;
  private LinearObjective objective;
  private double[] w;
  private GradientSum acc;

  @Setup(Level.Trial)
  public void generate() {
    KernelShape s = KernelShape.parse(shape);
    block = s.generate(42);
    objective = new LinearObjective(new LogisticLoss(), s.dim());
    w = s.weights(7, s.dense() ? 1.0 / Math.sqrt(s.dim()) : 1.0);
  }

  /** A fresh accumulator per iteration so the gradient stays O(passes) and never overflows. */
  @Setup(Level.Iteration)
  public void resetAccumulator() {
    acc = new GradientSum(w.length);
  }

  @Benchmark
  public double accumulate() {
    objective.accumulate(w, block, acc);
    return acc.loss();
  }

  @Benchmark
  public double dotAxpy() {
    double[] g = acc.gradient();
    double s = 0.0;
    for (int r = 0, n = block.rows(); r < n; r++) {
      double z = block.dot(r, w);
      s += z;
      block.axpy(r, 1e-3, g);
    }
    return s;
  }
}
