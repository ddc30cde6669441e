package org.stochopt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.stochopt.core.resfgb.LayerRecord;
import org.stochopt.spark.SparkSessions;
import org.stochopt.spark.report.RunWriter;
import org.stochopt.spark.resfgb.GbtOneVsRest;
import org.stochopt.spark.resfgb.MllibPeers;
import org.stochopt.spark.resfgb.ResFgbData;
import org.stochopt.spark.resfgb.ResFgbJobConfig;
import org.stochopt.spark.resfgb.ResFgbTrainJob;
import org.stochopt.spark.resfgb.TimeAccuracy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stochopt resfgb-compare}: in one Spark session on the same cached rows, ResFGB (whose
 * layer 0 is our multinomial linear model), MLlib's MultilayerPerceptronClassifier and MLlib's
 * one-vs-rest gradient-boosted trees; writes {@code comparison.json} and ResFGB's own outputs.
 * {@code --mlp-iter 0} and {@code --gbt-trees 0} skip a peer, {@code --layers 0} reduces ResFGB to
 * its linear layer 0 (the in-process anchor of a run that measures only the MLlib peers).
 */
@Command(name = "resfgb-compare", mixinStandardHelpOptions = true,
    description = "ResFGB against our linear model, MLlib's MLP and MLlib's GBT one-vs-rest, same session, same rows.")
