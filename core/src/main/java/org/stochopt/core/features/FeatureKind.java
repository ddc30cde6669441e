package org.stochopt.core.features;

import java.util.Locale;

/**
 * The random-feature constructions and the kernel each one approximates.
 *
 * <ul>
 *   <li>{@code gaussian}: Rahimi–Recht random Fourier features of k(x, y) = exp(−‖x − y‖²/(2σ²));</li>
 *   <li>{@code laplacian}: random Fourier features of the L1 Laplacian kernel exp(−‖x − y‖₁/σ);</li>
 *   <li>{@code orthogonal}: orthogonal random features (Yu et al. 2016), same Gaussian kernel,
 *       lower variance, O(d²) per row;</li>
 *   <li>{@code sorf}: structured orthogonal random features (Yu et al. 2016), the Gaussian kernel
 *       with HD-products and a fast Walsh–Hadamard transform, O(M log d) per row and O(M) memory.</li>
 * </ul>
 */
public enum FeatureKind {
  GAUSSIAN,
  LAPLACIAN,
  ORTHOGONAL,
  SORF;

  /** The exact kernel with bandwidth σ. */
  public double kernel(double[] x, double[] y, double sigma) {
    if (this == LAPLACIAN) return Math.exp(-distance(x, y, true) / sigma);
    double d = distance(x, y, false);
    return Math.exp(-d * d / (2.0 * sigma * sigma));
  }

  /** ‖x − y‖₁ when {@code l1}, else ‖x − y‖₂: the distance the kernel is a function of. */
  public static double distance(double[] x, double[] y, boolean l1) {
    double s = 0.0;
    for (int j = 0; j < x.length; j++) {
      double t = x[j] - y[j];
      s += l1 ? Math.abs(t) : t * t;
    }
    return l1 ? s : Math.sqrt(s);
  }

  /** Whether the kernel is a function of the L1 distance (and the median heuristic uses L1). */
  public boolean usesL1Distance() {
    return this == LAPLACIAN;
  }

  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static FeatureKind parse(String s) {
    for (FeatureKind k : values()) {
      if (k.specName().equals(s.strip().toLowerCase(Locale.ROOT))) return k;
    }
    throw new IllegalArgumentException("unknown random-feature kind '" + s + "' (expected gaussian, laplacian, orthogonal or sorf)");
  }

  /** Builds the map with these parameters. */
  public FeatureMap create(int d, int m, double sigma, long seed) {
    switch (this) {
      case GAUSSIAN:
        return new GaussianRff(d, m, sigma, seed);
      case LAPLACIAN:
        return new LaplacianRff(d, m, sigma, seed);
      case ORTHOGONAL:
        return new OrthogonalRff(d, m, sigma, seed);
      default:
        return new StructuredOrthogonalRff(d, m, sigma, seed);
    }
  }
}
