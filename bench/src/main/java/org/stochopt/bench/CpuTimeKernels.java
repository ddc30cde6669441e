package org.stochopt.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * The main kernel benchmarks timed by the thread's CPU time instead of wall time: on a shared
 * machine (2 cores, several tenants) a JMH wall-clock score also counts the time the thread waited
 * for a core, which can halve it; CPU time leaves that out (it still includes what other tenants do
 * to the caches and the memory bus). Same ops as the JMH classes, driven through their setup and
 * benchmark methods, so the harness also runs against an older benchmarks jar
 * ({@code -cp old.jar:new-classes} A/B). One line per kernel: median ops per CPU-second over
 * {@code --samples} samples of ≥ 0.5 CPU-s each after ≥ 2 CPU-s of warm-up, with min and max.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.stochopt.bench.CpuTimeKernels [--samples 7]
 * </pre>
 */
public final class CpuTimeKernels {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static double sink;

  private CpuTimeKernels() {}

  /** The kernels, in the order a full run measures them (each in a fresh JVM, like JMH's forks). */
  public static final List<String> KERNELS = List.of("read",
      "accumulate dense-20000x784", "dotAxpy dense-20000x784",
      "accumulate dense-100000x100", "dotAxpy dense-100000x100",
      "accumulate csr-1000000x100000x20", "dotAxpy csr-1000000x100000x20",
      "accumulateDifference dense-20000x784 b=64", "accumulateDifference dense-20000x784 b=1024",
      "accumulateDifference csr-1000000x100000x20 b=64", "accumulateDifference csr-1000000x100000x20 b=1024");

  /** {@code [--samples N] [KERNEL]}: one kernel (a {@link #KERNELS} entry), or the list of names. */
  public static void main(String[] args) {
    int samples = 7;
    String kernel = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--samples") && i + 1 < args.length) {
        samples = Integer.parseInt(args[++i]);
      } else {
        kernel = args[i];
      }
    }
    if (kernel == null) {
      KERNELS.forEach(System.out::println);
      return;
    }
    String[] part = kernel.split(" ");
    DoubleSupplier op;
    if (part[0].equals("read")) {
      MemoryBandwidthBench bw = new MemoryBandwidthBench();
      bw.length = 1 << 24;
      bw.allocate();
      op = bw::read;
    } else if (part[0].equals("accumulateDifference")) {
      MinibatchDifferenceBench m = new MinibatchDifferenceBench();
      m.shape = part[1];
      m.batch = Integer.parseInt(part[2].substring(2));
      m.generate();
      m.resetAccumulator();
      op = m::accumulateDifference;
    } else {
      GradientPassBench g = new GradientPassBench();
      g.shape = part[1];
      g.generate();
      g.resetAccumulator();
      op = switch (part[0]) {
        case "accumulate" -> g::accumulate;
        case "dotAxpy" -> g::dotAxpy;
        default -> throw new IllegalArgumentException("unknown kernel '" + kernel + "'; known: " + KERNELS);
      };
    }
    System.out.println(line(kernel, op, samples));
    if (sink == 42.4242) System.out.println(); // keeps the results alive
  }

  private static String line(String name, DoubleSupplier op, int samples) {
    run(op, 2_000_000_000L);
    double[] rates = new double[samples];
    for (int s = 0; s < samples; s++) rates[s] = run(op, 500_000_000L);
    Arrays.sort(rates);
    String l = String.format(Locale.ROOT, "\"%s\",%.6g,%.6g,%.6g,%d", name, rates[samples / 2], rates[0],
        rates[samples - 1], samples);
    return l;
  }

  /** Calls op until cpuNanos of this thread's CPU time have passed; returns ops per CPU-second. */
  private static double run(DoubleSupplier op, long cpuNanos) {
    long start = THREADS.getCurrentThreadCpuTime();
    long ops = 0;
    long now;
    double s = 0.0;
    do {
      s += op.getAsDouble();
      ops++;
      now = THREADS.getCurrentThreadCpuTime();
    } while (now - start < cpuNanos);
    sink += s;
    return ops / ((now - start) * 1e-9);
  }
}
