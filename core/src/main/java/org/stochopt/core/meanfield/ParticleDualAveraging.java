package org.stochopt.core.meanfield;

import org.stochopt.core.optim.DivergenceException;

/**
 * Particle dual averaging (Nitanda, Wu, Suzuki, NeurIPS 2021), empirical-risk variant. Outer
 * iteration t = 1, 2, … with particles Θ^(t) (law q^(t)):
 * <pre>
 *   g^(t)_i = ℓ'(f_{Θ^(t)}(x_i), y_i)                                   (n loss derivatives)
 *   S_t     = S_{t−1} + t · g^(t)                                       (weights w_s = s)
 *   A^(t)   = S_t / W_{t+1},    W_{t+1} = Σ_{s=1}^{t+1} s = (t+1)(t+2)/2
 *   q^(t+1) ∝ exp(−V_t/λ₂),     V_t(θ) = (1/n) Σ_i A^(t)_i h(θ, x_i) + λ₁‖θ‖²
 *   inner:  T_in Langevin steps on V_t, warm-started at Θ^(t):
 *           θ ← θ − η ∇V_t(θ) + sqrt(2λ₂η) ξ                            (stationary law q^(t+1))
 * </pre>
 * This is dual averaging in measure space: q^(t+1) = argmin_q Σ_{s≤t} s⟨δL/δq(q^(s)), q⟩ +
 * W_{t+1}·(λ₁E_q‖θ‖² + λ₂E_q log q), the regularizer weighted through the coming iterate t+1 as
 * in regularized dual averaging; the loss part of V_t carries total weight t/(t+2) → 1, and the
 * optimality condition q = p_q is its fixed point. The whole dual state is the n-vector S.
 *
 * <p><b>Constants chosen here</b> (the paper's Algorithm 1 was not available to check, see
 * docs/mean-field.md): weights w_s = s (the paper's linear weights, which give the O(1/T) outer
 * rate without a log factor); the inner step η is the MFLD step, i.e. the paper's inner step on
 * g = V/λ₂ is η_in = λ₂η, noise sqrt(2η_in); T_in is constant. A constant T_in suffices with
 * warm starts because A^(t) − A^(t−1) = O(1/t), so the target moves less and less; the paper's
 * analysis lets T_t grow (logarithmically) to drive the inner error to ε. Per outer iteration the
 * ensemble does one round: T_in inner steps run locally on each block (no interaction), then the
 * n prediction sums come back.
 *
 * <p>Outer rate: P(q^(T)) − P(q*) = O(1/T) plus the inner-loop and O(1/M) particle errors.
 */
public final class ParticleDualAveraging implements ParticleMethod {
  private final PdaConfig config;
  private final MeanFieldObjective objective;
  private final DataMatrix train;
  private ParticleEnsemble ensemble;
  private double[] dualSum;
  private double[] sums;
  private long t;

  public ParticleDualAveraging(PdaConfig config, MeanFieldObjective objective, DataMatrix train) {
    this.config = config;
    this.objective = objective;
    this.train = train;
  }

  @Override
  public String name() {
    return "pda";
  }

  public PdaConfig config() {
    return config;
  }

  @Override
  public void start(ParticleEnsemble e) {
    ensemble = e;
    t = 0;
    dualSum = new double[train.rows()];
    sums = e.predictionSums(null);
  }

  /** What a checkpoint keeps of PDA: the outer iteration, the weighted dual sum S_t and the prediction sums. */
  record State(long t, double[] dualSum, double[] sums) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
  }

  @Override
  public java.io.Serializable saveState() {
    return new State(t, dualSum.clone(), sums.clone());
  }

  @Override
  public void resume(ParticleEnsemble e, java.io.Serializable saved) {
    State s = (State) saved;
    ensemble = e;
    t = s.t();
    dualSum = s.dualSum().clone();
    sums = s.sums().clone();
  }

  /** One outer iteration: fold in g^(t), then T_in Langevin steps on V_t. */
  @Override
  public void step() {
    long outer = t + 1;
    double[] g = objective.lossDerivatives(sums, ensemble.particles(), train, null);
    double weightNext = (outer + 1.0) * (outer + 2.0) / 2.0;
    int n = train.rows();
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(g[i])) {
        throw new DivergenceException("pda diverged at outer iteration " + outer + " (non-finite predictions); reduce --step "
            + "(this run used " + config.eta() + ")");
      }
      dualSum[i] += outer * g[i];
      c[i] = dualSum[i] / weightNext / n;
    }
    LangevinUpdate u = new LangevinUpdate(null, c, config.eta(), objective.lambda1(), objective.lambda2(),
        config.innerSteps(), t * config.innerSteps(), config.seed());
    sums = ensemble.update(u, null, true);
    t = outer;
  }

  /** A^(t) = S_t / W_{t+1} (a copy), the dual-averaged loss derivatives. */
  public double[] dualAverage() {
    double w = (t + 1.0) * (t + 2.0) / 2.0;
    double[] a = dualSum.clone();
    for (int i = 0; i < a.length; i++) a[i] /= w;
    return a;
  }

  @Override
  public long langevinSteps() {
    return t * config.innerSteps();
  }
}
