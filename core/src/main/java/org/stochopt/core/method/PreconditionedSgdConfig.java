package org.stochopt.core.method;

import org.stochopt.core.optim.StepSchedule;
import org.stochopt.core.precond.Preconditioner;

/**
 * Preconditioned minibatch SGD settings.
 *
 * @param batchSize b, rows per step
 * @param schedule step sizes η_t
 * @param averaging which iterate is reported
 * @param preconditioner P, already formed and factorised
 */
public record PreconditionedSgdConfig(int batchSize, StepSchedule schedule, ProxSgdConfig.Averaging averaging,
    Preconditioner preconditioner) {
  public PreconditionedSgdConfig {
    if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    if (schedule == null || averaging == null) throw new IllegalArgumentException("schedule and averaging are required");
    if (preconditioner == null) throw new IllegalArgumentException("a preconditioner is required (identity for plain SGD)");
  }
}
