package org.stochopt.bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

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

  /** The kernels of a full run, in order (each runs in a fresh JVM, like JMH's forks). */
  public static final List<String> KERNELS = List.of("MemoryBandwidthBench.read length=16777216",
      "GradientPassBench.accumulate shape=dense-20000x784", "GradientPassBench.dotAxpy shape=dense-20000x784",
      "GradientPassBench.accumulate shape=csr-20000x784x322", "GradientPassBench.dotAxpy shape=csr-20000x784x322",
      "GradientPassBench.accumulate shape=dense-100000x100", "GradientPassBench.dotAxpy shape=dense-100000x100",
      "GradientPassBench.accumulate shape=csr-1000000x100000x20",
      "GradientPassBench.dotAxpy shape=csr-1000000x100000x20",
      "MinibatchDifferenceBench.accumulateDifference shape=dense-20000x784 batch=64",
      "MinibatchDifferenceBench.accumulateDifference shape=dense-20000x784 batch=1024",
      "MinibatchDifferenceBench.accumulateDifference shape=csr-1000000x100000x20 batch=64",
      "MinibatchDifferenceBench.accumulateDifference shape=csr-1000000x100000x20 batch=1024");

  /**
   * {@code [--samples N] ["Class.method param=value ..."]}: one benchmark method of this package's
   * JMH classes, with its {@code @Param} fields set and its {@code @Setup} methods run (trial level
   * first); without a kernel, prints {@link #KERNELS}.
   */
  public static void main(String[] args) throws Exception {
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
    int dot = part[0].lastIndexOf('.');
    Class<?> cls = Class.forName(CpuTimeKernels.class.getPackageName() + "." + part[0].substring(0, dot));
    Object bench = cls.getConstructor().newInstance();
    for (int i = 1; i < part.length; i++) {
      String[] kv = part[i].split("=", 2);
      Field f = cls.getField(kv[0]);
      f.set(bench, f.getType() == int.class ? (Object) Integer.valueOf(kv[1]) : kv[1]);
    }
    for (Level level : new Level[] {Level.Trial, Level.Iteration}) {
      for (Method m : cls.getMethods()) {
        Setup setup = m.getAnnotation(Setup.class);
        if (setup != null && setup.value() == level) m.invoke(bench);
      }
    }
    Method method = cls.getMethod(part[0].substring(dot + 1));
    DoubleSupplier op = () -> {
      try {
        return ((Number) method.invoke(bench)).doubleValue();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    };
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
