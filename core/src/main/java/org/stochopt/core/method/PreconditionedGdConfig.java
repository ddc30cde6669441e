package org.stochopt.core.method;

import org.stochopt.core.precond.Preconditioner;

/**
 * Preconditioned full-batch GD settings.
 *
 * @param step η (default from {@link org.stochopt.core.precond.PreconditionedSmoothness}: 1/L_P)
 * @param preconditioner P, already formed and factorised
 */
public record PreconditionedGdConfig(double step, Preconditioner preconditioner) {
  public PreconditionedGdConfig {
    if (!(step > 0 && Double.isFinite(step))) throw new IllegalArgumentException("--step must be a positive number, got " + step);
    if (preconditioner == null) throw new IllegalArgumentException("a preconditioner is required (identity for plain GD)");
  }
}
