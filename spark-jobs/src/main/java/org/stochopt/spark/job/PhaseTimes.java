package org.stochopt.spark.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Where a short process spends its time: with {@code -Dstochopt.phases=true} (for example
 * {@code STOCHOPT_JAVA_OPTS="-Xmx3g -Dstochopt.phases=true" scripts/stochopt train ...}) each
 * {@link #mark} prints one stderr line with the wall time since the process started (the launcher
 * script's start, which it passes in {@link #LAUNCH_ENV}; else the JVM process's start) and the
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

  /**
   * The environment variable in which scripts/stochopt passes the instant it started, as bash's
   * {@code $EPOCHREALTIME} (seconds since the epoch, microseconds).
   */
  public static final String LAUNCH_ENV = "STOCHOPT_LAUNCH_EPOCH";

  /** Prints {@code phase} with the process's wall and CPU seconds so far, when turned on. */
  public static void mark(String phase) {
    if (!ON) return;
    ProcessHandle.Info info = ProcessHandle.current().info();
    double wall = secondsSince(System.getenv(LAUNCH_ENV), Instant.now());
    // Without the launcher's instant, the process's start from /proc: Linux derives it from the boot
    // time in whole seconds (btime), so it can lie up to 1 s early (measured 0.99 s on the shared
    // machine), which only the first phase absorbs.
    if (Double.isNaN(wall)) {
      wall = info.startInstant().map(s -> Duration.between(s, Instant.now()).toNanos() / 1e9).orElse(Double.NaN);
    }
    double cpu = info.totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    System.err.printf(Locale.ROOT, "phase %-22s wall %6.3f s  cpu %6.3f s%n", phase, wall, cpu);
  }

  /** Seconds from {@code epochSeconds} ("1796324252.988695"; null, empty or malformed: NaN) to {@code now}. */
  static double secondsSince(String epochSeconds, Instant now) {
    if (epochSeconds == null || !epochSeconds.matches("\\d+([.,]\\d+)?")) return Double.NaN;
    java.math.BigDecimal start = new java.math.BigDecimal(epochSeconds.replace(',', '.'));
    java.math.BigDecimal end = java.math.BigDecimal.valueOf(now.getEpochSecond()).add(java.math.BigDecimal.valueOf(now.getNano(), 9));
    return end.subtract(start).doubleValue();
  }
}
