package org.stochopt.spark.latency;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;
import org.stochopt.spark.job.TrainingData;
import org.stochopt.spark.oracle.SparkGradientOracle;

/**
 * Measures the wall time of one minibatch round on Spark — {@code batchGradientDifference}, the
 * ∇f_B(w) − ∇f_B(anchor) call that every inner step of SVRG and Katyusha makes — on cached
 * synthetic data, for each requested (d, P). Rounds run back to back after a warm-up; the mean of
 * each of {@code repeats} blocks is recorded and the median block mean reported, so one burst of
 * load from other processes moves one block, not the answer. The last block is tagged for
 * {@link RoundTimeline}, which splits it into phases.
 */
public final class RoundLatencyBench {
  /** What to measure; validated. */
  public record Config(int[] dims, int[] partitions, int batch, long rows, int rounds, int warmup, int repeats,
      SparkGradientOracle.Reduction reduction) {
    public Config {
      for (int d : dims) if (d < 1) throw new IllegalArgumentException("--dims must be positive, got " + d);
      for (int p : partitions) if (p < 1) throw new IllegalArgumentException("--partitions must be positive, got " + p);
      if (batch < 1) throw new IllegalArgumentException("--batch-size must be positive, got " + batch);
      if (rows < batch) throw new IllegalArgumentException("--rows (" + rows + ") must be at least --batch-size (" + batch + ")");
      if (rounds < 1 || warmup < 0 || repeats < 1) {
        throw new IllegalArgumentException("--rounds and --repeats must be positive and --warmup non-negative");
      }
    }
  }

  /** One (d, P) cell: the median block mean, per-round quantiles over all blocks, compute, phases. */
  public record Result(int d, int partitions, double medianBlockMs, double[] blockMeansMs, double p50Ms, double p90Ms,
      double computeMs, double cpuMs, RoundTimeline.Phases phases) {}

  private RoundLatencyBench() {}

  public static List<Result> run(JavaSparkContext sc, Config c, PrintStream log) throws InterruptedException {
    List<Result> out = new ArrayList<>();
    for (int d : c.dims()) {
      for (int p : c.partitions()) {
        out.add(cell(sc, c, d, p));
        log.println(format(out.get(out.size() - 1)));
      }
    }
    return out;
  }

  private static Result cell(JavaSparkContext sc, Config c, int d, int partitions) throws InterruptedException {
    String spec = "synthetic:n=" + c.rows() + ",d=" + d + ",seed=1";
    try (TrainingData data = TrainingData.onSpark(sc, spec, new LogisticLoss(), partitions, c.reduction())) {
      GradientOracle oracle = data.oracle();
      SamplingPlan plan = new SamplingPlan(1, oracle.partitionSizes(), SamplingScheme.WITHOUT_REPLACEMENT);
      double[] w = new double[d];
      double[] anchor = new double[d];
      double[] out = new double[d];
      for (int j = 0; j < d; j++) {
        w[j] = 0.01 * Math.sin(j);
        anchor[j] = 0.01 * Math.cos(j);
      }
      long step = 0;
      for (int r = 0; r < c.warmup(); r++) oracle.batchGradientDifference(w, anchor, plan.draw(step++, c.batch()), out);
      double[] perRound = new double[c.rounds() * c.repeats()];
      double[] blockMeans = new double[c.repeats()];
      long computeBefore = oracle.stats().computeNanos();
      long cpuBefore = processCpuNanos();
      RoundTimeline timeline = null;
      for (int b = 0; b < c.repeats(); b++) {
        boolean tagged = b == c.repeats() - 1;
        if (tagged) timeline = new RoundTimeline(sc.sc());
        double sum = 0;
        for (int r = 0; r < c.rounds(); r++) {
          var batch = plan.draw(step++, c.batch());
          if (tagged) timeline.begin(r);
          long t0 = System.nanoTime();
          oracle.batchGradientDifference(w, anchor, batch, out);
          long t1 = System.nanoTime();
          if (tagged) timeline.end(r, t0, t1);
          perRound[b * c.rounds() + r] = (t1 - t0) / 1e6;
          sum += (t1 - t0) / 1e6;
        }
        blockMeans[b] = sum / c.rounds();
      }
      double computeMs = (oracle.stats().computeNanos() - computeBefore) / 1e6 / perRound.length;
      double cpuMs = (processCpuNanos() - cpuBefore) / 1e6 / perRound.length;
      RoundTimeline.Phases phases = timeline.phases(c.rounds());
      timeline.close();
      return new Result(d, partitions, median(blockMeans), blockMeans, quantile(perRound, 0.5), quantile(perRound, 0.9),
          computeMs, cpuMs, phases);
    }
  }

  /**
   * CPU time of this JVM (all threads: driver, scheduler, executors, listeners, GC). Unlike wall
   * time it hardly moves when other processes compete for the cores, so it shows whether a change
   * removed work even on a loaded machine.
   */
  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0L;
  }

  static double median(double[] xs) {
    return quantile(xs, 0.5);
  }

  /** The q-quantile by the nearest-rank rule on a sorted copy. */
  static double quantile(double[] xs, double q) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int i = (int) Math.ceil(q * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, i))];
  }

  /** One Markdown table row: | d | P | mean (median of blocks) | blocks | p50 | p90 | compute | JVM CPU |. */
  public static String format(Result r) {
    StringBuilder blocks = new StringBuilder();
    for (double m : r.blockMeansMs()) blocks.append(blocks.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", m));
    return String.format(Locale.ROOT, "| %d | %d | %.2f | %s | %.2f | %.2f | %.3f | %.2f |", r.d(), r.partitions(), r.medianBlockMs(),
        blocks, r.p50Ms(), r.p90Ms(), r.computeMs(), r.cpuMs());
  }

  public static final String HEADER = "| d | P | mean ms/round (median of blocks) | block means | p50 | p90 | compute ms | JVM CPU ms/round |\n|---|---|---|---|---|---|---|---|";

  /** The phase table of every cell: one column per (d, P). */
  public static String phaseTable(List<Result> results) {
    StringBuilder sb = new StringBuilder("| phase (ms/round, last block) |");
    StringBuilder rule = new StringBuilder("|---|");
    for (Result r : results) {
      sb.append(String.format(Locale.ROOT, " d=%d P=%d |", r.d(), r.partitions()));
      rule.append("---|");
    }
    sb.append('\n').append(rule).append('\n');
    for (int i = 0; i < RoundTimeline.Phases.COUNT; i++) {
      sb.append("| ").append(RoundTimeline.Phases.NAMES[i]).append(" |");
      for (Result r : results) sb.append(String.format(Locale.ROOT, " %.2f |", r.phases().ms()[i]));
      sb.append('\n');
    }
    return sb.toString();
  }
}
