package org.stochopt.spark.job;

/**
 * Refuses a dimension the driver cannot hold, before anything of that size is allocated. One
 * mistyped feature index (e.g. 2000000000) otherwise makes every d-vector gigabytes long and the
 * run dies with an OutOfMemoryError far from the cause.
 */
final class DriverMemory {
  /** d-vectors alive on the driver during a run: iterate, anchor, gradients, averages, evaluator buffers, sums. */
  static final int RUN_VECTORS = 16;
  /** Extra d-vectors of the reference solver (OWL-QN keeps 20 (s, y) pairs plus its own buffers). */
  static final int REFERENCE_VECTORS = 48;

  private DriverMemory() {}

  static void require(long d, boolean reference, String source) {
    long vectors = RUN_VECTORS + (reference ? REFERENCE_VECTORS : 0);
    double needed = (double) vectors * Double.BYTES * d;
    long available = Runtime.getRuntime().maxMemory();
    if (needed > 0.8 * available) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "%s has dimension %d (its largest feature index), which needs about %.1f GiB of driver memory for %d "
              + "vectors of that length, but the driver has %.1f GiB; check the feature indices, or give the driver "
              + "more memory (STOCHOPT_JAVA_OPTS=-Xmx..., or spark-submit --driver-memory)",
          source, d, needed / (1L << 30), vectors, available / (double) (1L << 30)));
    }
  }
}
