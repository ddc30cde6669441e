package org.stochopt.core.optim;

/**
 * The state of a primal-dual method (CoCoA+), which knows a duality gap at the point it reports:
 * P(output) − D(α) ≥ F(output) − F*. {@link LinearTraining} writes it into the trace and stops on it
 * ({@link StoppingRules.Reason#DUALITY_GAP}), so such a run certifies its accuracy without a
 * reference optimum.
 */
public interface CertifiedState extends MethodState {
  /** P(w) − D(α) at {@link #output()}, or NaN before the first certificate. */
  double dualityGap();
}
