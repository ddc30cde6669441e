package org.stochopt.core.precond;

import java.util.Locale;

/**
 * What {@code --precondition} asks for, as the spectral function g applied to the eigenvalues λ of
 * Σ_X (P = V g(Λ) Vᵀ for the full matrix, P = g(diag Σ_X) for the diagonal):
 *
 * <pre>
 *   none          g(λ) = 1                                  (plain GD / SGD)
 *   diag          g(λ) = 1/(λ + ε) on the diagonal of Σ_X   (Jacobi / diagonal natural gradient)
 *   fisher[:α]    g(λ) = (λ + ε)^(−α)                        (geometric GD↔NGD; α = 1 by default is NGD)
 *   additive:α    g(λ) = 1/(α(λ + ε) + (1 − α)·m)            (additive GD↔NGD, m = tr Σ_X / d)
 * </pre>
 *
 * The additive form scales the identity by m = tr Σ_X/d so the mix does not depend on the units of
 * the features; it is the paper's (αΣ + (1−α)I)⁻¹ exactly when tr Σ_X = d (the study's synthetic
 * data). ε is the damping ({@link PreconditionerConfig}). α must lie in [0, 1]: α = 0 is GD, α = 1
 * is NGD.
 */
public record PreconditionerSpec(Kind kind, double alpha) implements java.io.Serializable {
  /** The preconditioner families. */
  public enum Kind {
    NONE,
    DIAG,
    FISHER,
    ADDITIVE
  }

  public static final PreconditionerSpec NONE = new PreconditionerSpec(Kind.NONE, 0.0);

  public PreconditionerSpec {
    if (kind == null) throw new IllegalArgumentException("preconditioner kind is required");
    if (!(alpha >= 0.0 && alpha <= 1.0)) {
      throw new IllegalArgumentException("--precondition α must lie in [0, 1] (0 = GD, 1 = natural gradient), got " + alpha);
    }
  }

  /** Parses {@code none | diag | fisher[:α] | additive:α}. */
  public static PreconditionerSpec parse(String spec) {
    if (spec == null) throw new IllegalArgumentException("--precondition is required");
    String s = spec.trim().toLowerCase(Locale.ROOT);
    int colon = s.indexOf(':');
    String head = colon < 0 ? s : s.substring(0, colon);
    String arg = colon < 0 ? null : s.substring(colon + 1);
    switch (head) {
      case "none":
      case "diag":
        if (arg != null) throw new IllegalArgumentException("--precondition " + head + " takes no α, got '" + spec + "'");
        return head.equals("none") ? NONE : new PreconditionerSpec(Kind.DIAG, 1.0);
      case "fisher":
        return new PreconditionerSpec(Kind.FISHER, arg == null ? 1.0 : number(arg, spec));
      case "additive":
        if (arg == null) throw new IllegalArgumentException("--precondition additive needs α, e.g. additive:0.5");
        return new PreconditionerSpec(Kind.ADDITIVE, number(arg, spec));
      default:
        throw new IllegalArgumentException("unknown --precondition '" + spec + "' (expected none, diag, fisher[:α] or additive:α)");
    }
  }

  private static double number(String arg, String spec) {
    try {
      return Double.parseDouble(arg);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--precondition α must be a number in [0, 1], got '" + spec + "'");
    }
  }

  /** Whether P depends on Σ_X at all (false only for {@code none}). */
  public boolean needsSecondMoment() {
    return kind != Kind.NONE;
  }

  /**
   * g(λ) for an eigenvalue (or diagonal entry) λ ≥ 0.
   *
   * @param damping ε, added to λ
   * @param meanEigenvalue m = tr Σ_X / d (the additive form's scale for the identity)
   */
  public double g(double lambda, double damping, double meanEigenvalue) {
    double l = Math.max(lambda, 0.0) + damping; // tiny negative eigenvalues are rounding of a PSD matrix
    switch (kind) {
      case NONE:
        return 1.0;
      case DIAG:
        return 1.0 / l;
      case FISHER:
        return alpha == 1.0 ? 1.0 / l : Math.pow(l, -alpha);
      case ADDITIVE:
        return 1.0 / (alpha * l + (1.0 - alpha) * meanEigenvalue);
      default:
        throw new AssertionError(kind);
    }
  }

  /** The spec as it is written on the command line. */
  public String spec() {
    switch (kind) {
      case NONE:
        return "none";
      case DIAG:
        return "diag";
      case FISHER:
        return "fisher:" + alpha;
      default:
        return "additive:" + alpha;
    }
  }
}
