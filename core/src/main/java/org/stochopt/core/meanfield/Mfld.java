package org.stochopt.core.meanfield;

import org.stochopt.core.optim.DivergenceException;
import org.stochopt.core.rng.Seeds;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * Mean-field Langevin dynamics (Nitanda, Wu, Suzuki, AISTATS 2022; Chizat, TMLR 2022;
 * Mei, Montanari, Nguyen 2018): noisy gradient descent on the particles,
 * <pre>
 *   u_i = (1/M) Σ_r h(θ_r, x_i)                                       (mean prediction, i ∈ B_t)
 *   θ_r ← θ_r − η [ (1/B) Σ_{i∈B_t} ℓ'(u_i, y_i) ∇θ h(θ_r, x_i) + 2λ₁ θ_r ] + sqrt(2λ₂η) ξ_r,
 * </pre>
 * the Euler–Maruyama discretization of dθ = −∇θ δF/δq(q_t)(θ) dt + sqrt(2λ₂) dW, whose law
 * minimizes P(q) = F(q) + λ₂ E_q log q. The temperature λ₂ appears in the noise only. Full batch:
 * B_t = all n rows; minibatch: B_t a uniform B-subset drawn from {@code Seeds.child(seed, BATCH)}
 * at step t (a {@link SamplingPlan} over one partition), so the drift is unbiased.
 *
 * <p>Discrete-time rate (Theorem 2 of the AISTATS paper, under a uniform log-Sobolev inequality
 * with constant α): P(q_k) − P(q*) ≤ exp(−αλ₂ηk)(P(q_0) − P(q*)) + O(η)/(αλ₂): linear
 * convergence to an O(η) neighbourhood, plus an O(1/M) finite-particle error.
 *
 * <p>The step may decay linearly to zero over the run's tail ({@link MfldConfig#etaAt}); noise and
 * drift both use η_t.
 *
 * <p>Per step the ensemble does one round: apply step t's update and return the prediction sums
 * for step t+1's rows in the same pass.
 */
public final class Mfld implements ParticleMethod {
  static final long BATCH_STREAM = 0x4D42L;

  private final MfldConfig config;
  private final MeanFieldObjective objective;
  private final DataMatrix train;
  private final SamplingPlan plan;
  private ParticleEnsemble ensemble;
  private int[] rows;
  private double[] sums;
  private long t;

  public MfldConfig config() {
    return config;
  }

  public Mfld(MfldConfig config, MeanFieldObjective objective, DataMatrix train) {
    this.config = config;
    this.objective = objective;
    this.train = train;
    boolean full = config.batchSize() == 0 || config.batchSize() >= train.rows();
    this.plan = full ? null
        : new SamplingPlan(Seeds.child(config.seed(), BATCH_STREAM), new int[] {train.rows()}, SamplingScheme.WITHOUT_REPLACEMENT);
  }

  @Override
  public String name() {
    return "mfld";
  }

  private int[] rowsFor(long step) {
    return plan == null ? null : plan.draw(step, config.batchSize()).rowsOf(0, train.rows());
  }

  @Override
  public void start(ParticleEnsemble e) {
    ensemble = e;
    t = 0;
    rows = rowsFor(0);
    sums = e.predictionSums(rows);
  }

  /** What a checkpoint keeps of MFLD: the step, its rows and the particles' prediction sums on them. */
  record State(long t, int[] rows, double[] sums) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
  }

  @Override
  public java.io.Serializable saveState() {
    return new State(t, rows == null ? null : rows.clone(), sums.clone());
  }

  @Override
  public void resume(ParticleEnsemble e, java.io.Serializable saved) {
    State s = (State) saved;
    ensemble = e;
    t = s.t();
    rows = s.rows() == null ? null : s.rows().clone();
    sums = s.sums().clone();
    // the uninterrupted run's blocks hold these rows' activations (prepared by the last update); make them again, bit for bit
    e.prepare(rows);
  }

  @Override
  public void step() {
    double[] c = objective.lossDerivatives(sums, ensemble.particles(), train, rows);
    for (int k = 0; k < c.length; k++) {
      if (!Double.isFinite(c[k])) {
        throw new DivergenceException("mfld diverged at step " + t + " (non-finite predictions); reduce --step (this run used "
            + config.eta() + ")");
      }
      c[k] /= c.length;
    }
    LangevinUpdate u = new LangevinUpdate(rows, c, config.etaAt(t), objective.lambda1(), objective.lambda2(), 1, t, config.seed());
    int[] next = rowsFor(t + 1);
    sums = ensemble.update(u, next, true);
    rows = next;
    t++;
  }

  @Override
  public long langevinSteps() {
    return t;
  }
}
