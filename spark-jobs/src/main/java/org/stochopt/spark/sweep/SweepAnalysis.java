package org.stochopt.spark.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.stochopt.core.theory.MinibatchTheory;

/**
 * Turns the cells into answers: per (method, b) medians over seeds, the step multiplier that
 * gives the lowest modeled time, the cluster's latency model, the theory scale per method, the
 * largest b that still cuts rounds almost linearly, the empirical critical batch, and the
 * recommendation.
 *
 * <p><b>Recommendation rule.</b> Among the (method, b, multiplier) points whose cells reached ε
 * for every seed, the one with the smallest modeled time to ε,
 * t0·rounds_to_ε + t1·gradients_to_ε, with (t0, t1) the {@link LatencyModel} fitted on this
 * sweep's cells and the rounds and gradients the medians over seeds. The model, not the raw
 * measured seconds, ranks the points, because it pools every cell's timing and so is far less
 * noisy than any single cell's wall time; the measured seconds of the winner are reported next to it.
 *
 * <p><b>Near-linear limit.</b> For consecutive sizes b_i &lt; b_{i+1} of a method's curve, the
 * per-doubling ratio is ρ_i = (R(b_{i+1})/R(b_i))^(1/log₂(b_{i+1}/b_i)), with R the rounds to ε
 * (ρ = 1/2 is perfect linear scaling, ρ = 1 no gain). The near-linear limit is the largest b_j
 * such that ρ_i ≤ {@code near_linear_ratio} for every i &lt; j: beyond it, doubling b no longer
 * cuts rounds by the required factor. When already the first doubling fails, the limit is the
 * smallest b of the grid and is flagged as "not observed".
 */
public final class SweepAnalysis {

  /** Medians over the seeds of one (method, b, multiplier). Rounds etc. are NaN unless every seed reached ε. */
  public record Point(String method, int batchSize, double multiplier, int seeds, int reached, double rounds,
                      double steps, double gradients, double seconds, double modeledSeconds) {
    public boolean allReached() {
      return seeds > 0 && reached == seeds;
    }
  }

  /** Where doubling b stopped paying off for one method. */
  public record NearLinear(long limit, boolean observed, List<Double> ratios) {}

  /** Least-squares fit R(b) = floor + c/b; the critical batch is c/floor (NaN when no floor is seen). */
  public record InverseFit(double floor, double coefficient) {
    public double criticalBatch() {
      return floor > 0 && coefficient > 0 ? coefficient / floor : Double.NaN;
    }
  }

  /** One method's scaling curve and what was read off it. */
  public record MethodCurve(String method, List<Point> points, double theoryScale, double theoryRmsLogError,
                            NearLinear nearLinear, InverseFit inverseFit) {}

  public record Recommendation(Point point, double measuredSeconds) {}

  private final SweepConfig config;
  private final MinibatchTheory theory;
  private final LatencyModel latency;
  private final List<Point> points;
  private final List<MethodCurve> curves;
  private final Recommendation recommendation;

  private SweepAnalysis(SweepConfig config, MinibatchTheory theory, LatencyModel latency, List<Point> points,
      List<MethodCurve> curves, Recommendation recommendation) {
    this.config = config;
    this.theory = theory;
    this.latency = latency;
    this.points = points;
    this.curves = curves;
    this.recommendation = recommendation;
  }

