package org.stochopt.core.loss;

import java.io.Serializable;

/**
 * A loss φ(z; y) on the margin z = ⟨w, x⟩ of one example with label y. Convex in z.
 * Implementations are stateless and serializable (they travel to Spark executors).
 */
public interface Loss extends Serializable {
  /** φ(z; y). */
  double value(double margin, double label);

  /** ∂φ/∂z at (z; y). The gradient of f_i(w) = φ(⟨w,x_i⟩; y_i) is derivative · x_i. */
  double derivative(double margin, double label);

  /**
   * φ'(z; y), with φ(z; y) written into {@code valueOut[0]}: one call for the full-gradient and
   * minibatch passes, which need both. Losses whose value and derivative share work (the logistic
   * loss: one exponential instead of two) override it; the results must be bit-identical to
   * {@link #value} and {@link #derivative}, so a pass gives the same numbers whichever it calls.
   */
  default double derivativeWithValue(double margin, double label, double[] valueOut) {
    valueOut[0] = value(margin, label);
    return derivative(margin, label);
  }

  /**
   * sup_z ∂²φ/∂z² (or the Lipschitz constant of the derivative): the per-example smoothness is
   * L_i = curvatureBound · ‖x_i‖².
   */
  double curvatureBound();

  /** Whether labels are ±1 class labels (true) or real targets (false). */
  boolean isClassification();

  /** Short name used on the command line and in outputs. */
  String name();
}
