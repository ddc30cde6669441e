package org.stochopt.core.method;

import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.StepSizes;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * Settings of {@link LocalSvrg}.
 *
 * @param batchSize b, rows per local step in each partition
 * @param eta η, the local prox-SVRG step
 * @param localSteps H, local steps per partition per round; 0 = one local pass, ⌈(largest partition)/b⌉
 * @param anchorEvery rounds between anchor refreshes (each refresh is one full-gradient round)
 */
public record LocalSvrgConfig(int batchSize, double eta, int localSteps, long anchorEvery) {
  public LocalSvrgConfig {
    if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    if (!(eta > 0) || !Double.isFinite(eta)) throw new IllegalArgumentException("step size must be positive, got " + eta);
    if (localSteps < 0) throw new IllegalArgumentException("local steps must be >= 0 (0 = one local pass), got " + localSteps);
    if (anchorEvery <= 0) throw new IllegalArgumentException("anchor interval must be positive, got " + anchorEvery);
  }

  /**
   * Defaults: H = ⌈(n/P)/b⌉ local steps (one local pass per round, so a round does the work of a
   * prox-SVRG epoch spread over the P partitions), a fresh anchor every round, and the prox-SVRG
   * step for b independent uniform draws, η = ½/(((b−1)/b)L + 3L_max/b). Averaging the P local
   * iterates is what keeps that step safe without a smaller one (docs/minibatch-methods.md).
   */
  public static LocalSvrgConfig defaults(ProblemConstants c, int b) {
    return new LocalSvrgConfig(b, StepSizes.svrg(c, b, SamplingScheme.WITH_REPLACEMENT), 0, 1);
  }

  public LocalSvrgConfig withEta(double newEta) {
    return new LocalSvrgConfig(batchSize, newEta, localSteps, anchorEvery);
  }
}
