package org.stochopt.core.features;

import org.stochopt.core.rng.GaussianDraws;
import org.stochopt.core.rng.Seeds;

/**
 * Orthogonal random features of the Gaussian kernel (Yu, Suresh, Choromanski, Holtmann-Rice,
 * Kumar, NeurIPS 2016): in each block of d consecutive features,
 *
 * <pre>
 *   W_block = σ⁻¹ · S · Q,   Q uniformly random orthogonal (Gram–Schmidt of a Gaussian d×d matrix),
 *                            S = diag(s_1..s_d), s_i ~ χ_d (the norm of an independent N(0, I_d) vector)
 * </pre>
 *
 * Each row is then marginally N(0, σ⁻² I_d), as in {@link GaussianRff}, so the estimator stays
 * unbiased, but rows within a block are exactly orthogonal, which lowers the kernel-approximation
 * variance. M > d stacks ⌈M/d⌉ independent blocks; block k comes from Seeds.child(seed, 1, k).
 * Generation costs O(d³) per block (d = 784 takes well under a second).
 */
public final class OrthogonalRff extends DenseFrequencyMap {
  private static final long serialVersionUID = 1L;

  public OrthogonalRff(int d, int m, double sigma, long seed) {
    super(d, m, sigma, seed);
  }

  @Override
  public FeatureKind kind() {
    return FeatureKind.ORTHOGONAL;
  }

  @Override
  protected void fillFrequencies(double[] omega) {
    int blocks = (m + d - 1) / d;
    double[] q = new double[d * d];
    for (int k = 0; k < blocks; k++) {
      GaussianDraws g = new GaussianDraws(Seeds.child(seed, FREQUENCY_STREAM, k));
      for (int i = 0; i < d * d; i++) q[i] = g.normal();
      orthonormalizeRows(q, d);
      for (int r = 0; r < d && k * d + r < m; r++) {
        double chiSquared = 0.0;
        for (int i = 0; i < d; i++) {
          double t = g.normal();
          chiSquared += t * t;
        }
        double s = Math.sqrt(chiSquared) / sigma;
        for (int i = 0; i < d; i++) omega[(k * d + r) * d + i] = s * q[r * d + i];
      }
    }
  }

  /**
   * Modified Gram–Schmidt on the rows of a d×d matrix, applied twice ("twice is enough",
   * Giraud et al. 2005) so the rows are orthonormal to working precision. A Gaussian matrix is
   * nonsingular with probability one; the uniform (Haar) law of Q follows from the rotation
   * invariance of the Gaussian rows and needs no sign correction for Gram–Schmidt.
   */
  static void orthonormalizeRows(double[] a, int d) {
    for (int pass = 0; pass < 2; pass++) {
      for (int r = 0; r < d; r++) {
        int ro = r * d;
        for (int p = 0; p < r; p++) {
          int po = p * d;
          double dot = 0.0;
          for (int i = 0; i < d; i++) dot += a[ro + i] * a[po + i];
          for (int i = 0; i < d; i++) a[ro + i] -= dot * a[po + i];
        }
        double norm = 0.0;
        for (int i = 0; i < d; i++) norm += a[ro + i] * a[ro + i];
        norm = Math.sqrt(norm);
        if (norm == 0.0) throw new IllegalStateException("singular Gaussian block (probability zero)");
        for (int i = 0; i < d; i++) a[ro + i] /= norm;
      }
    }
  }
}
