package org.stochopt.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;

/**
 * One benchmark's result translated into work rates: JMH gives ops/s (summed over threads); this
 * multiplies by what one op reads.
 *
 * @param label        benchmark name and parameters, e.g. {@code accumulate csr-1000000x100000x20}
 * @param bandwidth    true for the STREAM-like reference benchmarks, false for gradient kernels
 * @param threads      JMH threads
 * @param opsPerSecond JMH score (ops/s, all threads)
 * @param opsError     JMH's 99.9% half-width (NaN with fewer than two iterations)
 * @param bytesPerOp   bytes one op must read (and, for triad, write)
 * @param entriesPerOp stored entries (nonzeros) one op touches; 0 for the bandwidth benchmarks
 */
public record KernelMeasurement(
    String label, boolean bandwidth, int threads, double opsPerSecond, double opsError, long bytesPerOp,
    long entriesPerOp) {

  public double bytesPerSecond() {
    return opsPerSecond * bytesPerOp;
  }

  public double entriesPerSecond() {
    return opsPerSecond * entriesPerOp;
  }

  /** Translates one JMH result; the byte and entry counts per op follow each benchmark's Javadoc. */
  public static KernelMeasurement of(RunResult result) {
    BenchmarkParams p = result.getParams();
    return of(p.getBenchmark(), p::getParam, p.getThreads(), result.getPrimaryResult().getScore(),
        result.getPrimaryResult().getScoreError());
  }

  /**
   * Translates one result given by name: {@code bench} is the benchmark's (possibly qualified)
   * {@code Class.method}, {@code param} looks up its JMH parameters by name.
   */
  public static KernelMeasurement of(
      String bench, java.util.function.UnaryOperator<String> param, int threads, double score, double error) {
    String method = bench.substring(bench.lastIndexOf('.') + 1);
    String cls = bench.substring(0, bench.lastIndexOf('.'));
    cls = cls.substring(cls.lastIndexOf('.') + 1);
    switch (cls) {
      case "GradientPassBench": {
        KernelShape s = KernelShape.parse(param.apply("shape"));
        return new KernelMeasurement(method + " " + param.apply("shape"), false, threads, score, error,
            s.passBytes(), s.passEntries());
      }
      case "MinibatchDifferenceBench": {
        KernelShape s = KernelShape.parse(param.apply("shape"));
        int b = Integer.parseInt(param.apply("batch"));
        return new KernelMeasurement(method + " " + param.apply("shape") + " b=" + b, false, threads, score, error,
            b * s.bytesPerRow(), b * s.entriesPerRow());
      }
      case "DenseDotVariantBench": {
        KernelShape s = KernelShape.parse(param.apply("shape"));
        return new KernelMeasurement("candidate " + method + " " + param.apply("shape"), false, threads, score, error,
            s.passBytes() - 8L * s.rows(), s.passEntries()); // no labels read
      }
      case "NetlibBlasBench": {
        KernelShape s = KernelShape.parse(param.apply("shape"));
        return new KernelMeasurement("candidate " + method + " " + param.apply("shape"), false, threads, score, error,
            s.passBytes() - 8L * s.rows(), s.passEntries()); // values only; gemv reads them twice
      }
      case "FloatStorageBench": {
        KernelShape s = KernelShape.parse(param.apply("shape"));
        long bytesPerEntry = method.startsWith("float") ? 4 : 8;
        return new KernelMeasurement("candidate " + method + " " + param.apply("shape"), false, threads, score, error,
            bytesPerEntry * s.passEntries(), s.passEntries());
      }
      case "LossBench":
        // No data: "entries" are loss evaluations (ns per row = 1e9 / entries per second); the
        // 16 bytes are the margin and label each evaluation reads (from L1).
        return new KernelMeasurement("loss " + method, false, threads, score, error, 16L * LossBench.ROWS,
            LossBench.ROWS);
      case "MemoryBandwidthBench": {
        long n = Long.parseLong(param.apply("length"));
        long arrays = method.startsWith("triad") ? 3 : 1;
        String name = method.replace("2Threads", "");
        return new KernelMeasurement(name + " (" + threads + (threads == 1 ? " thread)" : " threads)"), true,
            threads, score, error, 8L * arrays * n, 0);
      }
      default:
        throw new IllegalArgumentException("no byte count known for benchmark " + bench);
    }
  }
}
