package org.stochopt.core.rng;

import java.util.SplittableRandom;

/**
 * Standard normal draws by Marsaglia's polar method on {@link SplittableRandom#nextDouble()}.
 *
 * <p>Written out instead of {@code nextGaussian()} because the JDK's Gaussian algorithm changed in
 * Java 17 (and may again); random-feature maps are regenerated on every executor from their seed,
 * so their draws must be bit-identical on every JVM. Only {@link Math#sqrt} (correctly rounded by
 * specification) and {@link StrictMath#log} (fdlibm) touch the values. The one Gaussian sampler of
 * the project: synthetic rows, random-feature frequencies and particle noise all draw from it.
 */
public final class GaussianDraws {
  private final SplittableRandom random;
  private double spare;
  private boolean hasSpare;

  public GaussianDraws(long seed) {
    random = new SplittableRandom(seed);
  }

  /** Uniform in [0, 1). */
  public double uniform() {
    return random.nextDouble();
  }

  /** ±1 with probability ½ each. */
  public double sign() {
    return random.nextDouble() < 0.5 ? -1.0 : 1.0;
  }

  public double normal() {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    double[] pair = new double[2];
    polarPair(random, pair);
    spare = pair[1];
    hasSpare = true;
    return pair[0];
  }

  /** One draw from {@code rng} (the polar pair's second value is dropped). */
  public static double next(SplittableRandom rng) {
    double[] pair = new double[2];
    polarPair(rng, pair);
    return pair[0];
  }

  /** Fills out[off .. off+len) with independent draws from {@code rng}, using both values of each pair. */
  public static void fill(SplittableRandom rng, double[] out, int off, int len) {
    double[] pair = new double[2];
    int k = 0;
    while (k < len) {
      polarPair(rng, pair);
      out[off + k++] = pair[0];
      if (k < len) out[off + k++] = pair[1];
    }
  }

  /** Marsaglia's polar method: two independent standard normals into {@code out[0..1]}. */
  private static void polarPair(SplittableRandom rng, double[] out) {
    double u;
    double v;
    double s;
    do {
      u = 2.0 * rng.nextDouble() - 1.0;
      v = 2.0 * rng.nextDouble() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    double f = Math.sqrt(-2.0 * StrictMath.log(s) / s);
    out[0] = u * f;
    out[1] = v * f;
  }
}