public final class ResFgbCompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ResFgbOptions resfgb;

  @Option(names = "--data", defaultValue = "fmnist:all", description = "training data (default ${DEFAULT-VALUE})")
  String data;

  @Option(names = "--test-data", description = "held-out data (default: the test split of fmnist:)")
  String testData;

  @Option(names = "--master", defaultValue = "local[2]", description = "Spark master (default ${DEFAULT-VALUE})")
  String master;

  @Option(names = "--partitions", defaultValue = "0", description = "row partitions (default: Spark's parallelism, at least 4)")
  int partitions;

  @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--mlp-hidden", defaultValue = "500,500", description = "MLlib MLP hidden widths (default ${DEFAULT-VALUE})")
  String mlpHidden;

  @Option(names = "--mlp-iter", defaultValue = "100", description = "MLlib MLP L-BFGS iterations; 0 = skip the MLP (default ${DEFAULT-VALUE})")
  int mlpIter;

  @Option(names = "--mlp-chunk", defaultValue = "0", description = "fit the MLP in chunks of this many L-BFGS iterations, each warm-started from the last, "
      + "with the test accuracy after each (mlp-curve.csv, time-accuracy.png); 0 = one fit of --mlp-iter (default ${DEFAULT-VALUE})")
  int mlpChunk;

  @Option(names = "--mlp-max-seconds", defaultValue = "0", description = "with --mlp-chunk: stop the MLP once its cumulative fit time reaches this; 0 = no cap "
      + "(default ${DEFAULT-VALUE})")
  double mlpMaxSeconds;

  @Option(names = "--gbt-trees", defaultValue = "10", description = "GBT trees per class; 0 = skip the GBT (default ${DEFAULT-VALUE})")
  int gbtTrees;

  @Option(names = "--gbt-depth", defaultValue = "5", description = "GBT tree depth (default ${DEFAULT-VALUE})")
  int gbtDepth;

  @Option(names = "--gbt-rows", defaultValue = "0", description = "GBT: fit on the first this many training rows only (0 = all; GBT one-vs-rest on 2 cores is slow) "
      + "(default ${DEFAULT-VALUE})")
  int gbtRows;

  @Option(names = "--gbt-step", defaultValue = "0.1", description = "GBT shrinkage (MLlib's stepSize), in (0, 1] (default ${DEFAULT-VALUE})")
  double gbtStep;

  @Option(names = "--gbt-subsample", defaultValue = "1.0", description = "GBT: fraction of the rows each tree sees (MLlib's subsamplingRate), in (0, 1] "
      + "(default ${DEFAULT-VALUE})")
  double gbtSubsample;

  @Option(names = "--gbt-max-seconds", defaultValue = "0", description = "GBT: do not start a class whose fit would end past this many seconds of GBT fitting "
      + "(judged by the mean class so far); a stopped GBT is reported without an accuracy; 0 = no budget (default ${DEFAULT-VALUE})")
  double gbtMaxSeconds;

  @Option(names = "--resfgb-in-process", description = "also train ResFGB in-process (before the Spark run, same rows, same flags): the time split on both backends")
  boolean alsoInProcess;

  @Option(names = "--resfgb-in-process-only", description = "train ResFGB in-process only (no Spark run of it; the MLlib peers still run in the "
      + "Spark session on the same rows): the faster backend on one machine, for the full-size comparison")
  boolean onlyInProcess;

  @Option(names = "--out", defaultValue = "out/resfgb-compare", description = "output folder (default ${DEFAULT-VALUE})")
  Path out;

  @Override
  public Integer call() throws Exception {
    int[] hidden = Arrays.stream(mlpHidden.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
    GbtOneVsRest.Settings gbt = validatePeers();
    ResFgbJobConfig c = resfgb.toConfig(spec, data, testData, seed, partitions, master, out.resolve("resfgb"), 0, false);
    ResFgbData rows = ResFgbData.load(c.data(), c.testData(), c.trainRows(), c.validationFraction(), seed);
    if (rows.test() == null) throw new IllegalArgumentException("the comparison needs test rows: give --test-data");
    SparkSession spark = SparkSessions.create(master, "stochopt resfgb-compare");
    try {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      int p = partitions > 0 ? partitions : Math.max(4, sc.defaultParallelism());
      List<Map<String, Object>> backends = new ArrayList<>();
      ResFgbTrainJob.Outcome r = null;
      if (alsoInProcess || onlyInProcess) {
        System.err.println("ResFGB in-process ...");
        ResFgbJobConfig ci = resfgb.toConfig(spec, data, testData, seed, p, ResFgbJobConfig.IN_PROCESS, out.resolve("resfgb-in-process"), 0, false);
        r = new ResFgbTrainJob(System.err).train(ci, rows, null);
        backends.add(backend(ResFgbJobConfig.IN_PROCESS, r));
      }
      if (!onlyInProcess) {
        System.err.println("ResFGB on " + master + " ...");
        r = new ResFgbTrainJob(System.err).train(c, rows, sc);
        backends.add(backend(master, r));
      }
      LayerRecord linear = r.trace().get(0);
      LayerRecord chosen = r.trace().get(r.model().depth());
      List<MllibPeers.Peer> peers = new ArrayList<>();
      peers.add(new MllibPeers.Peer("stochopt linear (multinomial, layer 0 of the run)", linear.testAccuracy(), linear.headSeconds(),
          (long) (rows.train().d() + 1) * rows.classes()));
      if (r.trace().size() > 1) { // --layers 0: the run is the linear model alone, the row above
        peers.add(new MllibPeers.Peer("stochopt ResFGB, " + r.model().depth() + " blocks", chosen.testAccuracy(),
            ((Number) r.summary().get("seconds")).doubleValue(), r.model().parameterCount()));
      }
      Dataset<Row> train = MllibPeers.frame(spark, rows.train(), p);
      Dataset<Row> test = MllibPeers.frame(spark, rows.test(), p);
      Map<String, Object> timeAccuracy = null;
      if (mlpIter > 0) {
        System.err.println("fitting MLlib MLP ...");
      }
      if (mlpIter == 0) {
        System.err.println("MLlib MLP skipped (--mlp-iter 0)");
      } else if (mlpChunk > 0) {
        Files.createDirectories(out);
        MllibPeers.MlpCurve curve = MllibPeers.mlpCurve(train, test, rows.train().d(), hidden, rows.classes(), mlpChunk, mlpIter, mlpMaxSeconds, seed,
            out.resolve("mlp-curve.csv"), System.err);
        peers.add(curve.last());
        timeAccuracy = TimeAccuracy.compare(r.trace(), r.model().depth(), curve.points());
        TimeAccuracy.plot(r.trace(), curve.points(), "Fashion-MNIST, " + rows.train().rows() + " training rows: test accuracy against fit time",
            out.resolve("time-accuracy.png"));
        System.err.println(TimeAccuracy.describe(timeAccuracy));
      } else {
        peers.add(MllibPeers.mlp(train, test, rows.train().d(), hidden, rows.classes(), mlpIter, seed));
      }
      if (mlpIter > 0) System.err.println(line(peers.get(peers.size() - 1)));
      Map<String, Object> gbtJson = null;
      if (gbt != null) {
        Dataset<Row> gbtTrain = train;
        String subset = "";
        if (gbtRows > 0 && gbtRows < rows.train().rows()) {
          gbtTrain = MllibPeers.frame(spark, rows.train().first(gbtRows), p);
          subset = ", first " + gbtRows + " training rows";
        }
        System.err.println("fitting MLlib GBT one-vs-rest" + subset + " ...");
        Files.createDirectories(out);
        GbtOneVsRest.Result g = GbtOneVsRest.fit(gbtTrain, rows.test(), rows.classes(), gbt, seed, subset, out.resolve("gbt-curve.csv"), System.err);
        peers.add(g.peer());
        gbtJson = new LinkedHashMap<>();
        gbtJson.put("classes_fitted", g.classesFitted());
        gbtJson.put("finished", g.finished(rows.classes()));
        gbtJson.put("test_accuracy_by_trees_per_class", g.accuracyByTrees());
        if (!g.finished(rows.classes())) {
          System.err.println("GBT NOT FINISHED: stopped by --gbt-max-seconds after " + g.classesFitted() + " of " + rows.classes() + " classes");
        }
      }
      System.err.println("same session (" + master + "), " + rows.train().rows() + " training rows, " + rows.test().rows() + " test rows:");
      List<Map<String, Object>> json = new ArrayList<>();
      for (MllibPeers.Peer peer : peers) {
        System.err.println(line(peer));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", peer.name());
        m.put("test_accuracy", peer.testAccuracy());
        m.put("fit_seconds", peer.fitSeconds());
        m.put("parameters", peer.parameters());
        json.add(m);
      }
      Files.createDirectories(out);
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("master", master);
      all.put("data", rows.name());
      all.put("train_rows", rows.train().rows());
      all.put("validation_rows", rows.validation() == null ? 0 : rows.validation().rows());
      all.put("test_rows", rows.test().rows());
      all.put("models", json);
      all.put("resfgb_backends", backends);
      if (timeAccuracy != null) all.put("time_accuracy", timeAccuracy);
      if (gbtJson != null) all.put("gbt", gbtJson);
      RunWriter.writeJson(all, out.resolve("comparison.json"));
      System.err.println("wrote " + out.resolve("comparison.json"));
    } finally {
      spark.stop();
    }
    return 0;
  }

  /**
   * Checks the peer flags before any data is read: counts and budgets in range, and flags of a
   * skipped peer refused (they would be silently ignored). Returns the GBT settings, or null when
   * the GBT is skipped ({@code --gbt-trees 0}).
   */
  GbtOneVsRest.Settings validatePeers() {
    if (alsoInProcess && onlyInProcess) throw new IllegalArgumentException("--resfgb-in-process and --resfgb-in-process-only exclude each other");
    if (mlpIter < 0 || gbtTrees < 0 || gbtRows < 0 || mlpChunk < 0 || !(mlpMaxSeconds >= 0)) {
      throw new IllegalArgumentException("--mlp-iter, --gbt-trees, --gbt-rows, --mlp-chunk and --mlp-max-seconds must be ≥ 0");
    }
    if (mlpIter == 0) {
      for (String f : List.of("--mlp-hidden", "--mlp-chunk", "--mlp-max-seconds")) {
        if (given(f)) throw new IllegalArgumentException(f + " does not apply when the MLP is skipped (--mlp-iter 0)");
      }
    } else if (mlpMaxSeconds > 0 && mlpChunk == 0) {
      throw new IllegalArgumentException("--mlp-max-seconds needs --mlp-chunk");
    }
    if (gbtTrees == 0) {
      for (String f : List.of("--gbt-depth", "--gbt-rows", "--gbt-step", "--gbt-subsample", "--gbt-max-seconds")) {
        if (given(f)) throw new IllegalArgumentException(f + " does not apply when the GBT is skipped (--gbt-trees 0)");
      }
      return null;
    }
    return new GbtOneVsRest.Settings(gbtTrees, gbtDepth, gbtStep, gbtSubsample, gbtMaxSeconds);
  }

  private boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** One ResFGB run's wall time split per layer (block fit, feature update, head refit) and its peak heap. */
  private static Map<String, Object> backend(String master, ResFgbTrainJob.Outcome r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("master", master);
    for (String k : List.of("seconds", "block_seconds", "update_seconds", "head_seconds", "peak_heap_mb", "test_accuracy", "depth")) {
      m.put(k, r.summary().get(k));
    }
    List<Map<String, Object>> layers = new ArrayList<>();
    for (LayerRecord l : r.trace()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("layer", l.layer());
      row.put("block_seconds", l.blockSeconds());
      row.put("update_seconds", l.updateSeconds());
      row.put("head_seconds", l.headSeconds());
      row.put("test_accuracy", l.testAccuracy());
      layers.add(row);
    }
    m.put("layers", layers);
    System.err.printf(Locale.ROOT, "ResFGB %s: %.1fs (block %.1fs, update %.1fs, head %.1fs), peak heap %.0f MB%n", master,
        ((Number) m.get("seconds")).doubleValue(), ((Number) m.get("block_seconds")).doubleValue(), ((Number) m.get("update_seconds")).doubleValue(),
        ((Number) m.get("head_seconds")).doubleValue(), ((Number) m.get("peak_heap_mb")).doubleValue());
    return m;
  }

  private static String line(MllibPeers.Peer p) {
    return String.format(Locale.ROOT, "  %-70s test accuracy %.4f  fit %8.1fs  %,d parameters", p.name(), p.testAccuracy(), p.fitSeconds(), p.parameters());
  }
}
