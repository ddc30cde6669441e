package org.stochopt.spark.job;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The phase marks' wall clock: from the launcher's $EPOCHREALTIME when it is there. */
class PhaseTimesTest {
  @Test
  void secondsSinceTheLaunchersInstant() {
    Instant now = Instant.ofEpochSecond(1796324254, 488_695_000);
    assertEquals(1.5, PhaseTimes.secondsSince("1796324252.988695", now), 1e-9);
    assertEquals(1.5, PhaseTimes.secondsSince("1796324252,988695", now), 1e-9); // a locale with a decimal comma
    assertEquals(2.0, PhaseTimes.secondsSince("1796324252", Instant.ofEpochSecond(1796324254)), 1e-9);
  }

  @Test
  void anAbsentOrMalformedInstantIsNaNSoTheProcessStartIsUsed() {
    Instant now = Instant.ofEpochSecond(1796324254);
    assertTrue(Double.isNaN(PhaseTimes.secondsSince(null, now)));
    assertTrue(Double.isNaN(PhaseTimes.secondsSince("", now)));
    assertTrue(Double.isNaN(PhaseTimes.secondsSince("yesterday", now)));
    assertTrue(Double.isNaN(PhaseTimes.secondsSince("-5.0", now)));
  }
}
