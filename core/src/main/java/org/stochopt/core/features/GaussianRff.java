package org.stochopt.core.features;

import org.stochopt.core.rng.GaussianDraws;
import org.stochopt.core.rng.Seeds;

/**
 * Random Fourier features of the Gaussian kernel k(x, y) = exp(−‖x − y‖²/(2σ²)) (Rahimi, Recht
 * 2007): ω_j ~ N(0, σ⁻² I_d) i.i.d., because E[cos⟨ω, δ⟩] = exp(−‖δ‖²/(2σ²)) exactly when the
 * frequency scale is 1/σ. (scikit-learn's RBFSampler with γ = 1/(2σ²) draws the same law;
 * JSAT's RFF_RBF uses 1/(σ√2), which approximates a different width.)
 *
 * <p>ω_j is drawn from the stream Seeds.child(seed, 1, j): feature j depends on (seed, j) only.
 */
public final class GaussianRff extends DenseFrequencyMap {
  private static final long serialVersionUID = 1L;

  public GaussianRff(int d, int m, double sigma, long seed) {
    super(d, m, sigma, seed);
  }

  @Override
  public FeatureKind kind() {
    return FeatureKind.GAUSSIAN;
  }

  @Override
  protected void fillFrequencies(double[] omega) {
    for (int j = 0; j < m; j++) {
      GaussianDraws g = new GaussianDraws(Seeds.child(seed, FREQUENCY_STREAM, j));
      for (int i = 0; i < d; i++) omega[j * d + i] = g.normal() / sigma;
    }
  }
}
