package org.stochopt.core.precond;

/**
 * A validated preconditioner request.
 *
 * @param spec the family and α
 * @param relativeDamping δ: the damping is ε = δ·tr(Σ_X)/d, so it is relative to the mean
 *     eigenvalue and unit-free. It keeps Σ_X + εI invertible when Σ_X is rank-deficient (n < d).
 * @param denseLimit the largest d for which the full d × d matrix is formed and factorised
 *     (8d² bytes per partition sum, O(d³) on the driver). Above it, {@code fisher} and
 *     {@code additive} fall back to the same g on the diagonal of Σ_X, and say so
 *     ({@link PreconditionerBuilder.Built#note()}).
 */
public record PreconditionerConfig(PreconditionerSpec spec, double relativeDamping, int denseLimit)
    implements java.io.Serializable {
  /** Default δ: enough to invert a rank-deficient Σ_X, far below any eigenvalue that matters. */
  public static final double DEFAULT_DAMPING = 1e-6;
  /** Default full-matrix limit: d = 2048 is 32 MiB per partition sum and about a second of dsyev. */
  public static final int DEFAULT_DENSE_LIMIT = 2048;

  public PreconditionerConfig {
    if (spec == null) throw new IllegalArgumentException("--precondition is required");
    if (!(relativeDamping >= 0 && Double.isFinite(relativeDamping))) {
      throw new IllegalArgumentException("--precondition-damping must be a non-negative number, got " + relativeDamping);
    }
    if (denseLimit < 1) throw new IllegalArgumentException("--precondition-dense-limit must be positive, got " + denseLimit);
  }

  public static PreconditionerConfig of(String spec) {
    return new PreconditionerConfig(PreconditionerSpec.parse(spec), DEFAULT_DAMPING, DEFAULT_DENSE_LIMIT);
  }

  /** Whether d × d is formed for a model of dimension d. */
  public boolean dense(int d) {
    return spec.kind() != PreconditionerSpec.Kind.DIAG && spec.kind() != PreconditionerSpec.Kind.NONE && d <= denseLimit;
  }
}
