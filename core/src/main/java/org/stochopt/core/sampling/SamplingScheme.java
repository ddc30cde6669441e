package org.stochopt.core.sampling;

/** How the b rows of a minibatch are drawn from the n rows. */
public enum SamplingScheme {
  /** b independent uniform draws (a multiset): the model of Katyusha's analysis. */
  WITH_REPLACEMENT,
  /** A uniformly random b-subset ("b-nice" sampling): the model of minibatch SVRG analyses. */
  WITHOUT_REPLACEMENT;

  public static SamplingScheme parse(String s) {
    switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "with-replacement":
      case "replacement":
        return WITH_REPLACEMENT;
      case "without-replacement":
      case "nice":
        return WITHOUT_REPLACEMENT;
      default:
        throw new IllegalArgumentException(
            "unknown sampling '" + s + "' (expected with-replacement or without-replacement)");
    }
  }
}
