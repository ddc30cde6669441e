package org.stochopt.core.meanfield;

/**
 * Mean-field Langevin dynamics settings.
 *
 * @param eta step size η
 * @param batchSize rows per step B; 0 (or ≥ n) means full batch
 * @param seed run seed (minibatches and noise)
 */
public record MfldConfig(double eta, int batchSize, long seed) {
  public MfldConfig {
    if (!(eta > 0 && Double.isFinite(eta))) throw new IllegalArgumentException("--step must be positive and finite, got " + eta);
    if (batchSize < 0) throw new IllegalArgumentException("--batch-size must be ≥ 0 (0 = full batch), got " + batchSize);
  }
}
