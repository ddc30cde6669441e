package org.stochopt.core.features;

/**
 * A Fourier map with an explicit M × d frequency matrix Ω (row j = ω_j, row-major): projection
 * costs O(d) per feature and the matrix O(M·d) memory per JVM.
 */
abstract class DenseFrequencyMap extends FourierFeatureMap {
  private static final long serialVersionUID = 1L;

  DenseFrequencyMap(int d, int m, double sigma, long seed) {
    super(d, m, sigma, seed);
    Math.multiplyExact(d, m); // Ω must fit in one array
  }

  /** Fills Ω (length M·d, row j = ω_j). */
  protected abstract void fillFrequencies(double[] omega);

  @Override
  protected final Object generate() {
    double[] omega = new double[d * m];
    fillFrequencies(omega);
    return omega;
  }

  /** A copy of ω_j (for tests and diagnostics). */
  public double[] frequency(int j) {
    double[] omega = (double[]) generate();
    return java.util.Arrays.copyOfRange(omega, j * d, (j + 1) * d);
  }

  @Override
  protected final void project(Object state, double[] x, int from, int to, double[] out) {
    double[] omega = (double[]) state;
    for (int j = from; j < to; j++) {
      int off = j * d;
      double s = 0.0;
      for (int i = 0; i < d; i++) s += omega[off + i] * x[i];
      out[j - from] = s;
    }
  }
}
