package org.stochopt.core.rng;

/**
 * Deterministic child seeds: child(seed, a, b, ...) mixes the path into the seed with the
 * SplitMix64 finalizer, so streams for (run, step, partition) are independent and identical on
 * every JVM and machine. Used with {@link java.util.SplittableRandom}, whose algorithm is
 * specified, so draws do not depend on the JDK build.
 */
public final class Seeds {
  private Seeds() {}

  public static long child(long seed, long... path) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (long p : path) h = mix(h ^ mix(p + 0x632BE59BD9B4E019L));
    return h;
  }

  /** SplitMix64 finalizer (Steele, Lea, Flood 2014). */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
