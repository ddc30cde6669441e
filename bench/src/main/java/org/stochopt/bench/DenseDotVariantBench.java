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

/**
 * A candidate kernel change measured without touching core: a dense full pass (dot + axpy per row,
 * no loss, same row-major layout as {@code DenseRowBlock}) with the dot product as written in core
 * today (one running sum) against the same dot with four independent partial sums. The JIT keeps
 * floating-point adds in program order, so a one-sum dot runs at one add per add-latency (see
 * {@code MemoryBandwidthBench.readOneChain}); four sums let four adds overlap and the loads
 * vectorize. The four-sum dot rounds differently (sums are re-associated), so adopting it changes
 * results in the last bits — in-process and Spark would still agree with each other.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DenseDotVariantBench {

  @Param({"dense-20000x784"})
  public String shape;

  private int rows;
  private int dim;
  private double[] values;
  private double[] w;
  private double[] g;

  @Setup(Level.Trial)
  public void generate() {
    KernelShape s = KernelShape.parse(shape);
    if (!s.dense()) throw new IllegalArgumentException("DenseDotVariantBench needs a dense shape, got " + shape);
    rows = s.rows();
    dim = s.dim();
    SplittableRandom rnd = new SplittableRandom(42);
    values = new double[rows * dim];
    for (int i = 0; i < values.length; i++) values[i] = rnd.nextDouble();
    w = s.weights(7, 1.0 / Math.sqrt(dim));
  }

  @Setup(Level.Iteration)
  public void resetGradient() {
    g = new double[dim];
  }

  @Benchmark
  public double oneSumDotAxpy() {
    double t = 0.0;
    for (int r = 0; r < rows; r++) {
      int off = r * dim;
      double s = 0.0;
      for (int j = 0; j < dim; j++) s += values[off + j] * w[j];
      t += s;
      for (int j = 0; j < dim; j++) g[j] += 1e-3 * values[off + j];
    }
    return t;
  }

  @Benchmark
  public double fourSumDotAxpy() {
    double t = 0.0;
    for (int r = 0; r < rows; r++) {
      int off = r * dim;
      double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
      int n = dim & ~3;
      for (int j = 0; j < n; j += 4) {
        s0 += values[off + j] * w[j];
        s1 += values[off + j + 1] * w[j + 1];
        s2 += values[off + j + 2] * w[j + 2];
        s3 += values[off + j + 3] * w[j + 3];
      }
      for (int j = n; j < dim; j++) s0 += values[off + j] * w[j];
      t += (s0 + s1) + (s2 + s3);
      for (int j = 0; j < dim; j++) g[j] += 1e-3 * values[off + j];
    }
    return t;
  }
}
