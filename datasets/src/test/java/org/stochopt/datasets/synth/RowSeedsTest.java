package org.stochopt.datasets.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowSeedsTest {
  @Test
  void fixedArityOverloadsAgreeWithVarargs() {
    assertEquals(RowSeeds.child(5, new long[] {3}), RowSeeds.child(5, 3L));
    assertEquals(RowSeeds.child(5, new long[] {3, 8}), RowSeeds.child(5, 3L, 8L));
  }

  @Test
  void knownValuesPinTheDataForever() {
    // First output of Vigna's splitmix64.c seeded with 0; SplittableRandom is the same generator.
    assertEquals(0L, RowSeeds.mix64(0));
    assertEquals(0xe220a8397b1dcdafL, RowSeeds.mix64(0x9e3779b97f4a7c15L));
    assertEquals(0xe220a8397b1dcdafL, new java.util.SplittableRandom(0).nextLong());
  }

  @Test
  void nearbyInputsGiveDistinctSeeds() {
    Set<Long> seen = new HashSet<>();
    for (long seed = 0; seed < 20; seed++) {
      for (long r = 0; r < 500; r++) seen.add(RowSeeds.child(seed, 2, r));
    }
    assertEquals(20 * 500, seen.size());
    // seed + r collisions that naive schemes have:
    assertNotEquals(RowSeeds.child(1, 2, 0), RowSeeds.child(0, 2, 1));
    assertNotEquals(RowSeeds.child(1, 2), RowSeeds.child(1, 1, 2));
  }
}
