package org.stochopt.core.influence;

/**
 * The influence-function baseline of Koh &amp; Liang (ICML 2017) at the final iterate θ_T:
 * solve the damped system (H + δI)·v = u by conjugate gradient, with
 * H = (1/n)Σ∇²ℓ_i(θ_T) + λI the Hessian of the training objective and u = ∇L_val(θ_T); then
 *
 * <pre>
 *   I[j] = ⟨∇f_j(θ_T), v⟩ / n     (f_j = ℓ_j + (λ/2)‖θ‖²)
 * </pre>
 *
 * which is the first-order change of L_val when row j is removed (up-weighting by −1/n moves the
 * optimum by H⁻¹∇f_j/n). The sign convention matches {@link SgdInfluence}: negative = harmful.
 * Each CG iteration is one Hessian–vector pass over all rows ({@link RowSet#hessianProduct}).
 * CG (rather than the official code's SGD on the quadratic) is exact to the tolerance on convex
 * problems, so the comparison measures the method, not its solver.
 */
public final class KohLiangInfluence {
  /** The estimate, the CG iterations used and its final relative residual. */
  public record Result(double[] influence, int iterations, double residual, double seconds) {}

  private KohLiangInfluence() {}

  public static Result estimate(RowModel model, RowSet train, double[] theta, double[] u, double lambda, double damping,
      int maxIterations, double tolerance) {
    if (!(lambda + damping > 0)) {
      throw new IllegalArgumentException("Koh & Liang needs λ + damping > 0 (the Hessian of the loss alone may be singular); give --kl-damping");
    }
    long t0 = System.nanoTime();
    int p = u.length;
    double[] v = new double[p];
    double[] r = u.clone();
    double[] d = r.clone();
    double rr = RowSet.dot(r, r);
    double norm0 = Math.sqrt(rr);
    int it = 0;
    while (it < maxIterations && Math.sqrt(rr) > tolerance * norm0 && norm0 > 0) {
      double[] hd = train.hessianProduct(model, theta, d, lambda + damping);
      double curvature = RowSet.dot(d, hd);
      if (!(curvature > 0)) { // a network's Hessian is indefinite: CG would divide by ≤ 0
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
            "Koh & Liang: the damped Hessian at θ_T is not positive definite (dᵀ(H + δI)d = %.3g after %d CG steps); raise --kl-damping",
            curvature, it));
      }
      double alpha = rr / curvature;
      for (int j = 0; j < p; j++) {
        v[j] += alpha * d[j];
        r[j] -= alpha * hd[j];
      }
      double next = RowSet.dot(r, r);
      double beta = next / rr;
      for (int j = 0; j < p; j++) d[j] = r[j] + beta * d[j];
      rr = next;
      it++;
    }
    double[] dots = train.gradientDots(model, theta, v, lambda);
    for (int j = 0; j < dots.length; j++) dots[j] /= train.rows();
    return new Result(dots, it, norm0 > 0 ? Math.sqrt(rr) / norm0 : 0.0, (System.nanoTime() - t0) / 1e9);
  }
}
