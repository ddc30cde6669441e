package org.stochopt.core.meanfield;

import java.util.SplittableRandom;

/**
 * Standard normal draws by Marsaglia's polar method on {@link SplittableRandom#nextDouble()}.
 * Written out (not {@code nextGaussian()}, whose algorithm changed in Java 17) so that particle
 * noise is bit-identical on every JVM: only {@link Math#sqrt} (correctly rounded) and
 * {@link StrictMath#log} (fdlibm) touch the values.
 */
final class GaussianDraws {
  private GaussianDraws() {}

  /** One draw (the polar pair's second value is dropped). */
  static double next(SplittableRandom rng) {
    double u;
    double v;
    double s;
    do {
      u = 2.0 * rng.nextDouble() - 1.0;
      v = 2.0 * rng.nextDouble() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    return u * Math.sqrt(-2.0 * StrictMath.log(s) / s);
  }

  /** Fills out[off .. off+len) with independent draws, using both values of each polar pair. */
  static void fill(SplittableRandom rng, double[] out, int off, int len) {
    int k = 0;
    while (k < len) {
      double u;
      double v;
      double s;
      do {
        u = 2.0 * rng.nextDouble() - 1.0;
        v = 2.0 * rng.nextDouble() - 1.0;
        s = u * u + v * v;
      } while (s >= 1.0 || s == 0.0);
      double f = Math.sqrt(-2.0 * StrictMath.log(s) / s);
      out[off + k++] = u * f;
      if (k < len) out[off + k++] = v * f;
    }
  }
}
