package org.stochopt.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The byte-level number parser never disagrees with {@link Double#parseDouble}, bit for bit. */
class DecimalBytesTest {
  /** Parses s with the fast path; asserts it is NaN (declined) or exactly parseDouble's value. Returns whether it decided. */
  private static boolean agrees(String s) {
    byte[] b = ("  " + s + " ").getBytes(StandardCharsets.US_ASCII);
    double fast = DecimalBytes.parse(b, 2, b.length - 1);
    if (Double.isNaN(fast)) return false;
    assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(fast), s);
    return true;
  }

  @Test
  void doubleToStringOfRandomDoublesRoundTrips() {
    SplittableRandom rng = new SplittableRandom(7);
    int decided = 0;
    int total = 150_000;
    for (int i = 0; i < total; i++) {
      // Magnitudes of normalised sparse features and labels: 1e-6 .. 1e3, both signs.
      double v = (rng.nextBoolean() ? -1 : 1) * Math.exp(rng.nextDouble(Math.log(1e-6), Math.log(1e3)));
      if (agrees(Double.toString(v))) decided++;
    }
    // Most 17-digit outputs below 1 must take the fast path, or it is pointless.
    assertTrue(decided > 0.9 * total, "decided " + decided + " of " + total);
  }

  @Test
  void randomDigitStringsWithSignsPointsAndExponents() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int i = 0; i < 150_000; i++) {
      StringBuilder sb = new StringBuilder();
      if (rng.nextInt(4) == 0) sb.append(rng.nextBoolean() ? '-' : '+');
      int intDigits = rng.nextInt(0, 12);
      for (int k = 0; k < intDigits; k++) sb.append((char) ('0' + rng.nextInt(10)));
      if (rng.nextBoolean()) {
        sb.append('.');
        int frac = rng.nextInt(0, 20);
        for (int k = 0; k < frac; k++) sb.append((char) ('0' + rng.nextInt(10)));
      }
      if (rng.nextInt(3) == 0) sb.append(rng.nextBoolean() ? 'e' : 'E').append(rng.nextInt(-30, 30));
      String s = sb.toString();
      boolean valid;
      try {
        Double.parseDouble(s);
        valid = true;
      } catch (NumberFormatException e) {
        valid = false;
      }
      if (valid) {
        agrees(s);
      } else {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        assertTrue(Double.isNaN(DecimalBytes.parse(b, 0, b.length)), "accepted invalid '" + s + "'");
      }
    }
  }

  @Test
  void hardCases() {
    // Halfway cases and neighbours of powers of two, 17-18 digit significands, signed zeros.
    String[] cases = {"0", "-0", "-0.0", "+0.000", "1", "-1", "+1", "0.1", "0.3", "1e22", "1e23", "9007199254740993e-5",
        "0.09897350175653051", "0.04716140389101806", "0.99999999999999995", "0.999999999999999944",
        "0.49999999999999997", "0.12345678901234567", "123456789012345678e-20", "4.9e-324", "2.2250738585072014E-308",
        "1.7976931348623157E308", "0.5", "0.25", "0.125000000000000001", "9.999999999999999e-1", "1.0E-5", "5.",
        ".5", "-.5e1", "1e", "e5", ".", "-", "1.5d", "2f", "NaN", "Infinity", "0x1p3", "1e+", "1e-", "1..2", "1e5.5"};
    for (String s : cases) {
      boolean valid;
      try {
        Double.parseDouble(s);
        valid = !s.endsWith("d") && !s.endsWith("f");
      } catch (NumberFormatException e) {
        valid = false;
      }
      byte[] b = s.getBytes(StandardCharsets.US_ASCII);
      double fast = DecimalBytes.parse(b, 0, b.length);
      if (!valid) {
        assertTrue(Double.isNaN(fast), s);
      } else if (!Double.isNaN(fast)) {
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(fast), s);
      }
    }
    assertTrue(agrees("0.09897350175653051"));
    assertTrue(agrees("-0.0"));
  }

  @Test
  void nearlyHalfwayQuotientsAreDecidedCorrectlyOrDeclined() {
    // Significands next to the exact midpoint between two doubles, scaled by 10^-k.
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 50_000; i++) {
      double x = rng.nextDouble(0.01, 1);
      java.math.BigDecimal mid = new java.math.BigDecimal(x).add(new java.math.BigDecimal(Math.ulp(x) / 2));
      java.math.BigDecimal rounded = mid.round(new java.math.MathContext(18));
      long ulps = rng.nextLong(-3, 4);
      String s = rounded.add(java.math.BigDecimal.valueOf(ulps, 18)).toPlainString();
      agrees(s);
    }
  }
}
