package org.stochopt.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * ⟨z(x), z(y)⟩ approximates the exact kernel with an error that falls like 1/√M: the log–log
 * slope of the RMS error against M, fitted over M = 64 … 4096, must be −½ within 0.1.
 */
class KernelApproximationTest {
  private static final int D = 6;
  private static final int PAIRS = 40;
  private static final int SEEDS = 12;
  private static final int[] M = {64, 256, 1024, 4096};

  /** Pairs at typical distances for σ = 1.5 (kernel values spread over (0, 1)). */
  private static double[][][] pairs() {
    SplittableRandom rng = new SplittableRandom(11);
    double[][][] p = new double[PAIRS][2][D];
    for (double[][] pair : p) {
      for (int i = 0; i < D; i++) {
        pair[0][i] = rng.nextDouble() * 2 - 1;
        pair[1][i] = rng.nextDouble() * 2 - 1;
      }
    }
    return p;
  }

  /** RMS over pairs and seeds of ⟨z(x), z(y)⟩ − k(x, y). */
  static double rmsError(FeatureKind kind, int d, int m, double sigma, double[][][] pairs, int seeds) {
    double sum = 0;
    int count = 0;
    for (int s = 0; s < seeds; s++) {
      FeatureMap map = kind.create(d, m, sigma, 1000 + s);
      double[] zx = new double[m];
      double[] zy = new double[m];
      for (double[][] pair : pairs) {
        map.map(pair[0], zx);
        map.map(pair[1], zy);
        double dot = 0;
        for (int j = 0; j < m; j++) dot += zx[j] * zy[j];
        double e = dot - map.kernel(pair[0], pair[1]);
        sum += e * e;
        count++;
      }
    }
    return Math.sqrt(sum / count);
  }

  /** Least-squares slope of log(err) against log(M). */
  static double logLogSlope(int[] m, double[] err) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < m.length; i++) {
      mx += Math.log(m[i]) / m.length;
      my += Math.log(err[i]) / m.length;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < m.length; i++) {
      double dx = Math.log(m[i]) - mx;
      sxy += dx * (Math.log(err[i]) - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }

  @ParameterizedTest
  @EnumSource(value = FeatureKind.class, names = {"GAUSSIAN", "LAPLACIAN", "ORTHOGONAL"})
  void errorFallsLikeOneOverSqrtM(FeatureKind kind) {
    double[][][] pairs = pairs();
    double[] err = new double[M.length];
    for (int i = 0; i < M.length; i++) err[i] = rmsError(kind, D, M[i], 1.5, pairs, SEEDS);
    double slope = logLogSlope(M, err);
    assertEquals(-0.5, slope, 0.1, kind + ": RMS errors " + java.util.Arrays.toString(err) + " give slope " + slope);
    assertTrue(err[M.length - 1] < 0.03, kind + " error at M=4096: " + err[M.length - 1]);
  }

  @Test
  void structuredOrthogonalFeaturesApproximateTheGaussianKernel() {
    // SORF is unbiased only asymptotically in d (Yu et al. 2016); with d = 16 (p = 16) its error
    // at M = 4096 must still be close to the Gaussian RFF error and fall with M.
    int d = 16;
    SplittableRandom rng = new SplittableRandom(5);
    double[][][] pairs = new double[PAIRS][2][d];
    for (double[][] pair : pairs) {
      for (int i = 0; i < d; i++) {
        pair[0][i] = rng.nextDouble() * 2 - 1;
        pair[1][i] = rng.nextDouble() * 2 - 1;
      }
    }
    double small = rmsError(FeatureKind.SORF, d, 64, 2.5, pairs, SEEDS);
    double large = rmsError(FeatureKind.SORF, d, 4096, 2.5, pairs, SEEDS);
    double gaussian = rmsError(FeatureKind.GAUSSIAN, d, 4096, 2.5, pairs, SEEDS);
    assertTrue(large < small / 4, "SORF error " + small + " at M=64, " + large + " at M=4096");
    assertTrue(large < 2 * gaussian + 0.005, "SORF " + large + " vs Gaussian RFF " + gaussian + " at M=4096");
  }

  @Test
  void orthogonalFeaturesHaveLowerErrorThanIidAtMEqualsD() {
    int d = 32;
    SplittableRandom rng = new SplittableRandom(3);
    double[][][] pairs = new double[PAIRS][2][d];
    for (double[][] pair : pairs) {
      for (int i = 0; i < d; i++) {
        pair[0][i] = rng.nextDouble() * 2 - 1;
        pair[1][i] = rng.nextDouble() * 2 - 1;
      }
    }
    double iid = rmsError(FeatureKind.GAUSSIAN, d, d, 3.0, pairs, 40);
    double orf = rmsError(FeatureKind.ORTHOGONAL, d, d, 3.0, pairs, 40);
    assertTrue(orf < 0.9 * iid, "ORF error " + orf + " is not below the i.i.d. RFF error " + iid);
  }

  @Test
  void orthogonalFrequenciesAreOrthogonalWithinABlockAndGaussianInNorm() {
    int d = 20;
    OrthogonalRff map = new OrthogonalRff(d, 3 * d, 0.5, 9);
    for (int blk = 0; blk < 3; blk++) {
      for (int i = 0; i < d; i++) {
        double[] wi = map.frequency(blk * d + i);
        for (int j = i + 1; j < d; j++) {
          double[] wj = map.frequency(blk * d + j);
          double dot = 0;
          for (int k = 0; k < d; k++) dot += wi[k] * wj[k];
          assertEquals(0.0, dot, 1e-9, "rows " + i + ", " + j + " of block " + blk);
        }
      }
    }
    // E‖ω‖² = d/σ² as for Gaussian rows.
    double mean = 0;
    for (int j = 0; j < 3 * d; j++) {
      double[] w = map.frequency(j);
      double s = 0;
      for (double v : w) s += v * v;
      mean += s / (3 * d);
    }
    assertEquals(d / 0.25, mean, 0.2 * d / 0.25);
  }

  @Test
  void gaussianFrequenciesHaveScaleOneOverSigma() {
    // sklearn's RBFSampler with γ = 1/(2σ²) draws sqrt(2γ)·N(0,1) = N(0,1)/σ: check the variance.
    GaussianRff map = new GaussianRff(10, 2000, 0.25, 4);
    double s = 0;
    for (int j = 0; j < 2000; j++) for (double v : map.frequency(j)) s += v * v;
    assertEquals(16.0, s / 20000, 0.5);
  }
}
