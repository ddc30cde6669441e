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
    InfluenceData data = load(c);
    return InfluenceJob.onBackend(c, "stochopt cleanse", backend -> {
      try {
        return run(c, data, backend);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  /** The data of {@code c}, checked for what cleansing needs (a test split, k below n). */
  static InfluenceData load(InfluenceConfig c) {
    if (c.ks().isEmpty()) throw new IllegalArgumentException("cleanse needs --remove k1,k2,...");
    InfluenceData data = InfluenceJob.load(c);
    if (data.test() == null) throw new IllegalArgumentException("cleanse reports test error: give --test-data (" + c.data() + " has no test split)");
    for (int k : c.ks()) {
      if (k >= data.train().rows()) throw new IllegalArgumentException("--remove " + k + " leaves no training rows (n=" + data.train().rows() + ")");
    }
    return data;
  }

  /** What one cleansing run wrote: its summary and its curves. */
  record Outcome(Map<String, Object> summary, List<InfluenceReport.Curve> curves) {}

  public Map<String, Object> run(InfluenceConfig c, InfluenceData data, InfluenceBackend backend) throws IOException {
    return cleanse(c, data, backend).summary();
  }

  Outcome cleanse(InfluenceConfig c, InfluenceData data, InfluenceBackend backend) throws IOException {
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
    double[] randomVal = new double[c.ks().size()];
    for (int rep = 0; rep < c.randomRepeats(); rep++) {
      int[] perm = InfluenceData.permutation(n, Seeds.child(c.seed(), 0xc1ea, rep));
      Integer[] order = new Integer[perm.length];
      for (int i = 0; i < perm.length; i++) order[i] = perm[i];
      InfluenceReport.Curve r = curve("random", run, c.ks(), order, c.harmfulOnly() ? harmful(o.influence()) : n);
      for (int i = 0; i < random.length; i++) {
        random[i] += r.error()[i] / c.randomRepeats();
        randomVal[i] += r.valLoss()[i] / c.randomRepeats();
      }
    }
    curves.add(new InfluenceReport.Curve("random removal", c.ks(), sgdCurve.removed(), random, randomVal));
    if (data.flippedCount() > 0) curves.add(curve(ORACLE, run, c.ks(), flippedFirst(data), data.flippedCount()));
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
    return new Outcome(m, curves);
  }

  /** The reference curve of planted noise: the flipped rows themselves removed (at most all of them). */
  static final String ORACLE = "flipped rows (oracle)";

  /** Row ids, flipped ones first (in id order): removing a prefix removes only planted noise. */
  private static Integer[] flippedFirst(InfluenceData data) {
    Integer[] order = new Integer[data.train().rows()];
    int next = 0;
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < order.length; i++) if (data.flipped()[i] == (pass == 0)) order[next++] = i;
    }
    return order;
  }

  /** The number of rows the estimate calls harmful (negative: removing them lowers the validation loss). */
  static int harmful(double[] estimate) {
    int count = 0;
    for (double e : estimate) if (e < 0) count++;
    return count;
  }

  /**
   * Test error and validation loss after removing the first min(k, cap) rows of {@code order}, for
   * every k. The validation loss is what the estimates predict the change of; the test error is
   * what cleansing is for.
   */
  private InfluenceReport.Curve curve(String name, InfluenceRun run, List<Integer> ks, Integer[] order, int cap) {
    double[] err = new double[ks.size()];
    double[] val = new double[ks.size()];
    int[] counts = new int[ks.size()];
    for (int i = 0; i < ks.size(); i++) {
      counts[i] = Math.min(ks.get(i), cap);
      long[] removed = new long[counts[i]];
      for (int j = 0; j < removed.length; j++) removed[j] = order[j];
      double[] r = run.retrained(removed);
      err[i] = r[0];
      val[i] = r[1];
      if (!name.equals("random")) {
        log.printf(Locale.ROOT, "  %s: k=%d, removed %d → test error %.4f, validation loss %.5f%n", name, ks.get(i), counts[i], err[i], val[i]);
      }
    }
    return new InfluenceReport.Curve(name, ks, counts, err, val);
  }
}
