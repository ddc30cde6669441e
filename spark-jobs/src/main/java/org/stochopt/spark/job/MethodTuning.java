package org.stochopt.spark.job;

/**
 * Method-specific overrides of the theory parameters (NaN / null = the theory value).
 *
 * @param tau1 Katyusha τ₁ (the paper's advice: tune only this one)
 * @param tau2 Katyusha τ₂, the Katyusha momentum
 * @param restart DASVRDA restart: periodic or adaptive
 * @param appaKappa Acc-SVRG+APPA proximal weight κ_reg (0 turns the outer loop off)
 * @param precondition gd and sgd: the preconditioner P (null = none, P = I)
 */
public record MethodTuning(double tau1, double tau2, String restart, double appaKappa,
    org.stochopt.core.precond.PreconditionerConfig precondition) {
  public static final MethodTuning THEORY = new MethodTuning(Double.NaN, Double.NaN, null, Double.NaN);

  /** No preconditioner. */
  public MethodTuning(double tau1, double tau2, String restart, double appaKappa) {
    this(tau1, tau2, restart, appaKappa, null);
  }

  /** Whether a preconditioner other than P = I was asked for. */
  public boolean preconditioned() {
    return precondition != null && precondition.spec().needsSecondMoment();
  }

  public MethodTuning {
    if (!Double.isNaN(tau1) && !(tau1 > 0 && tau1 < 1)) throw new IllegalArgumentException("--tau1 must be in (0, 1), got " + tau1);
    if (!Double.isNaN(tau2) && !(tau2 >= 0 && tau2 <= 0.5)) throw new IllegalArgumentException("--tau2 must be in [0, 1/2], got " + tau2);
    if (!Double.isNaN(appaKappa) && !(appaKappa >= 0 && Double.isFinite(appaKappa))) {
      throw new IllegalArgumentException("--appa-kappa must be >= 0, got " + appaKappa);
    }
    if (restart != null) org.stochopt.core.method.DasvrdaConfig.Restart.parse(restart);
  }
}
