package org.stochopt.spark.bench;

import java.lang.management.ManagementFactory;

/**
 * Waits until this JVM's own threads — JIT compilers finishing the methods of the run before, the
 * garbage collector — use less than a tenth of a core, so that a peer timed as a child process
 * (LIBLINEAR) does not share the cores with them. Without it the peer's first process started
 * while the compilers were still busy, and its wall time was inflated in our favour.
 */
final class QuietJvm {
  private QuietJvm() {}

  /** How often the process's CPU time is sampled. */
  static final long WINDOW_MILLIS = 50;

  /**
   * Blocks until one {@link #WINDOW_MILLIS} window in which the process used less than 10 % of one
   * core, or until {@code maxSeconds}; returns the seconds waited. Returns at once where the JVM
   * cannot report its CPU time.
   */
  static double await(double maxSeconds) throws InterruptedException {
    if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) return 0;
    long start = System.nanoTime();
    long cpu = os.getProcessCpuTime();
    if (cpu < 0) return 0;
    long t = start;
    while (t - start < maxSeconds * 1e9) {
      Thread.sleep(WINDOW_MILLIS);
      long cpuNow = os.getProcessCpuTime();
      long now = System.nanoTime();
      boolean quiet = cpuNow - cpu < 0.1 * (now - t);
      cpu = cpuNow;
      t = now;
      if (quiet) break;
    }
    return (t - start) / 1e9;
  }
}