  public static SweepAnalysis of(SweepConfig config, MinibatchTheory theory, List<CellResult> results) {
    LatencyModel latency = LatencyModel.fit(results.stream()
        .map(r -> new LatencyModel.Sample(r.rounds(), r.gradients(), r.methodSeconds())).toList());
    List<Point> points = points(config, results, latency);
    List<MethodCurve> curves = new ArrayList<>();
    for (String m : config.methods()) {
      List<Point> best = bestPerBatch(points, m);
      List<Point> reached = best.stream().filter(Point::allReached).toList();
      long[] b = reached.stream().mapToLong(Point::batchSize).toArray();
      double[] r = reached.stream().mapToDouble(Point::rounds).toArray();
      double scale = Double.NaN, rms = Double.NaN;
      if (theory != null && MinibatchTheory.METHODS.contains(m) && reached.size() > 0) {
        double[] predicted = reached.stream()
            .mapToDouble(p -> theory.predict(m, p.batchSize()).communicationRounds()).toArray();
        scale = logScale(r, predicted);
        rms = rmsLogError(r, predicted, scale);
      }
      curves.add(new MethodCurve(m, best, scale, rms, nearLinearLimit(b, r, config.nearLinearRatio()), fitInverse(b, r)));
    }
    Recommendation rec = recommend(points, results);
    return new SweepAnalysis(config, theory, latency, points, curves, rec);
  }

  // --- the pieces, each testable on synthetic measurements ---------------------------------------

  static List<Point> points(SweepConfig config, List<CellResult> results, LatencyModel latency) {
    Map<String, List<CellResult>> groups = new TreeMap<>();
    for (CellResult r : results) {
      groups.computeIfAbsent(r.cell().method() + "|" + r.cell().batchSize() + "|" + r.cell().stepMultiplier(),
          k -> new ArrayList<>()).add(r);
    }
    List<Point> out = new ArrayList<>();
    for (String m : config.methods()) {
      for (int b : config.batchSizes()) {
        for (double s : config.stepMultipliers()) {
          List<CellResult> g = groups.get(m + "|" + b + "|" + s);
          if (g == null) continue;
          int reached = (int) g.stream().filter(CellResult::reached).count();
          boolean all = reached == g.size();
          double rounds = all ? median(g.stream().mapToDouble(CellResult::roundsToTarget).toArray()) : Double.NaN;
          double steps = all ? median(g.stream().mapToDouble(CellResult::stepsToTarget).toArray()) : Double.NaN;
          double grads = all ? median(g.stream().mapToDouble(CellResult::gradientsToTarget).toArray()) : Double.NaN;
          double secs = all ? median(g.stream().mapToDouble(CellResult::secondsToTarget).toArray()) : Double.NaN;
          double modeled = all && Double.isFinite(latency.t0()) ? latency.seconds(rounds, grads) : Double.NaN;
          out.add(new Point(m, b, s, g.size(), reached, rounds, steps, grads, secs, modeled));
        }
      }
    }
    return out;
  }

  /** Per batch size, the multiplier with the lowest modeled time (else the fewest rounds) among those that reached ε. */
  static List<Point> bestPerBatch(List<Point> points, String method) {
    Map<Integer, Point> best = new TreeMap<>();
    Comparator<Point> better = Comparator.comparing((Point p) -> !p.allReached())
        .thenComparingDouble(p -> Double.isNaN(p.modeledSeconds()) ? p.rounds() : p.modeledSeconds())
        .thenComparingDouble(p -> Math.abs(Math.log(p.multiplier())));
    for (Point p : points) {
      if (!p.method().equals(method)) continue;
      best.merge(p.batchSize(), p, (a, b) -> better.compare(a, b) <= 0 ? a : b);
    }
    return List.copyOf(best.values());
  }

