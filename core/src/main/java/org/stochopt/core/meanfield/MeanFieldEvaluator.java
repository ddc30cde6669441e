package org.stochopt.core.meanfield;

/**
 * Turns an {@link EnsembleSnapshot} into a {@link MeanFieldRecord}: losses from the prediction
 * sums, λ₁E‖θ‖² over all particles, the entropy estimate and the dual certificate from the
 * particle sample, and the teacher alignment. Evaluation is uncounted: it is not part of the
 * method's rounds or seconds.
 */
public final class MeanFieldEvaluator {
  /**
   * @param entropySample particles sampled for Ĥ, the proposal and the alignment (S)
   * @param gapDraws importance draws for log Z (K); 0 switches the certificate off
   * @param teacherDirections the teacher's input weights w*_k, or null
   */
  public record Settings(int entropySample, int gapDraws, double[][] teacherDirections, long seed) {
    public Settings {
      if (entropySample < 2) throw new IllegalArgumentException("--entropy-sample must be at least 2, got " + entropySample);
      if (gapDraws < 0) throw new IllegalArgumentException("--gap-draws must be non-negative, got " + gapDraws);
    }
  }

  private final MeanFieldObjective objective;
  private final DataMatrix train;
  private final DataMatrix test;
  private final Settings settings;

  public MeanFieldEvaluator(MeanFieldObjective objective, DataMatrix train, DataMatrix test, Settings settings) {
    this.objective = objective;
    this.train = train;
    this.test = test;
    this.settings = settings;
  }

  public MeanFieldRecord evaluate(ParticleEnsemble e, long step, long langevinSteps, long rounds, double seconds) {
    EnsembleSnapshot s = e.snapshot(settings.entropySample());
    int m = e.particles();
    int p = s.parameterDim();
    double trainLoss = objective.meanLoss(s.trainSums(), m, train, null);
    double l2 = objective.lambda1() * s.sumSquaredNorms() / m;
    double entropy = EntropyEstimator.kozachenkoLeonenko(s.sample(), s.sampleCount(), p);
    double lambda2 = objective.lambda2();
    double primal = lambda2 == 0 ? trainLoss + l2 : trainLoss + l2 - lambda2 * entropy;
    double dual = Double.NaN;
    double ess = Double.NaN;
    if (settings.gapDraws() > 0 && lambda2 > 0) {
      double[] g = objective.lossDerivatives(s.trainSums(), m, train, null);
      DualCertificate.Estimate d = DualCertificate.estimate(objective, e.unit(), train, g, s.sample(), s.sampleCount(),
          settings.gapDraws(), settings.seed());
      dual = d.dual();
      ess = d.essFraction();
    }
    double testLoss = test == null ? Double.NaN : objective.meanLoss(s.testSums(), m, test, null);
    double testError = test == null ? Double.NaN : objective.errorRate(s.testSums(), test);
    double align = settings.teacherDirections() == null ? Double.NaN
        : alignment(s.sample(), s.sampleCount(), p, e.unit().inputOffset(), settings.teacherDirections());
    return new MeanFieldRecord(step, langevinSteps, rounds, seconds, primal, trainLoss, l2, entropy, dual,
        primal - dual, ess, testLoss, testError, align);
  }

  /** Mean over particles of max_k |cos(w_r, w*_k)|, w_r = θ_r[off .. off + d). */
  public static double alignment(double[] sample, int count, int p, int off, double[][] teacher) {
    double total = 0.0;
    for (int c = 0; c < count; c++) {
      double best = 0.0;
      for (double[] t : teacher) {
        double dot = 0.0;
        double nw = 0.0;
        double nt = 0.0;
        for (int j = 0; j < t.length; j++) {
          double w = sample[c * p + off + j];
          dot += w * t[j];
          nw += w * w;
          nt += t[j] * t[j];
        }
        if (nw > 0 && nt > 0) best = Math.max(best, Math.abs(dot) / Math.sqrt(nw * nt));
      }
      total += best;
    }
    return count == 0 ? Double.NaN : total / count;
  }
}
