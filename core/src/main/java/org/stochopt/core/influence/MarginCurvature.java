package org.stochopt.core.influence;

import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.loss.Numerics;
import org.stochopt.core.loss.SmoothedHingeLoss;
import org.stochopt.core.loss.SquaredLoss;

/**
 * φ''(z; y), the second derivative of a margin loss, which {@link Loss} does not expose (the
 * optimisers only need its bound):
 * <ul>
 *   <li>logistic: σ(z)(1 − σ(z)) (label-free, since σ(yz)(1 − σ(yz)) is even in y);</li>
 *   <li>squared: 1;</li>
 *   <li>smoothed hinge (γ): 1/γ on 1 − γ &lt; yz &lt; 1, else 0 (the kinks get the one-sided 0:
 *       a set of measure zero, as the sub-sampled Hessian of any piecewise-quadratic loss).</li>
 * </ul>
 */
final class MarginCurvature {
  private MarginCurvature() {}

  static double of(Loss loss, double margin, double label) {
    if (loss instanceof LogisticLoss) {
      double s = Numerics.sigmoid(margin);
      return s * (1.0 - s);
    }
    if (loss instanceof SquaredLoss) return 1.0;
    if (loss instanceof SmoothedHingeLoss h) {
      double t = label * margin;
      return t < 1.0 && t > 1.0 - h.gamma() ? 1.0 / h.gamma() : 0.0;
    }
    throw new IllegalArgumentException("no second derivative known for the loss " + loss.name());
  }

  /** Refuses a loss {@link #of} does not know, before any work is done. */
  static void check(Loss loss) {
    if (!(loss instanceof LogisticLoss || loss instanceof SquaredLoss || loss instanceof SmoothedHingeLoss)) {
      throw new IllegalArgumentException("influence needs the loss's second derivative; " + loss.name()
          + " is not supported (use logistic, squared or smoothed-hinge)");
    }
  }
}
