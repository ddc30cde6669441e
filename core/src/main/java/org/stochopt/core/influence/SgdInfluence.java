package org.stochopt.core.influence;

import java.io.Serializable;
import org.stochopt.core.runtime.Round;
import org.stochopt.core.runtime.Shipped;
import org.stochopt.core.sampling.Minibatch;

/**
 * The SGD-influence estimator of Hara, Nitanda &amp; Maehara (NeurIPS 2019), by backward replay.
 * With u_T = ∇_θ L_val(θ_T) (the mean validation loss) and, for t = T−1 down to t₀,
 *
 * <pre>
 *   L̂[j] += (η_t/b)·⟨u_{t+1}, ∇f_j(θ_t)⟩        for every j ∈ S_t   (f_j = ℓ_j + (λ/2)‖θ‖²)
 *   u_t   = u_{t+1} − η_t·H_t·u_{t+1},           H_t = (1/b)Σ_{i∈S_t} ∇²f_i(θ_t)
 * </pre>
 *
 * L̂[j] ≈ L_val(θ_{−j}) − L_val(θ): the first-order change of the validation loss when row j is
 * left out of every batch that holds it (same batches, divisor b kept). Negative = harmful:
 * removing the row lowers the validation loss. This is the linearisation
 * ⟨u, θ_{−j} − θ⟩ with θ_{−j} − θ = Σ_{t∋j} (η_t/b)·Z_{T−1}⋯Z_{t+1}·∇f_j(θ_t), Z_s = I − η_s H_s,
 * summed over every step that holds j (one term per epoch).
 *
 * <p>t₀ = 0 replays every step ("sgd_all"); t₀ = T − ⌈n/b⌉ only the last epoch ("sgd_last"),
 * and rows not in it get 0. Each replayed step is ONE runner call: the task of partition p
 * takes θ_t and u, and for its own batch rows returns the dot products ⟨u, ∇ℓ_j(θ_t)⟩ and the
 * partial sum Σ∇²ℓ_j(θ_t)·u; the per-row numbers never leave the partition as gradients, only as
 * b scalars. The iterates come from the {@link IterateLog} (recomputed per segment when it
 * keeps only checkpoints).
 */
public final class SgdInfluence {
  /** The estimate and what the replay cost. */
  public record Result(double[] influence, long replayedSteps, double seconds, long recomputedSteps) {}

  private SgdInfluence() {}

  /** What partition p returns for one replayed step. */
  record StepPart(int[] rows, double[] dots, double[] hu) implements Serializable {}

  /**
   * @param log the iterates of the run {@code sgd} (already recorded)
   * @param u u_T = ∇L_val(θ_T)
   * @param fromStep t₀: 0 for all epochs, {@link #lastEpochStart} for the last one
   */
  public static Result estimate(ReplayableSgd sgd, IterateLog log, double[] u, long fromStep) {
    long t0 = System.nanoTime();
    SgdSettings s = sgd.settings();
    long steps = s.steps();
    if (fromStep < 0 || fromStep >= steps) throw new IllegalArgumentException("replay start " + fromStep + " outside [0, " + steps + ")");
    long n = sgd.rows().rows();
    double[] influence = new double[Math.toIntExact(n)];
    double[] v = u.clone();
    long[] first = sgd.offsets();
    RowModel model = sgd.model();
    int p0 = model.dimension();
    var runner = sgd.rows().runner();
    long recomputed = 0;
    double[][] segment = null;
    long segmentStart = -1;
    for (long t = steps - 1; t >= fromStep; t--) {
      if (segment == null || t < segmentStart) {
        segment = log.segmentOf(t, sgd);
        segmentStart = t - (t % log.every());
        if (log.every() > 1) recomputed += segment.length - 1;
      }
      double[] theta = segment[(int) (t - segmentStart)];
      Minibatch batch = sgd.batch(t);
      Shipped<double[]> st = runner.ship(theta, 8L * p0);
      Shipped<double[]> sv = runner.ship(v, 8L * p0);
      Round<StepPart> round;
      try {
        round = runner.map((p, block) -> {
          if (batch.countFor(p) == 0) return null;
          int[] rows = batch.select(p, block).rows();
          double[] dots = new double[rows.length];
          double[] hu = new double[p0];
          for (int k = 0; k < rows.length; k++) dots[k] = model.replayRow(st.value(), sv.value(), block, rows[k], 1.0, hu);
          return new StepPart(rows, dots, hu);
        }, batch.size() >= 4096);
      } finally {
        st.release();
        sv.release();
      }
      double eta = s.eta(t);
      double scale = eta / s.batch();
      double regDot = s.lambda() * RowSet.dot(theta, v);
      double[] hu = new double[p0];
      for (int p = 0; p < round.results().size(); p++) {
        StepPart part = round.results().get(p);
        if (part == null) continue;
        for (int k = 0; k < part.rows.length; k++) influence[Math.toIntExact(first[p] + part.rows[k])] += scale * (part.dots[k] + regDot);
        for (int j = 0; j < p0; j++) hu[j] += part.hu[j];
      }
      // H_t v = (1/b)Σ∇²ℓ_i v + λv (every batch row carries its λ share; b rows in the real run)
      for (int j = 0; j < p0; j++) v[j] -= eta * (hu[j] / s.batch() + s.lambda() * v[j]);
    }
    return new Result(influence, steps - fromStep, (System.nanoTime() - t0) / 1e9, recomputed);
  }

  /** T − ⌈n/b⌉ (or 0): the first step of the last epoch. */
  public static long lastEpochStart(SgdSettings s, long n) {
    long perEpoch = (n + s.batch() - 1) / s.batch();
    return Math.max(0, s.steps() - perEpoch);
  }
}
