package org.stochopt.spark.influence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.stochopt.datasets.io.LabelPolicy;

/** Planted label noise: symmetric, or one-sided (every flipped row came from the named class). */
class InfluenceDataTest {
  private static final String SPEC = "synthetic:n=400,d=5,seed=3";

  @Test
  void oneSidedFlipsComeFromTheNamedClassOnly() {
    for (int from : new int[] {1, -1}) {
      InfluenceData d = InfluenceData.load(SPEC, null, LabelPolicy.BINARY, 100, 0, 0.1, from, 7);
      assertEquals(30, d.flippedCount());
      for (int i = 0; i < d.train().rows(); i++) {
        if (d.flipped()[i]) assertEquals(-from, d.train().label(i), "a flipped row of class " + from + " now has the other label");
      }
    }
  }

  @Test
  void symmetricFlipsAreTheEarlierDraw() {
    InfluenceData a = InfluenceData.load(SPEC, null, LabelPolicy.BINARY, 100, 0, 0.1, 7);
    InfluenceData b = InfluenceData.load(SPEC, null, LabelPolicy.BINARY, 100, 0, 0.1, 0, 7);
    assertEquals(java.util.Arrays.toString(a.flipped()), java.util.Arrays.toString(b.flipped()));
  }
}
