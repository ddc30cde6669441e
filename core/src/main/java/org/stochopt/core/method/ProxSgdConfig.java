package org.stochopt.core.method;

import org.stochopt.core.optim.StepSchedule;

/**
 * Minibatch prox-SGD settings.
 *
 * @param batchSize b, rows per step
 * @param schedule step sizes η_t
 * @param averaging which iterate is reported
 */
public record ProxSgdConfig(int batchSize, StepSchedule schedule, Averaging averaging) {
  /** Iterate averaging: none (last iterate), uniform (Polyak–Ruppert), or linear weights w_t ∝ t+1. */
  public enum Averaging {
    NONE,
    UNIFORM,
    LINEAR;

    public static Averaging parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown averaging '" + s + "' (expected none, uniform or linear)");
      }
    }
  }

  public ProxSgdConfig {
    if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    if (schedule == null || averaging == null) throw new IllegalArgumentException("schedule and averaging are required");
  }
}
