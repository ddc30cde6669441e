package org.stochopt.core.influence;

import org.stochopt.core.optim.TracePoint;

/**
 * One evaluated point of a {@link ReplayableSgd} run under the {@link org.stochopt.core.optim.TrainingLoop}.
 *
 * @param step steps taken
 * @param epochs passes over the training rows (step·b/n)
 * @param seconds the method's own wall time so far (evaluation excluded)
 * @param objective (1/n)Σℓ_i(θ) + (λ/2)‖θ‖² over all training rows: the divergence measure
 */
public record SgdTracePoint(long step, double epochs, double seconds, double objective) implements TracePoint {
  private static final long serialVersionUID = 1L;

  @Override
  public double divergenceMeasure() {
    return objective;
  }

  /** The progress line. */
  public String line() {
    return String.format(java.util.Locale.ROOT, "  step %d (%.2f epochs, %.2fs): objective %.6g", step, epochs, seconds, objective);
  }
}
