package org.stochopt.core.meanfield;

/**
 * Mean-field Langevin dynamics settings.
 *
 * <p>Step schedule: η_t = η for t < decayFrom, then a linear decay to zero at decayTo,
 * <pre>
 *   η_t = η·(decayTo − t)/(decayTo − decayFrom)     (decayFrom ≤ t < decayTo)
 * </pre>
 * With decayFrom = decayTo (or Long.MAX_VALUE, the default) the step is constant. The Langevin noise
 * follows the step (sqrt(2λ₂η_t)), so the discretisation still targets the same Gibbs measure;
 * what the decay removes is the minibatch noise of a large constant step, whose size is ∝ η.
 *
 * @param eta step size η
 * @param batchSize rows per step B; 0 (or ≥ n) means full batch
 * @param seed run seed (minibatches and noise)
 * @param decayFrom first step of the linear decay
 * @param decayTo step at which the decayed step would reach zero (the run's last step is decayTo − 1)
 */
public record MfldConfig(double eta, int batchSize, long seed, long decayFrom, long decayTo) {
  public MfldConfig {
    if (!(eta > 0 && Double.isFinite(eta))) throw new IllegalArgumentException("--step must be positive and finite, got " + eta);
    if (batchSize < 0) throw new IllegalArgumentException("--batch-size must be ≥ 0 (0 = full batch), got " + batchSize);
    if (decayFrom < 0 || decayTo < decayFrom) throw new IllegalArgumentException("step decay needs 0 ≤ from ≤ to, got " + decayFrom + ".." + decayTo);
  }

  /** A constant step. */
  public MfldConfig(double eta, int batchSize, long seed) {
    this(eta, batchSize, seed, Long.MAX_VALUE, Long.MAX_VALUE);
  }

  /** A constant step for the first (1 − fraction)·steps, then linear to zero at the end of a run of {@code steps}. */
  public static MfldConfig withTailDecay(double eta, int batchSize, long seed, long steps, double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) throw new IllegalArgumentException("--step-decay must be in [0, 1], got " + fraction);
    if (fraction == 0) return new MfldConfig(eta, batchSize, seed);
    long from = steps - Math.round(fraction * steps);
    return new MfldConfig(eta, batchSize, seed, from, steps);
  }

  /** η_t of step t. */
  public double etaAt(long t) {
    if (t < decayFrom || decayTo == decayFrom) return eta;
    return t >= decayTo ? 0.0 : eta * (decayTo - t) / (double) (decayTo - decayFrom);
  }
}
