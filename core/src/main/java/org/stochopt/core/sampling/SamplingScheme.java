package org.stochopt.core.sampling;

/** How the b rows of a minibatch are drawn from the n rows. */
public enum SamplingScheme {
  /** b independent uniform draws (a multiset): the model of Katyusha's analysis. */
  WITH_REPLACEMENT,
  /** A uniformly random b-subset ("b-nice" sampling): the model of minibatch SVRG analyses. */
  WITHOUT_REPLACEMENT,
  /**
   * b independent draws with p_i = L_i/(n·L̄) ∝ ‖x_i‖², each term weighted 1/(n·p_i) so the
   * minibatch gradient stays unbiased: the non-uniform sampling of Katyusha's mini-batch section
   * (and of prox-SVRG with L_Q = L̄ in Xiao and Zhang). The variance then scales with L̄, not L_max.
   */
  IMPORTANCE;

  /** Whether the b draws are independent (a multiset) rather than a b-subset. */
  public boolean independentDraws() {
    return this != WITHOUT_REPLACEMENT;
  }

  public static SamplingScheme parse(String s) {
    switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "with-replacement":
      case "replacement":
        return WITH_REPLACEMENT;
      case "without-replacement":
      case "nice":
        return WITHOUT_REPLACEMENT;
      case "importance":
        return IMPORTANCE;
      default:
        throw new IllegalArgumentException(
            "unknown sampling '" + s + "' (expected with-replacement, without-replacement or importance)");
    }
  }
}
