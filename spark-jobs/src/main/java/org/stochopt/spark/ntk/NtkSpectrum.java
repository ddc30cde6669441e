package org.stochopt.spark.ntk;

import java.util.Locale;
import org.stochopt.core.ntk.Activation;
import org.stochopt.core.ntk.EigenfunctionTarget;
import org.stochopt.core.ntk.NtkGram;
import org.stochopt.core.ntk.SymmetricEigen;
import org.stochopt.core.ntk.TrainedLayers;
import org.stochopt.core.rng.Seeds;

/**
 * The recipe of the seed's eigenvalue-decay figure: n points uniform on S^{d−1}, M/2 distinct
 * directions (the mirrored half adds nothing), the finite-width NTK Gram K of the chosen layers,
 * and the eigenvalues of K/n, which estimate those of the integral operator Σ. Optionally the
 * same for the ReLU closed form (infinite width). The decay exponent is the least-squares slope of
 * log μ_i against log i over [from, to].
 */
public final class NtkSpectrum {
  private NtkSpectrum() {}

  /** The sorted eigenvalues of K/n and their fitted slope. */
  /** {@code gramSeconds} of the total {@code seconds} went into forming K; the rest is the eigensolver. */
  public record Result(int d, String kernel, double[] eigenvalues, double slope, double seconds, double gramSeconds) {}

  public static Result finiteWidth(int d, int n, int width, Activation sigma, double r, double gamma, TrainedLayers layers,
      long seed, int from, int to) {
    long t0 = System.nanoTime();
    double[] x = EigenfunctionTarget.spherePoints(n, d, Seeds.child(seed, 1, d));
    int distinct = width / 2;
    double[] dirs = EigenfunctionTarget.spherePoints(distinct, d, Seeds.child(seed, 2, d));
    double[] k = NtkGram.finiteWidth(x, n, d, dirs, distinct, sigma, r, gamma).consumeInto(layers);
    return solve(d, "finite M=" + width, k, n, from, to, t0);
  }

  public static Result closedForm(int d, int n, double r, double gamma, TrainedLayers layers, long seed, int from, int to) {
    long t0 = System.nanoTime();
    double[] x = EigenfunctionTarget.spherePoints(n, d, Seeds.child(seed, 1, d));
    double[] k = NtkGram.reluClosedForm(x, n, d, r, gamma).consumeInto(layers);
    return solve(d, "ReLU closed form", k, n, from, to, t0);
  }

  private static Result solve(int d, String kernel, double[] k, int n, int from, int to, long t0) {
    double gramSeconds = (System.nanoTime() - t0) / 1e9;
    for (int i = 0; i < k.length; i++) k[i] /= n;
    double[] mu = SymmetricEigen.of(k, n, false).values();
    return new Result(d, kernel, mu, slope(mu, from, to), (System.nanoTime() - t0) / 1e9, gramSeconds);
  }

  /** Least-squares slope of log μ_i on log i for i ∈ [from, to] (1-based), positive μ only. */
  public static double slope(double[] mu, int from, int to) {
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int m = 0;
    for (int i = Math.max(1, from); i <= Math.min(to, mu.length); i++) {
      if (!(mu[i - 1] > 0)) continue;
      double lx = Math.log(i);
      double ly = Math.log(mu[i - 1]);
      sx += lx;
      sy += ly;
      sxx += lx * lx;
      sxy += lx * ly;
      m++;
    }
    if (m < 2) return Double.NaN;
    return (m * sxy - sx * sy) / (m * sxx - sx * sx);
  }

  public static String describe(Result r) {
    return String.format(Locale.ROOT, "d=%d %s: μ_1=%.4g, fitted slope %.3f (−β = %.3f), %.1fs (Gram %.1fs, eigenvalues %.1fs)", r.d(),
        r.kernel(), r.eigenvalues()[0], r.slope(), -r.d() / (r.d() - 1.0), r.seconds(), r.gramSeconds(), r.seconds() - r.gramSeconds());
  }
}
