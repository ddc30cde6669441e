package org.stochopt.core.precond;

import java.io.Serializable;

/**
 * A symmetric positive definite P applied on the driver: a method computes ∇F through the oracle
 * and steps along −P·∇F. Immutable once built.
 */
public interface Preconditioner extends Serializable {
  /** out = P·g ({@code out} must not alias {@code g}). */
  void apply(double[] g, double[] out);

  int dim();

  /** What P is, for logs and reports (e.g. {@code fisher:0.5 full d=784}). */
  String describe();

  /** P = I. */
  static Preconditioner identity(int d) {
    return new IdentityPreconditioner(d);
  }
}
