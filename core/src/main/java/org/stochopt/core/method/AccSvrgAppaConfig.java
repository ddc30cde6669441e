package org.stochopt.core.method;

import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.StepSizes;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * Settings of Acc-Prox-SVRG (Nitanda, NeurIPS 2014) and of its APPA/Catalyst outer loop (Frostig,
 * Ge, Kakade, Sidford, ICML 2015; Lin, Mairal, Harchaoui, NeurIPS 2015), the combination
 * Nitanda, Murata and Suzuki (ICDM 2019) prove to be an optimal minibatch method.
 *
 * @param batchSize b
 * @param eta η, the inner step
 * @param beta β, the inner Nesterov momentum
 * @param epochLength m, inner steps between anchors
 * @param kappa κ_reg ≥ 0, the APPA proximal weight: subproblem k minimizes F(u) + (κ_reg/2)‖u − y_k‖²;
 *     0 runs plain Acc-Prox-SVRG on F (no outer loop)
 * @param mu μ, the strong convexity of F (of R), for the outer momentum
 * @param maxInnerEpochs the most inner epochs one subproblem may take before the outer loop moves on
 */
public record AccSvrgAppaConfig(int batchSize, double eta, double beta, long epochLength, double kappa, double mu, int maxInnerEpochs) {

  public AccSvrgAppaConfig {
    if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    if (!(eta > 0) || !Double.isFinite(eta)) throw new IllegalArgumentException("step size must be positive, got " + eta);
    if (!(beta >= 0 && beta < 1)) throw new IllegalArgumentException("momentum beta must be in [0, 1), got " + beta);
    if (epochLength <= 0) throw new IllegalArgumentException("epoch length must be positive, got " + epochLength);
    if (!(kappa >= 0) || !Double.isFinite(kappa)) throw new IllegalArgumentException("APPA kappa must be >= 0, got " + kappa);
    if (!(mu >= 0)) throw new IllegalArgumentException("mu must be >= 0, got " + mu);
    if (kappa == 0 && mu == 0) {
      throw new IllegalArgumentException("plain Acc-Prox-SVRG needs a strongly convex objective: use APPA (kappa > 0) when mu = 0");
    }
    if (maxInnerEpochs <= 0) throw new IllegalArgumentException("maxInnerEpochs must be positive, got " + maxInnerEpochs);
  }

  /** Strong convexity of each subproblem, μ + κ_reg. */
  public double innerMu() {
    return mu + kappa;
  }

  /**
   * Theory parameters. The APPA weight makes every subproblem's condition number ≈ n, the
   * choice that minimizes (outer iterations) × (inner iterations) = √(κ/κ')·(n/b + κ'/b + √κ')
   * (docs/minibatch-methods.md):
   * <pre>
   *   κ_reg = max(0, (L_Q − nμ)/(n − 1))      (so (L_Q + κ_reg)/(μ + κ_reg) = n; 0 when κ_Q ≤ n)
   *   inner: L' = L + κ_reg, L_Q' = L_Q + κ_reg, μ' = μ + κ_reg
   *   η = min( ½ / (((b−1)/b)·L' + 3·L_Q'/b),  μ' / (δ(b)·L_Q')² )
   *   β = (1 − √(μ'η)) / (1 + √(μ'η))          (Nesterov's momentum for a μ'-strongly convex problem)
   *   δ(b) = (n − b)/(b(n − 1)) without replacement, 1/b for independent draws
   * </pre>
   * The first bound is the minibatch SVRG step of the subproblem. The second keeps the momentum
   * from amplifying the gradient noise: 1/√(μ'η) = δ(b)·κ_Q', the δ(b)·κ term of Nitanda's
   * T(b) = n/b + δ(b)κ + √κ; at large b the first bound takes over and 1/√(μ'η) → √(2κ'), the
   * accelerated floor. (Full Nesterov momentum with the SVRG step diverges at small b: a test shows it.)
   * <pre>
   *   m = ⌈n/b⌉,  at most 10 inner epochs per subproblem
   * </pre>
   * With μ = 0 the weight is κ_reg = L_Q/(n − 1) (q = 0 in the outer loop).
   */
  public static AccSvrgAppaConfig theory(ProblemConstants c, int b, SamplingScheme scheme, boolean useAppa) {
    double lq = StepSizes.samplingSmoothness(c, scheme);
    long n = c.n();
    double kappa = 0.0;
    if (useAppa || c.mu() == 0) kappa = n > 1 ? Math.max(0.0, (lq - n * c.mu()) / (n - 1.0)) : 0.0;
    if (c.mu() == 0 && kappa == 0) kappa = lq; // n = 1 corner
    double innerL = c.globalL() + kappa;
    double innerLq = lq + kappa;
    double innerMu = c.mu() + kappa;
    double delta = scheme.independentDraws() || n == 1 ? 1.0 / b : (n - b) / (b * (n - 1.0));
    double eta = 0.5 / (((b - 1.0) * innerL + 3.0 * innerLq) / b);
    if (delta > 0) eta = Math.min(eta, innerMu / Math.pow(delta * innerLq, 2));
    double root = Math.sqrt(innerMu * eta);
    double beta = (1.0 - root) / (1.0 + root);
    long m = (n + b - 1) / b;
    return new AccSvrgAppaConfig(b, eta, beta, m, kappa, c.mu(), 10);
  }

  public AccSvrgAppaConfig withEta(double newEta) {
    double root = Math.sqrt(innerMu() * newEta);
    return new AccSvrgAppaConfig(batchSize, newEta, (1.0 - root) / (1.0 + root), epochLength, kappa, mu, maxInnerEpochs);
  }
}
