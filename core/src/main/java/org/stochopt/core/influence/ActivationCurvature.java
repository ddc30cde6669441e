package org.stochopt.core.influence;

import org.stochopt.core.ntk.Activation;

/**
 * σ''(z) of the network activations, which {@link Activation} does not expose (training needs
 * only σ′; the Hessian–vector product of a two-layer network needs σ''):
 * <ul>
 *   <li>tanh: −2·tanh(z)·(1 − tanh²(z));</li>
 *   <li>sigmoid s: s(1 − s)(1 − 2s);</li>
 *   <li>swish z·u, u = s(kz): k·u(1 − u)·(2 + kz(1 − 2u));</li>
 *   <li>ReLU: 0 (almost everywhere; the kink has measure zero, as for the smoothed hinge).</li>
 * </ul>
 */
final class ActivationCurvature {
  private ActivationCurvature() {}

  static double of(Activation a, double z) {
    if (a instanceof Activation.Tanh) {
      double t = Math.tanh(z);
      return -2.0 * t * (1.0 - t * t);
    }
    if (a instanceof Activation.Sigmoid) {
      double s = logistic(z);
      return s * (1.0 - s) * (1.0 - 2.0 * s);
    }
    if (a instanceof Activation.Swish w) {
      double k = w.sharpness();
      double u = logistic(k * z);
      return k * u * (1.0 - u) * (2.0 + k * z * (1.0 - 2.0 * u));
    }
    if (a instanceof Activation.Relu) return 0.0;
    throw new IllegalArgumentException("no second derivative known for the activation " + a.spec());
  }

  /** Refuses an activation {@link #of} does not know, before any work is done. */
  static void check(Activation a) {
    of(a, 0.0);
  }

  private static double logistic(double t) {
    if (t >= 0) return 1.0 / (1.0 + Math.exp(-t));
    double e = Math.exp(t);
    return e / (1.0 + e);
  }
}
