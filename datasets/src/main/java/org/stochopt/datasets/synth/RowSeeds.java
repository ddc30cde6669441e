package org.stochopt.datasets.synth;

/**
 * Derives independent child seeds from a master seed and a path of integers, e.g.
 * {@code child(seed, ROWS, r)} for row {@code r}.
 *
 * <p>Hashing (rather than, say, {@code seed + r}) matters: {@link java.util.SplittableRandom}
 * instances built from nearby seeds are not guaranteed independent, and {@code seed + r} would
 * make row 1 of seed 1 equal row 0 of seed 2. Each path element is folded in with the SplitMix64
 * finalizer (Stafford's "mix13"), a bijection with full avalanche.
 *
 * <p>Stand-in until {@code org.stochopt.core.rng.Seeds.child(long, long...)} exists; it has the
 * same signature so that switching is a rename (the values will differ, which changes synthetic
 * data, so switch before recording reference results).
 */
public final class RowSeeds {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private RowSeeds() {}

  /** SplitMix64 finalizer: a bijection on longs whose every output bit depends on every input bit. */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Seed for the child at {@code path} below {@code seed}. */
  public static long child(long seed, long... path) {
    long h = mix64(seed);
    for (long p : path) h = fold(h, p);
    return h;
  }

  /** {@link #child(long, long...)} with one path element, without the varargs array. */
  public static long child(long seed, long a) {
    return fold(mix64(seed), a);
  }

  /** {@link #child(long, long...)} with two path elements, without the varargs array (per-row use). */
  public static long child(long seed, long a, long b) {
    return fold(fold(mix64(seed), a), b);
  }

  private static long fold(long h, long p) {
    return mix64(h ^ mix64(p + GOLDEN_GAMMA));
  }
}
