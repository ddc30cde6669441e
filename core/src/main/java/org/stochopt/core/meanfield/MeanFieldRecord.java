package org.stochopt.core.meanfield;

/**
 * One evaluated point of a mean-field run. Unknown values are NaN (no test set, no teacher,
 * λ₂ = 0, or the certificate switched off).
 *
 * @param step MFLD steps, or PDA outer iterations, done so far
 * @param langevinSteps Langevin steps applied to every particle so far (PDA: outer × inner)
 * @param rounds ensemble rounds (Spark jobs) issued by the method
 * @param seconds the method's own wall time (evaluation excluded)
 * @param objective P̂ = trainLoss + l2Term − λ₂ Ĥ(q)
 * @param entropy Ĥ(q), Kozachenko–Leonenko on the particle sample
 * @param dual D̂(g_q), a (Monte Carlo) lower bound on min P
 * @param gap P̂ − D̂, estimating λ₂ KL(q ‖ p_q) ≥ P(q) − P(q*)
 * @param essFraction effective sample size / draws of the log Z importance weights
 * @param alignment mean over sampled particles of max_k |cos(w_r, w*_k)| to the teacher's directions
 */
public record MeanFieldRecord(long step, long langevinSteps, long rounds, double seconds, double objective,
    double trainLoss, double l2Term, double entropy, double dual, double gap, double essFraction,
    double testLoss, double testError, double alignment) implements org.stochopt.core.optim.TracePoint {

  @Override
  public double divergenceMeasure() {
    return trainLoss;
  }

  public static final String CSV_HEADER = "step,langevin_steps,rounds,seconds,objective,train_loss,l2_term,entropy,"
      + "dual,duality_gap,ess_fraction,test_loss,test_error,teacher_alignment";

  public String toCsv() {
    return step + "," + langevinSteps + "," + rounds + "," + num(seconds) + "," + num(objective) + "," + num(trainLoss)
        + "," + num(l2Term) + "," + num(entropy) + "," + num(dual) + "," + num(gap) + "," + num(essFraction) + ","
        + num(testLoss) + "," + num(testError) + "," + num(alignment);
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }
}
