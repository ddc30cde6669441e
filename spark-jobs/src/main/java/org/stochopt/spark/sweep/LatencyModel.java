package org.stochopt.spark.sweep;

import java.util.Arrays;
import java.util.List;

/**
 * The cost model of the cluster in use, fitted to the sweep's own cells:
 *
 * <pre>
 *   seconds ≈ t0·rounds + t1·gradients
 * </pre>
 *
 * so one round that touches g component gradients costs t_round(g) = t0 + t1·g (g = 2b for a
 * variance-reduced step, b for an SGD step, n for an anchor's full gradient). t0 is the fixed cost
 * of a round (on Spark: job scheduling, broadcast, tree aggregation, plus the driver's O(d)
 * update); t1 is the compute cost of one component gradient on the slowest partition. Fitted by
 * least squares on relative errors (cells span orders of magnitude in time, and each should count
 * alike), with both coefficients constrained to be non-negative.
 *
 * @param t0 seconds per round
 * @param t1 seconds per component gradient
 * @param cells cells used in the fit
 * @param medianRelativeError median |model − measured|/measured over those cells
 */
public record LatencyModel(double t0, double t1, int cells, double medianRelativeError) {

  /** One measurement: a cell's rounds, component gradients and method seconds. */
  public record Sample(double rounds, double gradients, double seconds) {}

  public double seconds(double rounds, double gradients) {
    return t0 * rounds + t1 * gradients;
  }

  /** Fits the model; cells with no rounds or no time are ignored. NaN coefficients when nothing is left. */
  public static LatencyModel fit(List<Sample> samples) {
    List<Sample> use = samples.stream()
        .filter(s -> s.rounds() > 0 && s.seconds() > 0 && Double.isFinite(s.seconds()) && s.gradients() >= 0).toList();
    if (use.isEmpty()) return new LatencyModel(Double.NaN, Double.NaN, 0, Double.NaN);
    // Minimize Σ (t0·xᵢ + t1·yᵢ − 1)² with xᵢ = Rᵢ/sᵢ, yᵢ = Wᵢ/sᵢ: the relative residuals.
    double sxx = 0, sxy = 0, syy = 0, sx = 0, sy = 0;
    for (Sample s : use) {
      double x = s.rounds() / s.seconds();
      double y = s.gradients() / s.seconds();
      sxx += x * x;
      sxy += x * y;
      syy += y * y;
      sx += x;
      sy += y;
    }
    double det = sxx * syy - sxy * sxy;
    double t0 = Double.NaN, t1 = Double.NaN;
    if (det > 1e-12 * sxx * syy) {
      t0 = (sx * syy - sy * sxy) / det;
      t1 = (sy * sxx - sx * sxy) / det;
    }
    // Non-negativity: when the joint solution is infeasible (or the system singular), the best
    // feasible fit lies on an axis; take the better of the two one-parameter fits.
    if (!(t0 >= 0 && t1 >= 0)) {
      double onlyT0 = sx / sxx;
      double onlyT1 = syy > 0 ? sy / syy : 0;
      double r0 = residual(use, onlyT0, 0);
      double r1 = syy > 0 ? residual(use, 0, onlyT1) : Double.POSITIVE_INFINITY;
      if (r0 <= r1) {
        t0 = onlyT0;
        t1 = 0;
      } else {
        t0 = 0;
        t1 = onlyT1;
      }
    }
    final double a = t0, b = t1;
    double[] rel = use.stream().mapToDouble(s -> Math.abs(a * s.rounds() + b * s.gradients() - s.seconds()) / s.seconds())
        .sorted().toArray();
    return new LatencyModel(t0, t1, use.size(), median(rel));
  }

  private static double residual(List<Sample> use, double t0, double t1) {
    double r = 0;
    for (Sample s : use) {
      double e = (t0 * s.rounds() + t1 * s.gradients()) / s.seconds() - 1;
      r += e * e;
    }
    return r;
  }

  static double median(double[] sorted) {
    if (sorted.length == 0) return Double.NaN;
    double[] v = sorted.clone();
    Arrays.sort(v);
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }
}
