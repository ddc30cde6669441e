package org.stochopt.core.features;

/**
 * In-place fast Walsh–Hadamard transform, normalized: x ← H x with H = H_p / √p orthogonal
 * (H_p the ±1 Sylvester–Hadamard matrix), p a power of two. O(p log p) additions.
 */
public final class Fwht {
  private Fwht() {}

  /** Transforms {@code x[off .. off+p)} in place. */
  public static void transform(double[] x, int off, int p) {
    if (Integer.bitCount(p) != 1) throw new IllegalArgumentException("Hadamard size must be a power of two, got " + p);
    for (int h = 1; h < p; h <<= 1) {
      for (int i = off; i < off + p; i += h << 1) {
        for (int j = i; j < i + h; j++) {
          double a = x[j];
          double b = x[j + h];
          x[j] = a + b;
          x[j + h] = a - b;
        }
      }
    }
    double scale = 1.0 / Math.sqrt(p);
    for (int j = off; j < off + p; j++) x[j] *= scale;
  }

  /** Smallest power of two ≥ d. */
  public static int paddedSize(int d) {
    if (d <= 0) throw new IllegalArgumentException("dimension must be positive, got " + d);
    int p = Integer.highestOneBit(d);
    return p == d ? d : Math.multiplyExact(p, 2);
  }
}
