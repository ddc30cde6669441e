package org.stochopt.core.meanfield;

import org.stochopt.core.rng.GaussianDraws;

import java.util.SplittableRandom;
import org.stochopt.core.rng.Seeds;

/**
 * The dual objective at the current loss derivatives, D(g_q), for the duality-gap view of
 * Nitanda–Wu–Suzuki (AISTATS 2022, Theorem 3):
 * <pre>
 *   D(g) = −(1/n) Σ_i ℓ*(g_i; y_i) − λ₂ log Z(g),
 *   Z(g) = ∫ exp(−V(θ)/λ₂) dθ,   V(θ) = (1/n) Σ_i g_i h(θ, x_i) + λ₁‖θ‖²,
 * </pre>
 * with g_i = ℓ'(f_q(x_i), y_i). exp(−V/λ₂)/Z is the proximal Gibbs distribution p_q, and
 * P(q) − D(g_q) = λ₂ KL(q ‖ p_q) ≥ 0; by weak duality D(g) ≤ P(q*) for every g.
 *
 * <p><b>Estimator of log Z.</b> Defensive importance sampling (Hesterberg 1995) with K draws from
 * the mixture r = ½ N(0, σ²I) + ½ KDE, where σ² = λ₂/(2λ₁) (the prior; exp(−λ₁‖θ‖²/λ₂)/N(θ; 0, σ²I)
 * is the constant (πλ₂/λ₁)^{p/2}) and KDE is a Gaussian kernel density on the sampled particles
 * with Silverman's bandwidth. Near convergence q ≈ p_q, so the particle half is a good proposal;
 * the prior half bounds the weights where particles are sparse. log Ẑ = log-mean-exp of the
 * log-weights −V(θ)/λ₂ − log r(θ). By Jensen E log Ẑ ≤ log Z, so D̂ is biased upward (and
 * the gap downward) when K is too small for the weight spread; the trace also records the
 * effective sample size fraction of the weights to judge that. The draws come from the fixed
 * stream {@code Seeds.child(seed, GAP)}, so successive evaluations use common random numbers.
 */
public final class DualCertificate {
  private static final long GAP_STREAM = 0x474150L;

  private DualCertificate() {}

  /** D̂ and the effective-sample-size fraction (Σw)²/(K Σw²) of its importance weights. */
  public record Estimate(double dual, double logPartition, double essFraction) {}

  public static Estimate estimate(MeanFieldObjective obj, NeuronUnit unit, DataMatrix train, double[] g,
      double[] sample, int sampleCount, int draws, long seed) {
    double lambda1 = obj.lambda1();
    double lambda2 = obj.lambda2();
    int n = train.rows();
    int p = unit.parameterDim(train.dim());
    double conj = 0.0;
    for (int i = 0; i < n; i++) conj += obj.conjugate(g[i], train.y()[i]);
    conj /= n;

    double priorVar = lambda2 / (2 * lambda1);
    double bandwidth = silverman(sample, sampleCount, p);
    SplittableRandom rng = new SplittableRandom(Seeds.child(seed, GAP_STREAM));
    double[] theta = new double[p];
    double[] logW = new double[draws];
    double[] normal = new double[p];
    for (int k = 0; k < draws; k++) {
      GaussianDraws.fill(rng, normal, 0, p);
      boolean fromPrior = sampleCount == 0 || rng.nextDouble() < 0.5;
      if (fromPrior) {
        for (int j = 0; j < p; j++) theta[j] = Math.sqrt(priorVar) * normal[j];
      } else {
        int c = rng.nextInt(sampleCount);
        for (int j = 0; j < p; j++) theta[j] = sample[c * p + j] + bandwidth * normal[j];
      }
      double logPrior = logNormal(theta, null, 0, p, priorVar);
      double logR = logPrior;
      if (sampleCount > 0) {
        double logKde = logKde(theta, sample, sampleCount, p, bandwidth);
        logR = logSumExp(logPrior, logKde) - Math.log(2);
      }
      logW[k] = -potential(unit, train, g, theta, lambda1) / lambda2 - logR;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double v : logW) max = Math.max(max, v);
    double sw = 0.0;
    double sw2 = 0.0;
    for (double v : logW) {
      double w = Math.exp(v - max);
      sw += w;
      sw2 += w * w;
    }
    double logZ = max + Math.log(sw / draws);
    return new Estimate(-conj - lambda2 * logZ, logZ, sw * sw / (draws * sw2));
  }

  /** V(θ) = (1/n) Σ_i g_i h(θ, x_i) + λ₁‖θ‖². */
  static double potential(NeuronUnit unit, DataMatrix train, double[] g, double[] theta, double lambda1) {
    double s = 0.0;
    int w = unit.inputOffset();
    for (int i = 0; i < train.rows(); i++) {
      if (g[i] != 0.0) s += g[i] * unit.value(theta, 0, train.dot(i, theta, w));
    }
    double sq = 0.0;
    for (double v : theta) sq += v * v;
    return s / train.rows() + lambda1 * sq;
  }

  private static double silverman(double[] sample, int count, int p) {
    if (count < 2) return 1.0;
    double var = 0.0;
    for (int j = 0; j < p; j++) {
      double m = 0.0;
      for (int c = 0; c < count; c++) m += sample[c * p + j];
      m /= count;
      double v = 0.0;
      for (int c = 0; c < count; c++) v += (sample[c * p + j] - m) * (sample[c * p + j] - m);
      var += v / (count - 1);
    }
    double sd = Math.sqrt(Math.max(var / p, 1e-300));
    return sd * Math.pow(4.0 / ((p + 2.0) * count), 1.0 / (p + 4.0));
  }

  private static double logKde(double[] theta, double[] sample, int count, int p, double h) {
    double max = Double.NEGATIVE_INFINITY;
    double[] terms = new double[count];
    for (int c = 0; c < count; c++) {
      terms[c] = logNormal(theta, sample, c * p, p, h * h);
      max = Math.max(max, terms[c]);
    }
    double s = 0.0;
    for (double t : terms) s += Math.exp(t - max);
    return max + Math.log(s / count);
  }

  /** log N(θ; μ, var·I), μ = mean[off..off+p) or 0 when mean is null. */
  private static double logNormal(double[] theta, double[] mean, int off, int p, double var) {
    double d2 = 0.0;
    for (int j = 0; j < p; j++) {
      double t = theta[j] - (mean == null ? 0.0 : mean[off + j]);
      d2 += t * t;
    }
    return -0.5 * p * Math.log(2 * Math.PI * var) - d2 / (2 * var);
  }

  private static double logSumExp(double a, double b) {
    double m = Math.max(a, b);
    return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
  }
}
