package org.stochopt.spark.resfgb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stochopt.core.features.BandwidthGrid;
import org.stochopt.core.resfgb.AnisotropicTarget;
import org.stochopt.core.resfgb.BlockFitter;
import org.stochopt.core.resfgb.HeadFitter;
import org.stochopt.core.resfgb.MlpBlock;
import org.stochopt.core.resfgb.ResFgbConfig;
import org.stochopt.spark.resfgb.KernelStudy.BandwidthFit;
import org.stochopt.spark.resfgb.KernelStudy.Point;

/**
 * The deep-vs-kernel study's selection and bookkeeping: σ is chosen by validation error on a case
 * whose answer is known, a seeded cell is reproducible, slopes and spreads match hand values.
 */
class KernelStudyTest {
  private static final ResFgbConfig SMALL = new ResFgbConfig(ResFgbConfig.Rule.LINE_SEARCH, 2, 1.0, new int[] {8}, MlpBlock.Output.TANH, 0.3,
      new BlockFitter.Settings(50, 2, Double.NaN, 0.9, 1e-5, 1), new HeadFitter.Settings("svrg", 16, 10, 3, 1e-4, 1), true, 1);

  private static KernelStudy.Settings settings(String grid, double... wr) {
    return new KernelStudy.Settings(200, 300, 0.25, BandwidthGrid.parse(grid), wr, 2, 2);
  }

  /**
   * σ = 0.001 makes every feature cos(ωᵀx + b) with |ω| ≈ 1000: values at unseen rows are
   * unrelated to those at the fitting rows, so that model cannot beat guessing the majority class on
   * validation rows, while σ = 1 learns the smooth part of the target (≈ 30 % error). Whatever the
   * order of the grid, σ = 1 must be chosen, and the chosen entry is the one with the lowest
   * validation error of all (σ, wr) fits.
   */
  @Test
  void selectionPicksTheBandwidthWithTheLowestValidationError() {
    AnisotropicTarget target = new AnisotropicTarget(4, 1, 5);
    for (String grid : List.of("0.001,1", "1,0.001")) {
      Point p = KernelStudy.run(target, 5, 600, SMALL, settings(grid, 1, 0.1));
      assertEquals(4, p.fits().size(), "2 σ × 2 wr");
      assertEquals("1", p.tuned().label(), grid + ": " + p.fits());
      double lowest = p.fits().stream().mapToDouble(BandwidthFit::validationError).min().orElseThrow();
      assertEquals(lowest, p.tuned().validationError(), 0.0);
      double noise = p.fits().stream().filter(f -> f.label().equals("0.001")).mapToDouble(BandwidthFit::validationError).min().orElseThrow();
      assertTrue(noise > p.tuned().validationError() + 0.05, "σ = 0.001 should be clearly worse: " + p.fits());
      assertEquals(-1, p.medianIndex(), "no 1x in the grid, no median line");
      assertEquals(450, p.trainRows(), "600 rows, a quarter held out");
    }
  }

  @Test
  void aSeededCellIsReproducibleAndTheSeedMatters() {
    AnisotropicTarget target = new AnisotropicTarget(4, 1, 3);
    KernelStudy.Settings s = settings("0.5x,1x", 1);
    Point a = KernelStudy.run(target, 3, 200, SMALL, s);
    Point b = KernelStudy.run(target, 3, 200, SMALL, s);
    assertEquals(withoutTimes(a), withoutTimes(b));
    assertEquals(1, a.medianIndex());
    assertEquals(a.medianSigma(), a.median().sigma(), 0.0);
    Point c = KernelStudy.run(new AnisotropicTarget(4, 1, 4), 4, 200, SMALL, s);
    assertTrue(!withoutTimes(a).equals(withoutTimes(c)), "another seed draws other rows and features");
  }

  private static List<Object> withoutTimes(Point p) {
    return List.of(p.n(), p.seed(), p.trainRows(), p.resfgbError(), p.resfgbDepth(), p.resfgbParameters(), p.linearError(), p.rffFeatures(),
        p.medianSigma(), p.chosen(), p.fits().stream().map(f -> List.of(f.label(), f.sigma(), f.wrMultiple(), f.trainError(), f.validationError(),
            f.testError())).toList());
  }

  @Test
  void withoutValidationNothingIsSelectedAndAGridIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new KernelStudy.Settings(200, 0, 0, BandwidthGrid.parse("0.5x,1x"), new double[] {1}, 2, 2));
    assertThrows(IllegalArgumentException.class, () -> new KernelStudy.Settings(200, 0, 0, BandwidthGrid.parse("1x"), new double[] {1, 0.1}, 2, 2));
    assertThrows(IllegalArgumentException.class, () -> new KernelStudy.Settings(200, 0, 0.6, BandwidthGrid.parse("1x"), new double[] {1}, 2, 2));
    assertThrows(IllegalArgumentException.class, () -> new KernelStudy.Settings(200, 0, 0.2, BandwidthGrid.parse("1x"), new double[] {0}, 2, 2));
    assertThrows(IllegalArgumentException.class, () -> new KernelStudy.Settings(200, 0, 0.2, BandwidthGrid.parse("1x"), new double[] {1, 1}, 2, 2));
    Point p = KernelStudy.run(new AnisotropicTarget(4, 1, 2), 2, 150, SMALL,
        new KernelStudy.Settings(200, 100, 0, BandwidthGrid.medianOnly(), new double[] {1}, 2, 2));
    assertEquals(150, p.trainRows(), "all rows fit");
    assertEquals(2, p.resfgbDepth(), "no validation: all layers kept");
    assertTrue(Double.isNaN(p.tuned().validationError()));
  }

  @Test
  void slopesAreFittedPerSeedAndSpreadOverSeeds() {
    // seed 1: err = 2·n^−0.5, seed 2: err = 3·n^−0.7 (exact power laws: the fitted slopes are exact)
    List<Point> cells = new java.util.ArrayList<>();
    for (int n : new int[] {100, 400, 1600}) {
      cells.add(cell(n, 1, 2 * Math.pow(n, -0.5)));
      cells.add(cell(n, 2, 3 * Math.pow(n, -0.7)));
    }
    KernelStudyReport.Spread s = KernelStudyReport.slope(cells, KernelStudyReport.Series.RESFGB);
    assertEquals(-0.6, s.mean(), 1e-12);
    assertEquals(Math.sqrt(0.02), s.sd(), 1e-12, "sample sd of −0.5 and −0.7");
    assertEquals(2, s.count());
    KernelStudyReport.Spread e = KernelStudyReport.spread(KernelStudyReport.byN(cells).get(100), Point::resfgbError);
    assertEquals((0.2 + 3 * Math.pow(100, -0.7)) / 2, e.mean(), 1e-12);
  }

  private static Point cell(int n, long seed, double err) {
    BandwidthFit f = new BandwidthFit("1x", 1, 1, 0.3, 0.3, 0.3, 1);
    return new Point(n, seed, n, err, 1, 1, 10, 0.3, 4, 1, List.of(f), 0, 0, 1);
  }
}
