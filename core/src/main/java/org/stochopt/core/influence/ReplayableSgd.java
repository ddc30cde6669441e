package org.stochopt.core.influence;

import org.stochopt.core.runtime.Round;
import org.stochopt.core.runtime.Shipped;
import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * Minibatch SGD whose every step can be replayed: S_t is {@link SamplingPlan#draw} of (seed, t)
 * — a uniform b-subset without replacement, each partition drawing its own rows from
 * (seed, t, p) — so the batches come back from the seed alone, and a step is a pure function of
 * (θ_t, t). The step (see {@link SgdSettings}):
 *
 * <pre>
 *   θ_{t+1} = θ_t − (η_t/b)·Σ_{i∈S_t \ E} (∇ℓ_i(θ_t) + λθ_t)
 * </pre>
 *
 * with E the {@link ExcludedRows} of a counterfactual or cleansed run (empty for the real run)
 * and b = |S_t| kept as the divisor. One runner call per step: each partition sums the gradients
 * of its own batch rows, the partial sums fold in partition order.
 */
public final class ReplayableSgd {
  private final RowModel model;
  private final RowSet rows;
  private final SgdSettings settings;
  private final SamplingPlan plan;
  private final long[] offsets;
  private final ExcludedRows excluded;

  public ReplayableSgd(RowModel model, RowSet rows, SgdSettings settings, ExcludedRows excluded) {
    if (settings.batch() > rows.rows()) {
      throw new IllegalArgumentException("--batch " + settings.batch() + " exceeds the " + rows.rows() + " training rows");
    }
    this.model = model;
    this.rows = rows;
    this.settings = settings;
    this.plan = new SamplingPlan(settings.seed(), rows.sizes(), SamplingScheme.WITHOUT_REPLACEMENT);
    this.offsets = offsets(rows.sizes());
    this.excluded = excluded;
  }

  /** The same run without the rows in {@code without} (same seed, same batches, same divisor). */
  public ReplayableSgd without(ExcludedRows without) {
    return new ReplayableSgd(model, rows, settings, without);
  }

  public RowModel model() {
    return model;
  }

  public RowSet rows() {
    return rows;
  }

  public SgdSettings settings() {
    return settings;
  }

  /** S_t, as counts per partition and a seed. */
  public Minibatch batch(long t) {
    return plan.draw(t, settings.batch());
  }

  /** First global row id of every partition (and n at the end). */
  long[] offsets() {
    return offsets.clone();
  }

  /** θ₀: 0 for linear models, the network's seeded initialisation ({@link RowModel#initialParameters}). */
  public double[] initial() {
    return model.initialParameters();
  }

  /** θ_{t+1} from θ_t, written over {@code theta}. */
  public void step(double[] theta, long t) {
    Minibatch batch = batch(t);
    RowModel m = model;
    ExcludedRows without = excluded;
    long[] first = offsets;
    int p0 = model.dimension();
    Shipped<double[]> st = rows.runner().ship(theta, 8L * theta.length);
    Round<double[]> round;
    try {
      round = rows.runner().map((p, block) -> {
        if (batch.countFor(p) == 0) return null;
        // [kept weight, Σ w_i∇ℓ_i ...]
        double[] acc = new double[1 + p0];
        double[] g = new double[p0];
        for (int r : batch.select(p, block).rows()) {
          double w = without.contains(first[p] + r) ? without.keep() : 1.0;
          if (w == 0.0) continue;
          m.addGradient(st.value(), block, r, w, g);
          acc[0] += w;
        }
        System.arraycopy(g, 0, acc, 1, p0);
        return acc;
      }, batch.size() >= 4096);
    } finally {
      st.release();
    }
    double[] total = RowSet.fold(round.results(), 1 + p0);
    double scale = settings.eta(t) / settings.batch();
    double kept = total[0];
    double lambda = settings.lambda();
    for (int j = 0; j < p0; j++) theta[j] -= scale * (total[1 + j] + kept * lambda * theta[j]);
  }

  /** Runs steps [from, to) from {@code theta} (modified). */
  public void run(double[] theta, long from, long to) {
    for (long t = from; t < to; t++) step(theta, t);
  }

  /** θ_T of the whole run from θ₀. */
  public double[] train() {
    double[] theta = initial();
    run(theta, 0, settings.steps());
    return theta;
  }

  /** The objective (1/n)Σℓ_i(θ) + (λ/2)‖θ‖² over all training rows (excluded ones too). */
  public double objective(double[] theta) {
    return rows.meanLoss(model, theta, null) + 0.5 * settings.lambda() * RowSet.dot(theta, theta);
  }

  static long[] offsets(int[] sizes) {
    long[] o = new long[sizes.length + 1];
    for (int p = 0; p < sizes.length; p++) o[p + 1] = o[p] + sizes[p];
    return o;
  }
}
