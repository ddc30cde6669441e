package org.stochopt.core.rng;

import java.util.SplittableRandom;

/**
 * Standard normal draws by Marsaglia's polar method on {@link SplittableRandom#nextDouble()}.
 *
 * <p>Written out instead of {@code nextGaussian()} because the JDK's Gaussian algorithm changed in
 * Java 17 (and may again); random-feature maps are regenerated on every executor from their seed,
 * so their draws must be bit-identical on every JVM. Only {@link Math#sqrt} (correctly rounded by
 * specification) and {@link StrictMath#log} (fdlibm) touch the values. Same algorithm as the
 * datasets module's row sampler.
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
    double u;
    double v;
    double s;
    do {
      u = 2.0 * random.nextDouble() - 1.0;
      v = 2.0 * random.nextDouble() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    double f = Math.sqrt(-2.0 * StrictMath.log(s) / s);
    spare = v * f;
    hasSpare = true;
    return u * f;
  }
}
