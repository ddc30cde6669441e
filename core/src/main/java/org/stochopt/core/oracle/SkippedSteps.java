package org.stochopt.core.oracle;

/**
 * Closed forms for the steps a sparse minibatch does not touch: coordinate j of a prox-gradient
 * step with an L2 (or no) regularizer is, when no row of the minibatch has feature j,
 *
 * <pre>
 *   u ← s·(u − c),   s = 1/(1 + ηλ₂),  c = η μ̃_j        (μ̃: the dense anchor gradient)
 * </pre>
 *
 * so k such steps give u_k = s^k u − c Σ_{i=1..k} s^i. With these, a local step costs O(nnz of its
 * rows) instead of O(d): each coordinate remembers the step it is current to and is brought up to
 * date just before a row reads it (and all of them once at the end of the round). Gaps of at most
 * {@value #EXACT_UP_TO} steps are replayed with the dense step's own arithmetic; longer gaps use the
 * closed form, which differs from k repeated steps by a few ulps. Those ulps reach the margins and so
 * every coordinate: the lazy path agrees with the dense one to 1e-12 relative, not bit for bit (tests).
 */
public final class SkippedSteps {
  /** Gaps up to this many steps are replayed one step at a time (bit-identical to the dense path). */
  public static final int EXACT_UP_TO = 4;

  private final double eta;
  private final double shrink;
  private final double[] power; // s^k
  private final double[] geometric; // Σ_{i=1..k} s^i

  /**
   * @param eta the step η
   * @param l2 λ₂ of the regularizer (λ₁ must be 0 for these closed forms)
   * @param steps the longest gap (the round's number of steps)
   */
  public SkippedSteps(double eta, double l2, int steps) {
    this.eta = eta;
    this.shrink = 1.0 / (1.0 + eta * l2);
    power = new double[steps + 1];
    geometric = new double[steps + 1];
    power[0] = 1.0;
    for (int k = 1; k <= steps; k++) {
      power[k] = power[k - 1] * shrink;
      geometric[k] = geometric[k - 1] + power[k];
    }
  }

  /** u after {@code k} untouched steps from {@code u}, with μ̃_j = {@code anchorGradient}. */
  public double advance(double u, double anchorGradient, int k) {
    if (k <= EXACT_UP_TO) {
      for (int i = 0; i < k; i++) u = step(u, 0.0, anchorGradient, 1);
      return u;
    }
    return power[k] * u - eta * anchorGradient * geometric[k];
  }

  /**
   * One dense prox-SVRG step on one coordinate, u ← prox_{ηR}(u − η(diff/b + μ̃_j)), written as the
   * dense path writes it ({@code ElasticNet.prox} with λ₁ = 0) so that the results are the same bits.
   */
  public double step(double u, double diff, double anchorGradient, int batch) {
    double x = u - eta * (diff / batch + anchorGradient);
    double m = Math.abs(x) - eta * 0.0;
    return m > 0 ? Math.copySign(m, x) * shrink : 0.0;
  }
}
