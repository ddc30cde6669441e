package org.stochopt.core.features;

import java.util.Locale;

/**
 * When to compute features once per cached block and when on the fly.
 *
 * <p><b>Memory rule.</b> Precomputed features of n rows take n·M·8 bytes (dense doubles), against
 * n·s·12 bytes for the raw rows (s stored entries per row, CSR) plus one M·d frequency matrix per
 * JVM. In {@code auto} mode the features are precomputed when n·M·8 ≤ budget, the budget being
 * half of the memory free for caching (Spark: the storage memory the block managers report;
 * in-process: half the free heap). Otherwise each step computes the features of only the rows it
 * touches, O(b·M·d) extra work per step (O(b·M·log d) for sorf) with no extra memory.
 */
public final class FeatureCachePolicy {
  private FeatureCachePolicy() {}

  /** auto: apply the memory rule; yes: always precompute; no: always on the fly. */
  public enum Mode {
    AUTO,
    YES,
    NO;

    public static Mode parse(String s) {
      switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "auto":
          return AUTO;
        case "yes":
        case "true":
          return YES;
        case "no":
        case "false":
          return NO;
        default:
          throw new IllegalArgumentException("cache must be auto, yes or no, got '" + s + "'");
      }
    }
  }

  /** n·M·8: the bytes of n rows of M precomputed double features. */
  public static long featureBytes(long rows, int features) {
    return Math.multiplyExact(Math.multiplyExact(rows, (long) features), 8L);
  }

  /** Whether to precompute features of {@code rows} rows, given {@code budgetBytes} for them. */
  public static boolean precompute(Mode mode, long rows, int features, long budgetBytes) {
    switch (mode) {
      case YES:
        return true;
      case NO:
        return false;
      default:
        return featureBytes(rows, features) <= budgetBytes;
    }
  }

  /** In-process budget: half of the heap that is free now (max − used). */
  public static long inProcessBudget() {
    Runtime rt = Runtime.getRuntime();
    return (rt.maxMemory() - (rt.totalMemory() - rt.freeMemory())) / 2;
  }
}
