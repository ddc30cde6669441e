package org.stochopt.core.ntk;

import java.io.Serializable;

/** A regression function g_ρ(x) = E[Y | X = x] with a known source condition (synthetic experiments). */
public interface Target extends Serializable {
  /** g_ρ(x) for x = values[off .. off + d). */
  double value(double[] values, int off);

  String describe();
}
