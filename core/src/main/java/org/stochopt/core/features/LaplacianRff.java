package org.stochopt.core.features;

import org.stochopt.core.rng.GaussianDraws;
import org.stochopt.core.rng.Seeds;

/**
 * Random Fourier features of the L1 Laplacian kernel k(x, y) = exp(−‖x − y‖₁/σ) (Rahimi, Recht
 * 2007). Its spectral density factorizes over coordinates into Cauchy densities
 * σ/(π(1 + σ²ω²)) (the Fourier transform of exp(−|δ|/σ) is 2σ/(1 + σ²ω²)), so
 * ω_{j,i} = tan(π(U − ½))/σ with U ~ U(0, 1) i.i.d. Heavy-tailed frequencies make these
 * features noisier than Gaussian ones at equal M. Verified numerically by the kernel test.
 */
public final class LaplacianRff extends DenseFrequencyMap {
  private static final long serialVersionUID = 1L;

  public LaplacianRff(int d, int m, double sigma, long seed) {
    super(d, m, sigma, seed);
  }

  @Override
  public FeatureKind kind() {
    return FeatureKind.LAPLACIAN;
  }

  @Override
  protected void fillFrequencies(double[] omega) {
    for (int j = 0; j < m; j++) {
      GaussianDraws g = new GaussianDraws(Seeds.child(seed, FREQUENCY_STREAM, j));
      for (int i = 0; i < d; i++) omega[j * d + i] = StrictMath.tan(Math.PI * (g.uniform() - 0.5)) / sigma;
    }
  }
}
