package org.stochopt.core.meanfield;

import java.io.Serializable;

/**
 * {@code steps} Langevin steps at temperature λ₂ on the fixed potential
 * <pre>
 *   V(θ) = Σ_k c_k h(θ, x_{rows[k]}) + λ₁‖θ‖²,
 *   θ ← θ − η ∇V(θ) + sqrt(2 λ₂ η) ξ,   ξ ~ N(0, I),
 * </pre>
 * with the noise of particle g at Langevin step s drawn from the stream
 * {@code Seeds.child(seed, NOISE, s, g)}, s = firstNoiseStep .. firstNoiseStep + steps − 1.
 *
 * <p>One MFLD step is one such step with c_k = ℓ'(f(x_k), y_k)/B on the minibatch; a PDA inner
 * loop is {@code steps} of them with the dual-averaged coefficients on all rows. Only this small
 * object (a batch-length vector plus a few numbers) travels to the particle blocks.
 *
 * @param rows row indices into the training data, or null for all rows (then c has n entries)
 * @param coefficients c_k, one per row used
 */
public record LangevinUpdate(int[] rows, double[] coefficients, double eta, double lambda1, double lambda2,
    int steps, long firstNoiseStep, long seed) implements Serializable {
  public LangevinUpdate {
    if (!(eta > 0) || !(lambda1 >= 0) || !(lambda2 >= 0) || steps < 1) {
      throw new IllegalArgumentException("bad Langevin update: eta=" + eta + " λ₁=" + lambda1 + " λ₂=" + lambda2 + " steps=" + steps);
    }
    if (rows != null && rows.length != coefficients.length) {
      throw new IllegalArgumentException(rows.length + " rows but " + coefficients.length + " coefficients");
    }
  }
}
