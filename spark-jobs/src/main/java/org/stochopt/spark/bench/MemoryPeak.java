package org.stochopt.spark.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak JVM heap use over an interval: the sum of the heap pools' peak usage since {@link #start}.
 * Per-pool peaks may occur at different moments, so the sum is an upper bound on the true peak;
 * it includes garbage not yet collected and everything else the JVM holds (other systems' data).
 */
public final class MemoryPeak {
  private MemoryPeak() {}

  /** Collects garbage and resets the pools' peaks; returns the heap in use afterwards (MB). */
  public static double start() {
    System.gc();
    double used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
        used += pool.getUsage().getUsed();
      }
    }
    return used / (1 << 20);
  }

  /** Sum of heap pool peaks since the last {@link #start} (MB). */
  public static double peakMb() {
    double peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
    }
    return peak / (1 << 20);
  }
}
