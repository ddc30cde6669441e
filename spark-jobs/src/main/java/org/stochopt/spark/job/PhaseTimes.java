package org.stochopt.spark.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Where a short process spends its time: with {@code -Dstochopt.phases=true} (for example
 * {@code STOCHOPT_JAVA_OPTS="-Xmx3g -Dstochopt.phases=true" scripts/stochopt train ...}) each
 * {@link #mark} prints one stderr line with the wall time since the JVM process started and the
 * CPU time the process has used so far (all threads: JIT compilers, GC, the report warm-up).
 * Differences between consecutive lines are the phases of the breakdown in docs/performance.md
 * ("Whole process against LIBLINEAR").
 *
 * <p>Why wall and CPU: on a shared, loaded machine wall time is inflated by other processes,
 * CPU time much less. Off by default, and then a mark costs one static field read.
 */
public final class PhaseTimes {
  /** The system property that turns the marks on. */
  public static final String PROPERTY = "stochopt.phases";

  private static final boolean ON = Boolean.getBoolean(PROPERTY);

  private PhaseTimes() {}

  /** Prints {@code phase} with the process's wall and CPU seconds so far, when turned on. */
  public static void mark(String phase) {
    if (!ON) return;
    ProcessHandle.Info info = ProcessHandle.current().info();
    // The start instant comes from /proc with 10 ms resolution: fine for phases of 50 ms and more.
    double wall = info.startInstant().map(s -> Duration.between(s, Instant.now()).toNanos() / 1e9).orElse(Double.NaN);
    double cpu = info.totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    System.err.printf(Locale.ROOT, "phase %-22s wall %6.3f s  cpu %6.3f s%n", phase, wall, cpu);
  }
}
