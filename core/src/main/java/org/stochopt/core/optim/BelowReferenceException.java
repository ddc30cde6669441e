package org.stochopt.core.optim;

/**
 * An evaluated point has F(w) < F* − tolerance: the reference optimum is wrong (a damaged or
 * stale cache entry, or an imprecise solve), and every suboptimality measured against it would be
 * wrong too. A user error: the caller names the reference's source and drops it.
 */
public final class BelowReferenceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final double objective;
  private final double reference;

  public BelowReferenceException(double objective, double reference) {
    super(String.format(java.util.Locale.ROOT,
        "the run reached F = %.17g, below the reference optimum F* = %.17g: F* is wrong", objective, reference));
    this.objective = objective;
    this.reference = reference;
  }

  public double objective() {
    return objective;
  }

  public double reference() {
    return reference;
  }
}
