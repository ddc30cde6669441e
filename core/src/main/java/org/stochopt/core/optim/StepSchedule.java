package org.stochopt.core.optim;

import java.util.Locale;

/**
 * Step size η_t for t = 0, 1, ...: constant η₀; 1/t decay η₀/(1 + t/t₀); 1/√t decay
 * η₀/√(1 + t/t₀). The 1/t form with t₀ = 1/(η₀μ) behaves like 1/(μt) for large t, the rate-optimal
 * choice for μ-strongly convex problems, without the huge first steps of a bare 1/(μt).
 */
public record StepSchedule(Kind kind, double eta0, double t0) {
  public enum Kind {
    CONSTANT,
    INVERSE_T,
    INVERSE_SQRT_T
  }

  public StepSchedule {
    if (!(eta0 > 0) || !Double.isFinite(eta0)) {
      throw new IllegalArgumentException("step size must be positive and finite, got " + eta0);
    }
    if (!(t0 > 0)) throw new IllegalArgumentException("schedule offset t0 must be positive, got " + t0);
  }

  public double at(long t) {
    switch (kind) {
      case CONSTANT:
        return eta0;
      case INVERSE_T:
        return eta0 / (1.0 + t / t0);
      default:
        return eta0 / Math.sqrt(1.0 + t / t0);
    }
  }

  public static Kind parseKind(String s) {
    switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "constant":
        return Kind.CONSTANT;
      case "1/t":
      case "inverse-t":
        return Kind.INVERSE_T;
      case "1/sqrt(t)":
      case "1/sqrt-t":
      case "inverse-sqrt-t":
        return Kind.INVERSE_SQRT_T;
      default:
        throw new IllegalArgumentException("unknown schedule '" + s + "' (expected constant, 1/t or 1/sqrt(t))");
    }
  }
}
