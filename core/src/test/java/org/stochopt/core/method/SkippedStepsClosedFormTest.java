package org.stochopt.core.method;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The closed forms over k skipped steps (DASVRDA's dual averaging, Acc-Prox-SVRG's momentum)
 * against k steps of the dense arithmetic, one coordinate at a time, for gaps from 1 to the epoch
 * length, L2 / L1 / elastic net, from start values on every piece of the prox.
 */
class SkippedStepsClosedFormTest {
  private static final int M = 300;

  /**
   * With L2 the closed form is compared with the steps in 34-digit arithmetic: momentum accumulates
   * the dense loop's own rounding (1e-13 to 1e-12 over an epoch at β ≥ 0.96, printed), so the
   * closed form is held to the exact steps, not to the rounded ones. With λ₁ > 0 the skipped steps
   * are replayed, so they must be the dense steps bit for bit.
   */
  @ParameterizedTest(name = "momentum η={0} β={1} κ={2} λ₁={3} λ₂={4}")
  @CsvSource({"0.5, 0.96, 0.0, 0.0, 1e-3", "0.5, 0.995, 0.0, 0.0, 1e-4", "0.2, 0.9, 0.05, 0.0, 1e-4",
    "0.5, 0.96, 0.0, 1e-3, 1e-3", "0.2, 0.9, 0.05, 2e-3, 0.0"})
  void momentumClosedFormIsTheRepeatedStep(double eta, double beta, double kappa, double l1, double l2) {
    MomentumProxSteps steps = new MomentumProxSteps(eta, beta, kappa, l1, l2, M);
    SplittableRandom rng = new SplittableRandom(5);
    double worst = 0.0;
    double worstDense = 0.0;
    for (int trial = 0; trial < 200; trial++) {
      int k = 1 + rng.nextInt(M);
      double x0 = rng.nextGaussian() * 0.3;
      double y0 = x0 + rng.nextGaussian() * 0.01;
      double m = rng.nextGaussian() * 1e-2;
      double c = rng.nextGaussian() * 0.3;
      double[] x = {x0};
      double[] y = {y0};
      double[] xr = {x0};
      double[] yr = {y0};
      steps.advance(x, y, 0, m, c, k);
      for (int i = 0; i < k; i++) steps.descend(xr, yr, 0, 0.0 + m, c);
      if (l1 > 0) {
        assertEquals(xr[0], x[0], 0.0);
        assertEquals(yr[0], y[0], 0.0);
        continue;
      }
      double[] exact = exactMomentumSteps(eta, beta, kappa, l2, x0, y0, m, c, k);
      double scale = Math.max(Math.abs(x0), Math.abs(exact[0]));
      worst = Math.max(worst, Math.max(Math.abs(x[0] - exact[0]), Math.abs(y[0] - exact[1])) / scale);
      worstDense = Math.max(worstDense, Math.max(Math.abs(xr[0] - exact[0]), Math.abs(yr[0] - exact[1])) / scale);
    }
    if (l1 == 0) System.out.printf("momentum β=%s: closed form %.1e, dense steps %.1e from the exact steps%n", beta, worst, worstDense);
    assertTrue(worst < 1e-13, "worst relative error " + worst);
  }

  /** k L2 momentum steps in 34-digit decimal arithmetic from the same double inputs. */
  private static double[] exactMomentumSteps(double eta, double beta, double kappa, double l2, double x0, double y0,
      double m, double c, int k) {
    MathContext mc = MathContext.DECIMAL128;
    BigDecimal e = new BigDecimal(eta);
    BigDecimal b = new BigDecimal(beta);
    BigDecimal ek = e.multiply(new BigDecimal(kappa), mc);
    BigDecimal scale = BigDecimal.ONE.add(ek, mc);
    BigDecimal inner = e.divide(scale, mc);
    BigDecimal shrink = BigDecimal.ONE.divide(BigDecimal.ONE.add(inner.multiply(new BigDecimal(l2), mc), mc), mc);
    BigDecimal pull = ek.multiply(new BigDecimal(c), mc).subtract(e.multiply(new BigDecimal(m), mc), mc);
    BigDecimal x = new BigDecimal(x0);
    BigDecimal y = new BigDecimal(y0);
    for (int i = 0; i < k; i++) {
      BigDecimal next = y.add(pull, mc).divide(scale, mc).multiply(shrink, mc);
      y = next.add(b.multiply(next.subtract(x, mc), mc), mc);
      x = next;
    }
    return new double[] {x.doubleValue(), y.doubleValue()};
  }

  @ParameterizedTest(name = "dual averaging η={0} λ₁={1} λ₂={2}")
  @CsvSource({"0.01, 0.0, 1e-3", "0.01, 1e-3, 1e-3", "0.003, 2e-3, 0.0", "0.01, 5e-2, 0.0"})
  void dualAveragingClosedFormIsTheRepeatedStep(double eta, double l1, double l2) {
    DualAveragingSkippedSteps steps = new DualAveragingSkippedSteps(eta, l1, l2, M);
    SplittableRandom rng = new SplittableRandom(7);
    double worst = 0.0;
    int zeroCrossings = 0;
    for (int trial = 0; trial < 400; trial++) {
      int from = rng.nextInt(M);
      int to = from + 1 + rng.nextInt(M - from);
      double start = rng.nextGaussian() * 0.3;
      double m = rng.nextGaussian() * 2e-2;
      double[] x = {start + rng.nextGaussian() * 0.01};
      double[] z = {start + rng.nextGaussian() * 0.01};
      double[] g = {from == 0 ? 0.0 : m + rng.nextGaussian() * 1e-2};
      double[] xr = x.clone();
      double[] zr = z.clone();
      double[] gr = g.clone();
      steps.advance(x, z, g, start, m, 0, from, to);
      for (int l = from + 1; l <= to; l++) steps.descend(xr, zr, gr, start, m, 0.0, 0, l);
      if (Math.signum(zr[0]) != Math.signum(start)) zeroCrossings++;
      double scale = Math.max(Math.abs(start), Math.abs(xr[0]));
      worst = Math.max(worst, Math.max(Math.abs(x[0] - xr[0]), Math.max(Math.abs(z[0] - zr[0]), Math.abs(g[0] - gr[0]))) / scale);
    }
    assertTrue(worst < 1e-13, "worst relative error " + worst);
    assertTrue(zeroCrossings > 10, "some gaps must cross the prox's pieces");
  }
}
