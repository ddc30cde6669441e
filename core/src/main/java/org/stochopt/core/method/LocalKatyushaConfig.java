package org.stochopt.core.method;

import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * Settings of {@link LocalKatyusha}.
 *
 * @param batchSize b, rows per local step in each partition
 * @param tau1 τ₁ (strongly convex case; Katyusha^ns uses 2/(s+4) in epoch s)
 * @param tau2 τ₂, the Katyusha momentum
 * @param step η, the y-step; the z-step is α = η/τ₁
 * @param localSteps m, local steps per partition per round; 0 = ⌈2·(largest partition)/b⌉, two local
 *     passes (Katyusha's m = 2n/b for the effective minibatch P·b)
 * @param sigma σ = μ of R (0 selects Katyusha^ns)
 * @param sampling how each partition draws its local rows (importance p_i ∝ L_i by default)
 */
public record LocalKatyushaConfig(int batchSize, double tau1, double tau2, double step, int localSteps, double sigma,
    SamplingScheme sampling) {

  public LocalKatyushaConfig {
    if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    if (!(tau2 >= 0 && tau2 <= 0.5)) throw new IllegalArgumentException("tau2 must be in [0, 1/2], got " + tau2);
    if (sigma > 0 && !(tau1 > 0 && tau1 + tau2 <= 1.0)) {
      throw new IllegalArgumentException("tau1 must be in (0, 1 - tau2], got tau1=" + tau1 + ", tau2=" + tau2);
    }
    if (!(step > 0) || !Double.isFinite(step)) throw new IllegalArgumentException("step size must be positive, got " + step);
    if (localSteps < 0) throw new IllegalArgumentException("local steps must be >= 0 (0 = two local passes), got " + localSteps);
    if (!(sigma >= 0)) throw new IllegalArgumentException("sigma must be >= 0, got " + sigma);
    if (sampling == null) throw new IllegalArgumentException("sampling scheme must be given");
  }

  /**
   * Theory parameters: those of minibatch Katyusha ({@link KatyushaConfig#theory}) for the
   * <em>effective</em> minibatch P·b — one local step of every partition, averaged on the driver,
   * touches P·b rows — and two local passes per round (set at {@code init}), so a round is one
   * Katyusha epoch of the P·b-minibatch method with the paper's m = 2n/(P·b) steps.
   */
  public static LocalKatyushaConfig theory(ProblemConstants c, int b, int partitions, SamplingScheme scheme) {
    if (partitions <= 0) throw new IllegalArgumentException("partitions must be positive, got " + partitions);
    long effective = Math.min((long) b * partitions, Math.max(1L, c.n()));
    KatyushaConfig k = KatyushaConfig.theory(c, (int) Math.min(Integer.MAX_VALUE, effective), scheme);
    return new LocalKatyushaConfig(b, k.tau1(), k.tau2(), k.step(), 0, k.sigma(), scheme);
  }

  public boolean stronglyConvex() {
    return sigma > 0;
  }

  public LocalKatyushaConfig withStep(double newStep) {
    return new LocalKatyushaConfig(batchSize, tau1, tau2, newStep, localSteps, sigma, sampling);
  }

  public LocalKatyushaConfig withTaus(double newTau1, double newTau2) {
    return new LocalKatyushaConfig(batchSize, newTau1, newTau2, step, localSteps, sigma, sampling);
  }

  public LocalKatyushaConfig withLocalSteps(int newLocalSteps) {
    return new LocalKatyushaConfig(batchSize, tau1, tau2, step, newLocalSteps, sigma, sampling);
  }
}
