package org.stochopt.datasets.synth;

import java.util.SplittableRandom;

/**
 * Standard normal draws by Marsaglia's polar method on {@link SplittableRandom#nextDouble()}.
 *
 * <p>Written out instead of using {@code nextGaussian()} because the JDK's Gaussian algorithm
 * changed in Java 17 (and may again), which would silently change every synthetic dataset. Only
 * {@link Math#sqrt} (correctly rounded by specification) and {@link StrictMath#log} (fdlibm,
 * fixed by specification) touch the values, so draws are bit-identical on every JVM.
 */
final class NormalSampler {
  private final SplittableRandom random;
  private double spare;
  private boolean hasSpare;

  NormalSampler(long seed) {
    random = new SplittableRandom(seed);
  }

  /** Uniform in [0, 1). */
  double uniform() {
    return random.nextDouble();
  }

  double normal() {
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
