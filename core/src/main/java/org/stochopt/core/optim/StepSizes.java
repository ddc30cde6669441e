package org.stochopt.core.optim;

/**
 * Theory-based default step sizes, from the problem constants. All are overridable from the
 * command line; the docs list their sources.
 */
public final class StepSizes {
  private StepSizes() {}

  /**
   * Expected smoothness of a b-nice minibatch (Gower et al. 2019; Sebbouh et al. 2019):
   * L(b) = [n(b−1)L + (n−b)L_max] / (b(n−1)). It interpolates between L_max (b = 1) and L (b = n).
   */
  public static double expectedSmoothness(ProblemConstants c, long b) {
    long n = c.n();
    if (n == 1) return c.globalL();
    return (n * (b - 1.0) * c.globalL() + (n - b) * c.maxL()) / (b * (n - 1.0));
  }

  /**
   * L_Q, the smoothness constant the variance of a single draw scales with: L_max under uniform
   * sampling, L̄ under importance sampling p_i ∝ L_i (Xiao and Zhang 2014; Allen-Zhu 2017).
   */
  public static double samplingSmoothness(ProblemConstants c, org.stochopt.core.sampling.SamplingScheme scheme) {
    return scheme == org.stochopt.core.sampling.SamplingScheme.IMPORTANCE ? c.meanL() : c.maxL();
  }

  /**
   * Expected smoothness for any scheme: the b-nice formula above without replacement; for b
   * independent draws L(b) = ((b−1)/b)·L + (1/b)·L_Q (Gower et al. 2019, "b-independent"
   * sampling), with L_Q from {@link #samplingSmoothness}.
   */
  public static double expectedSmoothness(ProblemConstants c, long b, org.stochopt.core.sampling.SamplingScheme scheme) {
    if (!scheme.independentDraws()) return expectedSmoothness(c, b);
    return ((b - 1.0) * c.globalL() + samplingSmoothness(c, scheme)) / b;
  }

  /** Minibatch prox-SGD: η₀ = 1 / (2 L(b)), half the step at which the expected descent lemma still holds. */
  public static double sgd(ProblemConstants c, long b, org.stochopt.core.sampling.SamplingScheme scheme) {
    return 1.0 / (2.0 * expectedSmoothness(c, b, scheme));
  }

  public static double sgd(ProblemConstants c, long b) {
    return 1.0 / (2.0 * expectedSmoothness(c, b));
  }

  /**
   * Minibatch prox-SVRG with b-nice sampling (Free-SVRG, Sebbouh, Gazagnadou, Jelassi, Bach,
   * Gower 2019): γ(b) = ½ · b(n−1) / (3(n−b)L_max + n(b−1)L). At b = 1 this is 1/(6 L_max), at
   * b = n it is 1/(2L).
   */
  public static double svrg(ProblemConstants c, long b, org.stochopt.core.sampling.SamplingScheme scheme) {
    if (!scheme.independentDraws()) return svrg(c, b);
    // Same form for independent draws: ½ / (((b−1)/b)·L + 3·L_Q/b); 1/(6 L_Q) at b = 1.
    return 0.5 / (((b - 1.0) * c.globalL() + 3.0 * samplingSmoothness(c, scheme)) / b);
  }

  public static double svrg(ProblemConstants c, long b) {
    long n = c.n();
    if (n == 1) return 1.0 / (2.0 * c.globalL());
    return 0.5 * b * (n - 1.0) / (3.0 * (n - b) * c.maxL() + n * (b - 1.0) * c.globalL());
  }
}
