package org.stochopt.core.meanfield;

import java.io.Serializable;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.loss.SquaredLoss;

/**
 * The entropy-regularized mean-field objective
 * <pre>
 *   P(q) = (1/n) Σ_i ℓ(f_q(x_i), y_i) + λ₁ E_q‖θ‖² + λ₂ E_q log q,     f_q(x) = E_q h(θ, x),
 * </pre>
 * equal up to a constant to E ℓ + λ₂ KL(q ‖ N(0, λ₂/(2λ₁) I)). The first variation of the
 * unregularized-by-entropy part F is δF/δq(θ) = (1/n) Σ_i ℓ'(f_q(x_i), y_i) h(θ, x_i) + λ₁‖θ‖², so
 * a particle's drift is ∇θ δF/δq = (1/n) Σ_i ℓ'_i ∇θ h(θ, x_i) + 2λ₁ θ: the loss enters only
 * through the vector g_i = ℓ'(f(x_i), y_i).
 *
 * <p>Losses: squared ½(z − y)² and logistic log(1 + e^{−yz}), the two with the conjugates the
 * duality gap needs ({@link #conjugate}).
 */
public record MeanFieldObjective(Loss loss, double lambda1, double lambda2) implements Serializable {
  public MeanFieldObjective {
    if (!(loss instanceof SquaredLoss) && !(loss instanceof LogisticLoss)) {
      throw new IllegalArgumentException("mean-field training supports the squared and logistic losses, got " + loss.name());
    }
    if (!(lambda1 > 0 && Double.isFinite(lambda1))) {
      throw new IllegalArgumentException("--lambda1 (L2 weight λ₁) must be positive and finite, got " + lambda1);
    }
    if (!(lambda2 >= 0 && Double.isFinite(lambda2))) {
      throw new IllegalArgumentException("--lambda2 (entropy weight λ₂) must be non-negative and finite, got " + lambda2);
    }
  }

  /** Mean loss (1/b) Σ_k ℓ(s_k / M, y_{rows[k]}) from prediction sums. */
  public double meanLoss(double[] sums, int particles, DataMatrix data, int[] rows) {
    double s = 0.0;
    for (int k = 0; k < sums.length; k++) {
      s += loss.value(sums[k] / particles, data.y()[rows == null ? k : rows[k]]);
    }
    return s / sums.length;
  }

  /** Misclassification rate sign(f) ≠ y for the logistic loss; NaN for regression. */
  public double errorRate(double[] sums, DataMatrix data) {
    if (!loss.isClassification()) return Double.NaN;
    int wrong = 0;
    for (int i = 0; i < sums.length; i++) if ((sums[i] >= 0 ? 1.0 : -1.0) != data.y()[i]) wrong++;
    return wrong / (double) sums.length;
  }

  /** The loss derivatives g_k = ℓ'(s_k / M, y_{rows[k]}). */
  public double[] lossDerivatives(double[] sums, int particles, DataMatrix data, int[] rows) {
    double[] g = new double[sums.length];
    for (int k = 0; k < sums.length; k++) {
      g[k] = loss.derivative(sums[k] / particles, data.y()[rows == null ? k : rows[k]]);
    }
    return g;
  }

  /**
   * ℓ*(g; y) = sup_z g z − ℓ(z; y): ½g² + g y for the squared loss; for the logistic loss, with
   * s = −g y ∈ [0, 1], s log s + (1 − s) log(1 − s) (+∞ outside). Fenchel–Young holds with equality
   * at g = ℓ'(z), which is what makes P(q) − D(g_q) = λ₂ KL(q ‖ p_q).
   */
  public double conjugate(double g, double y) {
    if (loss instanceof SquaredLoss) return 0.5 * g * g + g * y;
    double s = -g * y;
    if (s < 0 || s > 1) return Double.POSITIVE_INFINITY;
    return xlogx(s) + xlogx(1 - s);
  }

  private static double xlogx(double x) {
    return x <= 0 ? 0.0 : x * Math.log(x);
  }
}
