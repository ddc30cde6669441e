package org.stochopt.bench;

import java.util.Arrays;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * The memory bandwidth this JVM attains on this machine, STREAM-style, over arrays far larger than
 * the last-level cache (default 2²⁴ doubles = 128 MiB per array, 4× a 32 MiB L3), each thread on its
 * own arrays ({@link Scope#Thread}); Throughput mode sums ops/s over threads, so bytes/s is the
 * machine total.
 *
 * <ul>
 *   <li>{@code triad}: a[i] = b[i] + s·c[i]; 24 bytes per element (STREAM's count: two reads, one
 *       write, write-allocate traffic not counted).
 *   <li>{@code read}: Σ a[i] with 8 independent partial sums, 8 bytes per element — pure read
 *       bandwidth, the bound for gradient passes, which only read the data. Eight chains because
 *       the JIT may not reassociate floating-point adds: one chain is limited by the add latency.
 *   <li>{@code readOneChain}: Σ a[i] with one running sum — the dependency chain every
 *       {@code dot} in {@code core.linalg} has; shows the latency ceiling a single-accumulator
 *       reduction hits whatever the memory can deliver.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MemoryBandwidthBench {

  @Param({"16777216"})
  public int length;

  private double[] a;
  private double[] b;
  private double[] c;

  @Setup(Level.Trial)
  public void allocate() {
    a = new double[length];
    b = new double[length];
    c = new double[length];
    Arrays.fill(a, 1.0);
    Arrays.fill(b, 2.0);
    Arrays.fill(c, 0.5);
  }

  @Benchmark
  @Threads(1)
  public double triad() {
    return triadKernel();
  }

  @Benchmark
  @Threads(2)
  public double triad2Threads() {
    return triadKernel();
  }

  @Benchmark
  @Threads(1)
  public double read() {
    return readKernel();
  }

  @Benchmark
  @Threads(2)
  public double read2Threads() {
    return readKernel();
  }

  @Benchmark
  @Threads(1)
  public double readOneChain() {
    double s = 0.0;
    for (int i = 0; i < b.length; i++) s += b[i];
    return s;
  }

  private double triadKernel() {
    double[] x = a;
    double[] y = b;
    double[] z = c;
    double s = 1.0000001;
    for (int i = 0; i < x.length; i++) x[i] = y[i] + s * z[i];
    return x[x.length - 1];
  }

  private double readKernel() {
    double[] x = b;
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int n = x.length & ~7;
    for (int i = 0; i < n; i += 8) {
      s0 += x[i];
      s1 += x[i + 1];
      s2 += x[i + 2];
      s3 += x[i + 3];
      s4 += x[i + 4];
      s5 += x[i + 5];
      s6 += x[i + 6];
      s7 += x[i + 7];
    }
    for (int i = n; i < x.length; i++) s0 += x[i];
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }
}
