package org.stochopt.spark.influence;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stochopt.spark.report.RunWriter;

/**
 * {@code stochopt cleanse --seeds s1,s2,…}: the whole cleansing run once per seed (each seed draws
 * its own split, flips and minibatches; output in {@code out/seed-S}), then every method's test
 * error at each k as mean ± sample sd over the seeds: {@code cleanse-seeds.csv},
 * {@code cleanse-seeds.png} (a ±1 sd band per method) and {@code summary-seeds.json}. One seed's
 * gap between two methods is within the noise of a 2 000-image test set; the spread over seeds
 * says which gaps are not.
 */
public final class CleanseSeeds {
  private final PrintStream log;

  public CleanseSeeds(PrintStream log) {
    this.log = log;
  }

  public Map<String, Object> run(InfluenceConfig base, List<Long> seeds) {
    if (seeds.size() < 2) throw new IllegalArgumentException("--seeds needs at least two seeds, got " + seeds);
    if (seeds.stream().distinct().count() != seeds.size()) throw new IllegalArgumentException("--seeds repeats a seed: " + seeds);
    List<InfluenceConfig> configs = seeds.stream().map(s -> base.withSeed(s, base.out().resolve("seed-" + s))).toList();
    List<InfluenceData> data = configs.stream().map(CleanseJob::load).toList(); // every seed's data checked before any work
    return InfluenceJob.onBackend(base, "stochopt cleanse", backend -> {
      try {
        List<List<InfluenceReport.Curve>> runs = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
          log.printf(Locale.ROOT, "== seed %d (%d of %d)%n", seeds.get(i), i + 1, seeds.size());
          runs.add(new CleanseJob(log).cleanse(configs.get(i), data.get(i), backend).curves());
        }
        return aggregate(base, seeds, runs);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  Map<String, Object> aggregate(InfluenceConfig base, List<Long> seeds, List<List<InfluenceReport.Curve>> runs)
      throws IOException {
    List<InfluenceReport.SeedCurve> out = new ArrayList<>();
    Map<String, Object> errors = new LinkedHashMap<>();
    for (int m = 0; m < runs.get(0).size(); m++) {
      String name = runs.get(0).get(m).name();
      int kCount = base.ks().size();
      double[] mean = new double[kCount];
      double[] sd = new double[kCount];
      double[] removed = new double[kCount];
      double[] valLoss = new double[kCount];
      Map<String, Object> byK = new LinkedHashMap<>();
      for (int i = 0; i < kCount; i++) {
        double[] e = new double[runs.size()];
        for (int r = 0; r < runs.size(); r++) {
          InfluenceReport.Curve c = runs.get(r).get(m);
          if (!c.name().equals(name)) throw new IllegalStateException("seed runs disagree on their methods");
          e[r] = c.error()[i];
          removed[i] += (double) c.removed()[i] / runs.size();
          valLoss[i] += c.valLoss()[i] / runs.size();
        }
        mean[i] = mean(e);
        sd[i] = sd(e, mean[i]);
        byK.put(Integer.toString(base.ks().get(i)), Map.of("mean", mean[i], "sd", sd[i], "mean_removed", removed[i],
            "mean_val_loss", valLoss[i]));
      }
      out.add(new InfluenceReport.SeedCurve(name, base.ks(), removed, mean, sd, valLoss, runs.size()));
      errors.put(name, byK);
      log.printf(Locale.ROOT, "%-22s %s%n", name, line(base.ks(), mean, sd));
    }
    InfluenceReport.writeSeedsCsv(out, base.out().resolve("cleanse-seeds.csv"));
    InfluenceReport.writeSeedsPlot(out, String.format(Locale.ROOT, "cleansing %s, %d seeds (mean ± sd)", base.data(), seeds.size()),
        base.out().resolve("cleanse-seeds.png"));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("data", base.data());
    summary.put("seeds", seeds);
    summary.put("harmful_only", base.harmfulOnly());
    summary.put("cleanse_test_error", errors);
    RunWriter.writeJson(summary, base.out().resolve("summary-seeds.json"));
    log.println("wrote " + base.out().resolve("cleanse-seeds.csv") + ", cleanse-seeds.png, summary-seeds.json");
    return summary;
  }

  private static String line(List<Integer> ks, double[] mean, double[] sd) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < ks.size(); i++) b.append(String.format(Locale.ROOT, " k=%d: %.2f±%.2f%%", ks.get(i), 100 * mean[i], 100 * sd[i]));
    return b.toString();
  }

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) s += v;
    return s / x.length;
  }

  /** The sample standard deviation (divisor n − 1). */
  static double sd(double[] x, double mean) {
    double s = 0;
    for (double v : x) s += (v - mean) * (v - mean);
    return Math.sqrt(s / (x.length - 1));
  }
}
