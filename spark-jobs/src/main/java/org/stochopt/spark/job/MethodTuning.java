package org.stochopt.spark.job;

/**
 * Method-specific overrides of the theory parameters (null = the theory value; never NaN).
 *
 * @param tau1 Katyusha τ₁ (the paper's advice: tune only this one)
 * @param tau2 Katyusha τ₂, the Katyusha momentum
 * @param restart DASVRDA restart: periodic or adaptive
 * @param appaKappa Acc-SVRG+APPA proximal weight κ_reg (0 turns the outer loop off)
 */
public record MethodTuning(Double tau1, Double tau2, String restart, Double appaKappa) {
  public static final MethodTuning THEORY = new MethodTuning(null, null, null, null);

  public MethodTuning {
    if (tau1 != null && !(tau1 > 0 && tau1 < 1)) throw new IllegalArgumentException("--tau1 must be in (0, 1), got " + tau1);
    if (tau2 != null && !(tau2 >= 0 && tau2 <= 0.5)) throw new IllegalArgumentException("--tau2 must be in [0, 1/2], got " + tau2);
    if (appaKappa != null && !(appaKappa >= 0 && Double.isFinite(appaKappa))) {
      throw new IllegalArgumentException("--appa-kappa must be >= 0, got " + appaKappa);
    }
    if (restart != null) org.stochopt.core.method.DasvrdaConfig.Restart.parse(restart);
  }
}
