package org.stochopt.spark.influence;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stochopt.core.influence.RankAgreement;
import org.stochopt.core.rng.Seeds;
import org.stochopt.spark.report.RunWriter;

/**
 * {@code stochopt cleanse}: the influence run, then for every k of {@code --remove} the k rows
 * ranked most harmful are removed and the model is retrained with the same batch order (same
 * seed, the removed rows dropped from their batches, divisor b kept); the same for Koh &amp; Liang's
 * ranking (with {@code --kl}) and for k random rows (averaged over {@code --random-repeats}
 * draws). Writes {@code cleanse.csv}, {@code cleanse.png} (test error against k) and the
 * influence files.
 */
public final class CleanseJob {
  private final PrintStream log;

  public CleanseJob(PrintStream log) {
    this.log = log;
  }

  public Map<String, Object> run(InfluenceConfig c) throws IOException {
    if (c.ks().isEmpty()) throw new IllegalArgumentException("cleanse needs --remove k1,k2,...");
    InfluenceData data = InfluenceJob.load(c);
    if (data.test() == null) throw new IllegalArgumentException("cleanse reports test error: give --test-data (" + c.data() + " has no test split)");
    for (int k : c.ks()) {
      if (k >= data.train().rows()) throw new IllegalArgumentException("--remove " + k + " leaves no training rows (n=" + data.train().rows() + ")");
    }
    return InfluenceJob.onBackend(c, "stochopt cleanse", backend -> {
      try {
        return run(c, data, backend);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  public Map<String, Object> run(InfluenceConfig c, InfluenceData data, InfluenceBackend backend) throws IOException {
    InfluenceJob.Result done = new InfluenceJob(log).compute(c, data, backend);
    Map<String, Object> summary = done.summary();
    InfluenceRun run = done.run();
    InfluenceRun.Outcome o = done.outcome();
    List<InfluenceReport.Curve> curves = new ArrayList<>();
    int n = data.train().rows();
    InfluenceReport.Curve sgdCurve = curve("SGD-influence", run, c.ks(), RankAgreement.order(o.influence()),
        c.harmfulOnly() ? harmful(o.influence()) : n);
    curves.add(sgdCurve);
    if (o.kohLiang() != null) {
      curves.add(curve("Koh & Liang", run, c.ks(), RankAgreement.order(o.kohLiang()), c.harmfulOnly() ? harmful(o.kohLiang()) : n));
    }
    // random removal takes out as many rows as SGD-influence did at each k (k itself unless --harmful-only capped it)
    double[] random = new double[c.ks().size()];
    for (int rep = 0; rep < c.randomRepeats(); rep++) {
      int[] perm = InfluenceData.permutation(n, Seeds.child(c.seed(), 0xc1ea, rep));
      Integer[] order = new Integer[perm.length];
      for (int i = 0; i < perm.length; i++) order[i] = perm[i];
      double[] e = curve("random", run, c.ks(), order, c.harmfulOnly() ? harmful(o.influence()) : n).error();
      for (int i = 0; i < e.length; i++) random[i] += e[i] / c.randomRepeats();
    }
    curves.add(new InfluenceReport.Curve("random removal", c.ks(), sgdCurve.removed(), random));
    InfluenceReport.writeCleanseCsv(curves, c.out().resolve("cleanse.csv"));
    InfluenceReport.writeCleansePlot(curves, String.format(Locale.ROOT, "cleansing %s (n=%d, %d flipped)", data.name(),
        data.train().rows(), data.flippedCount()), c.out().resolve("cleanse.png"));
    Map<String, Object> m = new LinkedHashMap<>(summary);
    Map<String, Object> errors = new LinkedHashMap<>();
    for (InfluenceReport.Curve cv : curves) {
      Map<String, Object> byK = new LinkedHashMap<>();
      for (int i = 0; i < cv.ks().size(); i++) byK.put(Integer.toString(cv.ks().get(i)), cv.error()[i]);
      errors.put(cv.name(), byK);
    }
    m.put("cleanse_test_error", errors);
    m.put("random_repeats", c.randomRepeats());
    m.put("harmful_only", c.harmfulOnly());
    m.put("harmful_rows_sgd_influence", harmful(o.influence()));
    if (o.kohLiang() != null) m.put("harmful_rows_koh_liang", harmful(o.kohLiang()));
    RunWriter.writeJson(m, c.out().resolve("summary.json"));
    log.println("wrote " + c.out().resolve("cleanse.csv") + ", cleanse.png, summary.json");
    return m;
  }

  /** The number of rows the estimate calls harmful (negative: removing them lowers the validation loss). */
  static int harmful(double[] estimate) {
    int count = 0;
    for (double e : estimate) if (e < 0) count++;
    return count;
  }

  /** Test error after removing the first min(k, cap) rows of {@code order}, for every k. */
  private InfluenceReport.Curve curve(String name, InfluenceRun run, List<Integer> ks, Integer[] order, int cap) {
    double[] err = new double[ks.size()];
    int[] counts = new int[ks.size()];
    for (int i = 0; i < ks.size(); i++) {
      counts[i] = Math.min(ks.get(i), cap);
      long[] removed = new long[counts[i]];
      for (int j = 0; j < removed.length; j++) removed[j] = order[j];
      err[i] = run.retrainedTestError(removed);
      if (!name.equals("random")) log.printf(Locale.ROOT, "  %s: k=%d, removed %d → test error %.4f%n", name, ks.get(i), counts[i], err[i]);
    }
    return new InfluenceReport.Curve(name, ks, counts, err);
  }
}
