package org.stochopt.core.method;

import java.util.OptionalDouble;

/**
 * Method-specific overrides of the theory parameters; an absent value means the theory value.
 *
 * @param tau1 Katyusha τ₁ (the paper's advice: tune only this one), in (0, 1)
 * @param tau2 Katyusha τ₂, the Katyusha momentum, in [0, 1/2]
 * @param restart DASVRDA restart, or null for the theory's periodic restart
 * @param appaKappa Acc-SVRG+APPA proximal weight κ_reg ≥ 0 (0 turns the outer loop off)
 */
public record MethodTuning(OptionalDouble tau1, OptionalDouble tau2, DasvrdaConfig.Restart restart, OptionalDouble appaKappa) {
  public static final MethodTuning THEORY = new MethodTuning(OptionalDouble.empty(), OptionalDouble.empty(), null, OptionalDouble.empty());

  public MethodTuning {
    if (tau1.isPresent() && !(tau1.getAsDouble() > 0 && tau1.getAsDouble() < 1)) {
      throw new IllegalArgumentException("--tau1 must be in (0, 1), got " + tau1.getAsDouble());
    }
    if (tau2.isPresent() && !(tau2.getAsDouble() >= 0 && tau2.getAsDouble() <= 0.5)) {
      throw new IllegalArgumentException("--tau2 must be in [0, 1/2], got " + tau2.getAsDouble());
    }
    if (appaKappa.isPresent() && !(appaKappa.getAsDouble() >= 0 && Double.isFinite(appaKappa.getAsDouble()))) {
      throw new IllegalArgumentException("--appa-kappa must be a finite number >= 0, got " + appaKappa.getAsDouble());
    }
  }

  @Override
  public String toString() {
    return "tau1=" + str(tau1) + " tau2=" + str(tau2) + " restart=" + restart + " appa-kappa=" + str(appaKappa);
  }

  private static String str(OptionalDouble v) {
    return v.isPresent() ? Double.toString(v.getAsDouble()) : "theory";
  }
}
