package org.stochopt.core.features;

/**
 * A Fourier map with an explicit frequency matrix, stored transposed as d × M (entry (i, j) =
 * ω_{j,i} at i·M + j): projecting x is then a sum of axpys over the nonzero x_i, contiguous in j,
 * which the JIT vectorizes (a row-major dot product per feature does not vectorize, its sum order
 * being fixed) and which skips zero inputs. Cost O(nnz(x)·M) per row, O(M·d) memory per JVM.
 */
abstract class DenseFrequencyMap extends FourierFeatureMap {
  private static final long serialVersionUID = 1L;

  DenseFrequencyMap(int d, int m, double sigma, long seed) {
    super(d, m, sigma, seed);
    Math.multiplyExact(d, m); // Ω must fit in one array
  }

  /** Fills Ω row by row (length M·d, row j = ω_j at j·d); the generation order defines the map. */
  protected abstract void fillFrequencies(double[] omega);

  @Override
  protected final Object generate() {
    double[] omega = new double[d * m];
    fillFrequencies(omega);
    double[] transposed = new double[d * m];
    for (int j = 0; j < m; j++) {
      for (int i = 0; i < d; i++) transposed[i * m + j] = omega[j * d + i];
    }
    return transposed;
  }

  /** A copy of ω_j (for tests and diagnostics). */
  public double[] frequency(int j) {
    double[] t = (double[]) generate();
    double[] w = new double[d];
    for (int i = 0; i < d; i++) w[i] = t[i * m + j];
    return w;
  }

  @Override
  protected final void project(Object state, double[] x, int from, int to, double[] out) {
    double[] t = (double[]) state;
    int width = to - from;
    java.util.Arrays.fill(out, 0, width, 0.0);
    for (int i = 0; i < d; i++) {
      double xi = x[i];
      if (xi == 0.0) continue;
      int off = i * m + from;
      for (int k = 0; k < width; k++) out[k] += xi * t[off + k];
    }
  }
}
