package org.stochopt.core.ntk;

import java.util.Locale;

/**
 * Which parameters averaged SGD moves: the output layer a, the input layer (directions B and
 * biases c), or both. The others stay at their initial values; the NTK of the run is then k_a,
 * k_b or k_a + k_b (Fig. 2 of the paper compares the three).
 */
public enum TrainedLayers {
  OUTPUT, INPUT, BOTH;

  public boolean output() {
    return this != INPUT;
  }

  public boolean input() {
    return this != OUTPUT;
  }

  public String spec() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TrainedLayers parse(String s) {
    String v = s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "output", "a" -> OUTPUT;
      case "input", "b" -> INPUT;
      case "both", "all" -> BOTH;
      default -> throw new IllegalArgumentException("--train-layers must be output, input or both, got '" + s + "'");
    };
  }
}
