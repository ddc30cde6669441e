package org.stochopt.core.loss;

/** Numerically stable scalar primitives, written once. */
public final class Numerics {
  private Numerics() {}

  /**
   * log(1 + e^x) without overflow: for large x, e^x overflows past 709.78, so use x + log1p(e^-x);
   * for very negative x, log1p(e^x) keeps the tiny value instead of rounding 1 + e^x to 1.
   */
  public static double log1pExp(double x) {
    return x > 0 ? x + log1p(Math.exp(-x)) : log1p(Math.exp(x));
  }

  /** 1 / (1 + e^-x), evaluated on the side where the exponential cannot overflow. */
  public static double sigmoid(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }
  private static final double LN2_HI = Double.longBitsToDouble(0x3fe62e42fee00000L); // 6.93147180369123816490e-01
  private static final double LN2_LO = Double.longBitsToDouble(0x3dea39ef35793c76L); // 1.90821492927058770002e-10
  private static final double TWO54 = Double.longBitsToDouble(0x4350000000000000L); // 2^54
  private static final double LP1 = Double.longBitsToDouble(0x3fe5555555555593L); // 6.666666666666735130e-01
  private static final double LP2 = Double.longBitsToDouble(0x3fd999999997fa04L); // 3.999999999940941908e-01
  private static final double LP3 = Double.longBitsToDouble(0x3fd2492494229359L); // 2.857142874366239149e-01
  private static final double LP4 = Double.longBitsToDouble(0x3fcc71c51d8e78afL); // 2.222219843214978396e-01
  private static final double LP5 = Double.longBitsToDouble(0x3fc7466496cb03deL); // 1.818357216161805012e-01
  private static final double LP6 = Double.longBitsToDouble(0x3fc39a09d078c69fL); // 1.531383769920937332e-01
  private static final double LP7 = Double.longBitsToDouble(0x3fc2f112df3e5244L); // 1.479819860511658591e-01

  /**
   * log(1 + x), bit-identical to {@link StrictMath#log1p} (and so to {@link Math#log1p}, which
   * delegates to it): a transcription of fdlibm's s_log1p.c (Sun Microsystems, 1993; "Permission to
   * use, copy, modify, and distribute this software is freely granted, provided that this notice is
   * preserved"), the algorithm StrictMath specifies. Why a copy: on JDK 17 StrictMath.log1p is a
   * native method, so every call crosses into C; the logistic loss value calls it once per row of
   * every pass. This copy is ordinary compiled Java (at 500 bytes of bytecode it is above C2's
   * inlining limit, so it stays a plain call, without the native transition). The bit-equality is
   * tested (KernelAgreementTest) over random arguments across the whole range.
   *
   * <p>Method (fdlibm): 1 + x = 2^k·(1 + f) with √2/2 &lt; 1 + f &lt; √2 and a correction c for
   * the rounding of 1 + x; log(1 + f) = f − s(f − R) with s = f/(2 + f) and R a degree-14
   * minimax polynomial in s; log(1 + x) = k·ln2_hi + (f − (hfsq − (s(hfsq + R) + (k·ln2_lo + c)))).
   */
  public static double log1p(double x) {
    int hx = (int) (Double.doubleToRawLongBits(x) >>> 32);
    int ax = hx & 0x7fffffff;
    int k = 1;
    int hu = 0;
    double f = 0.0;
    double c = 0.0;
    if (hx < 0x3fda827a) { // x < 0.41422
      if (ax >= 0x3ff00000) { // x <= -1.0
        return x == -1.0 ? Double.NEGATIVE_INFINITY : Double.NaN;
      }
      if (ax < 0x3e200000) { // |x| < 2^-29
        if (TWO54 + x > 0.0 && ax < 0x3c900000) return x; // |x| < 2^-54
        return x - x * x * 0.5;
      }
      if (hx > 0 || hx <= (int) 0xbfd2bec3) { // -0.2929 < x < 0.41422
        k = 0;
        f = x;
        hu = 1;
      }
    }
    if (hx >= 0x7ff00000) return x + x; // +inf or NaN
    if (k != 0) {
      double u;
      if (hx < 0x43400000) {
        u = 1.0 + x;
        hu = (int) (Double.doubleToRawLongBits(u) >>> 32);
        k = (hu >> 20) - 1023;
        c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0); // correction term
        c /= u;
      } else {
        u = x;
        hu = (int) (Double.doubleToRawLongBits(u) >>> 32);
        k = (hu >> 20) - 1023;
        c = 0.0;
      }
      hu &= 0x000fffff;
      if (hu < 0x6a09e) {
        u = withHighWord(u, hu | 0x3ff00000); // normalize u
      } else {
        k += 1;
        u = withHighWord(u, hu | 0x3fe00000); // normalize u/2
        hu = (0x00100000 - hu) >> 2;
      }
      f = u - 1.0;
    }
    double hfsq = 0.5 * f * f;
    if (hu == 0) { // |f| < 2^-20
      if (f == 0.0) {
        if (k == 0) return 0.0;
        c += k * LN2_LO;
        return k * LN2_HI + c;
      }
      double r = hfsq * (1.0 - 0.66666666666666666 * f);
      if (k == 0) return f - r;
      return k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
    }
    double s = f / (2.0 + f);
    double z = s * s;
    double r = z * (LP1 + z * (LP2 + z * (LP3 + z * (LP4 + z * (LP5 + z * (LP6 + z * LP7))))));
    if (k == 0) return f - (hfsq - s * (hfsq + r));
    return k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
  }

  private static double withHighWord(double d, int high) {
    return Double.longBitsToDouble(((long) high << 32) | (Double.doubleToRawLongBits(d) & 0xffffffffL));
  }
}