  static NearLinear nearLinearLimit(long[] b, double[] rounds, double threshold) {
    if (b.length == 0) return new NearLinear(0, false, List.of());
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i + 1 < b.length; i++) {
      double doublings = Math.log((double) b[i + 1] / b[i]) / Math.log(2);
      ratios.add(Math.pow(rounds[i + 1] / rounds[i], 1 / doublings));
    }
    int j = 0;
    while (j < ratios.size() && ratios.get(j) <= threshold) j++;
    return new NearLinear(b[j], j > 0, ratios);
  }

  /** Weighted least squares of R = a + c/b with weights 1/R² (relative errors). */
  static InverseFit fitInverse(long[] b, double[] rounds) {
    if (b.length < 2) return new InverseFit(Double.NaN, Double.NaN);
    double s11 = 0, s12 = 0, s22 = 0, t1 = 0, t2 = 0;
    for (int i = 0; i < b.length; i++) {
      double w = 1 / (rounds[i] * rounds[i]);
      double x = 1.0 / b[i];
      s11 += w;
      s12 += w * x;
      s22 += w * x * x;
      t1 += w * rounds[i];
      t2 += w * x * rounds[i];
    }
    double det = s11 * s22 - s12 * s12;
    if (!(Math.abs(det) > 0)) return new InverseFit(Double.NaN, Double.NaN);
    return new InverseFit((t1 * s22 - t2 * s12) / det, (s11 * t2 - s12 * t1) / det);
  }

  /** The scale s minimizing Σ (ln measured − ln(s·predicted))²: the geometric mean of the ratios. */
  static double logScale(double[] measured, double[] predicted) {
    double sum = 0;
    for (int i = 0; i < measured.length; i++) sum += Math.log(measured[i]) - Math.log(predicted[i]);
    return Math.exp(sum / measured.length);
  }

  private static double rmsLogError(double[] measured, double[] predicted, double scale) {
    double sum = 0;
    for (int i = 0; i < measured.length; i++) {
      double e = Math.log(measured[i]) - Math.log(scale * predicted[i]);
      sum += e * e;
    }
    return Math.sqrt(sum / measured.length);
  }

  static Recommendation recommend(List<Point> points, List<CellResult> results) {
    Point best = null;
    for (Point p : points) {
      if (!p.allReached() || Double.isNaN(p.modeledSeconds())) continue;
      if (best == null || p.modeledSeconds() < best.modeledSeconds()) best = p;
    }
    return best == null ? null : new Recommendation(best, best.seconds());
  }

  private static double median(double[] v) {
    return LatencyModel.median(v);
  }

  // --- accessors and text ------------------------------------------------------------------------

  public LatencyModel latency() {
    return latency;
  }

  public List<Point> points() {
    return points;
  }

  public List<MethodCurve> curves() {
    return curves;
  }

  public Recommendation recommendation() {
    return recommendation;
  }

  public MinibatchTheory theory() {
    return theory;
  }

  /** The printed answer, one paragraph. */
  public String headline() {
    StringBuilder s = new StringBuilder();
    if (recommendation == null) {
      s.append("recommendation: none (no (method, b) reached the target for every seed)");
    } else {
      Point p = recommendation.point();
      s.append(String.format(Locale.ROOT,
          "recommendation: %s with b = %d (step ×%s): modeled %.3g s to ε (measured %.3g s), %.0f rounds, %.3g gradients;"
              + " cluster model t_round = %.3g ms + %.3g µs × gradients per round",
          p.method(), p.batchSize(), new Cell(p.method(), p.batchSize(), p.multiplier(), 0).multiplierLabel(),
          p.modeledSeconds(), recommendation.measuredSeconds(), p.rounds(), p.gradients(), latency.t0() * 1e3, latency.t1() * 1e6));
    }
    for (MethodCurve c : curves) {
      if (org.stochopt.core.method.MethodKind.parse(c.method()).local()) {
        s.append(String.format(Locale.ROOT, "%n  %s: a local method (each round is a local pass), so rounds are not expected to fall with b",
            c.method()));
        continue;
      }
      s.append(String.format(Locale.ROOT, "%n  %s: rounds fall near-linearly (≤ ×%.2f per doubling) up to b = %d%s",
          c.method(), config.nearLinearRatio(), c.nearLinear().limit(), c.nearLinear().observed() ? "" : " (not observed: the first doubling already falls short)"));
      if (!Double.isNaN(c.inverseFit().criticalBatch())) {
        s.append(String.format(Locale.ROOT, "; fitted R(b) = %.3g + %.3g/b, critical b = %.0f", c.inverseFit().floor(),
            c.inverseFit().coefficient(), c.inverseFit().criticalBatch()));
      }
    }
    if (theory != null) s.append(String.format(Locale.ROOT, "%n  theory: b* = %d", theory.optimalBatchSize()));
    return s.toString();
  }
}
