package org.stochopt.spark.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What one system did in a bench: its suboptimality against time (and rounds, passes), plus the
 * costs outside the optimization proper. One curve per system and method.
 *
 * @param system a label such as {@code stochopt katyusha b=64 in-process}, {@code MLlib L-BFGS}
 * @param clock what {@link Point#seconds} measures (method time, fit time, process wall time)
 * @param loadSeconds time to load (and cache) the data for this system, not in the curve's seconds
 * @param setupSeconds work not in the curve's seconds: constants; for stochopt runs also the method's init and
 *     every evaluation of the trace (charged whole, so an upper bound for targets reached before the run's end); or NaN
 * @param peakMemoryMb peak memory while the system ran (JVM heap or child VmHWM; see {@code memoryKind})
 * @param memoryKind how {@code peakMemoryMb} was measured
 * @param notes anything a reader must know to interpret the numbers
 */
public record Curve(String system, String clock, List<Point> points, double loadSeconds, double setupSeconds,
    double peakMemoryMb, String memoryKind, String notes) {

  /** One measured point; NaN where a system does not report the quantity. */
  public record Point(double seconds, double relativeSuboptimality, double rounds, double passes) {}

  /** The first point at or below {@code target}, or null if the system never got there. */
  public Point firstReaching(double target) {
    Point best = null;
    for (Point p : points) {
      if (p.relativeSuboptimality() <= target && (best == null || p.seconds() < best.seconds())) best = p;
    }
    return best;
  }

  /** The lowest suboptimality reached. */
  public double best() {
    double b = Double.POSITIVE_INFINITY;
    for (Point p : points) b = Math.min(b, p.relativeSuboptimality());
    return b;
  }

  /** Points sorted by time (LIBLINEAR's separate runs come in order of tolerance, not time). */
  public List<Point> byTime() {
    List<Point> out = new ArrayList<>(points);
    out.sort(java.util.Comparator.comparingDouble(Point::seconds));
    return out;
  }
}
