package org.stochopt.core.influence;

import java.io.Serializable;

/**
 * The minibatch SGD whose influence is replayed, as a validated record:
 * θ_{t+1} = θ_t − η_t·(1/b)·Σ_{i∈S_t} ∇f_i(θ_t) with f_i = ℓ_i + (λ/2)‖θ‖² and S_t the
 * uniform b-subset of step t (without replacement, from the run seed).
 *
 * <p>The regulariser is attached to every row, as in the official code: a counterfactual run
 * without row j drops j's share λθ/b too, and over a full batch the step is the usual
 * gradient of (1/n)Σℓ_i + (λ/2)‖θ‖².
 *
 * @param step η₀
 * @param decay η_t = η₀/√(t+1) (the official code's decay: η₀/√k at the k-th step, 1-based) when
 *     true, η_t = η₀ otherwise
 * @param batch b, rows per step
 * @param steps T, the number of steps
 * @param lambda λ ≥ 0 of the ℓ2 term
 * @param seed the run seed (the minibatches; θ₀ is the model's own, {@link RowModel#initialParameters})
 */
public record SgdSettings(double step, boolean decay, int batch, long steps, double lambda, long seed) implements Serializable {
  public SgdSettings {
    if (!(step > 0) || !Double.isFinite(step)) throw new IllegalArgumentException("--step must be a positive number, got " + step);
    if (batch < 1) throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
    if (steps < 1) throw new IllegalArgumentException("the run needs at least one step, got " + steps);
    if (!(lambda >= 0) || !Double.isFinite(lambda)) throw new IllegalArgumentException("λ must be ≥ 0, got " + lambda);
  }

  /** η_t of step t (0-based). */
  public double eta(long t) {
    return decay ? step / Math.sqrt(t + 1.0) : step;
  }

  /** T for {@code epochs} passes of n rows in batches of b: epochs·⌈n/b⌉. */
  public static long stepsFor(double epochs, long n, int batch) {
    if (!(epochs > 0)) throw new IllegalArgumentException("--epochs must be positive, got " + epochs);
    return Math.max(1, (long) Math.ceil(epochs * Math.ceil((double) n / batch)));
  }
}
