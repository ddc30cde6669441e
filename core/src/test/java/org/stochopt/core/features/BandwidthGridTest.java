package org.stochopt.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bandwidth grids: median multiples and absolute σ resolve as written; bad lists are refused naming the flag. */
class BandwidthGridTest {
  @Test
  void multiplesScaleTheMedianAndAbsoluteValuesDoNot() {
    BandwidthGrid g = BandwidthGrid.parse(" 0.25x, 1X ,0.3");
    assertEquals(3, g.size());
    assertEquals(0.5, g.sigma(0, 2.0), 0.0);
    assertEquals(2.0, g.sigma(1, 2.0), 0.0);
    assertEquals(0.3, g.sigma(2, 2.0), 0.0);
    assertEquals(0.3, g.sigma(2, 7.0), 0.0);
    assertEquals("0.25x", g.label(0));
    assertEquals("1x", g.label(1));
    assertEquals("0.3", g.label(2));
    assertEquals(1, g.medianIndex());
    assertEquals(-1, BandwidthGrid.parse("0.5x,1").medianIndex(), "an absolute σ = 1 is not the median");
    assertEquals(BandwidthGrid.medianOnly(), BandwidthGrid.parse("1x"));
    assertEquals("0.25x,1x,0.3", g.toString());
  }

  @Test
  void badListsAreRefusedNamingTheFlag() {
    for (String bad : List.of("", "0", "-0.5x", "abc", "0.5,,1", "NaNx", "Infinity", "0.5x,0.5x", "x")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BandwidthGrid.parse(bad), bad);
      assertTrue(e.getMessage().contains("--rf-bandwidth"), e.getMessage());
    }
    // the same number once relative and once absolute is two different σ
    assertEquals(2, BandwidthGrid.parse("0.5x,0.5").size());
  }
}
