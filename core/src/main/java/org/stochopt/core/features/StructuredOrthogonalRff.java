package org.stochopt.core.features;

import org.stochopt.core.rng.GaussianDraws;
import org.stochopt.core.rng.Seeds;

/**
 * Structured orthogonal random features, SORF (Yu et al., NeurIPS 2016), for the Gaussian kernel
 * when d is large. With p the smallest power of two ≥ d and x zero-padded to length p, each block
 * of p features is
 *
 * <pre>
 *   W_block x = (√p / σ) · H D₁ H D₂ H D₃ x,   H = normalized Walsh–Hadamard (orthogonal),
 *                                               D_i = diag of independent Rademacher signs
 * </pre>
 *
 * so W_block/(√p/σ) is orthogonal and its rows have the norm √p/σ a Gaussian ω has on average.
 * A row costs O(M log p) with the fast transform ({@link Fwht}) instead of O(M d), and the map
 * stores 3·⌈M/p⌉·p signs instead of M·d frequencies. Same Fourier construction as Fastfood
 * (Le, Sarlós, Smola 2013), with three sign diagonals instead of Gaussian scalings and a
 * permutation. Block k's signs come from Seeds.child(seed, 1, k).
 */
public final class StructuredOrthogonalRff extends FourierFeatureMap {
  private static final long serialVersionUID = 1L;
  private final int p;

  public StructuredOrthogonalRff(int d, int m, double sigma, long seed) {
    super(d, m, sigma, seed);
    this.p = Fwht.paddedSize(d);
  }

  @Override
  public FeatureKind kind() {
    return FeatureKind.SORF;
  }

  /** p, the padded (power-of-two) block size. */
  public int blockSize() {
    return p;
  }

  @Override
  protected Object generate() {
    int blocks = (m + p - 1) / p;
    double[] signs = new double[3 * p * blocks];
    for (int k = 0; k < blocks; k++) {
      GaussianDraws g = new GaussianDraws(Seeds.child(seed, FREQUENCY_STREAM, k));
      for (int i = 0; i < 3 * p; i++) signs[3 * p * k + i] = g.sign();
    }
    return signs;
  }

  @Override
  protected void project(Object state, double[] x, int from, int to, double[] out) {
    double[] signs = (double[]) state;
    double scale = Math.sqrt(p) / sigma;
    double[] v = new double[p];
    for (int k = from / p; k * p < to; k++) {
      int base = 3 * p * k;
      java.util.Arrays.fill(v, 0.0);
      for (int i = 0; i < d; i++) v[i] = x[i] * signs[base + 2 * p + i]; // D₃ x
      Fwht.transform(v, 0, p);
      for (int i = 0; i < p; i++) v[i] *= signs[base + p + i]; // D₂
      Fwht.transform(v, 0, p);
      for (int i = 0; i < p; i++) v[i] *= signs[base + i]; // D₁
      Fwht.transform(v, 0, p);
      int lo = Math.max(from, k * p);
      int hi = Math.min(to, (k + 1) * p);
      for (int j = lo; j < hi; j++) out[j - from] = scale * v[j - k * p];
    }
  }
}
