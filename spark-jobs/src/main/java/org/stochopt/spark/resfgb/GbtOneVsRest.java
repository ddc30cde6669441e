package org.stochopt.spark.resfgb;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * MLlib's gradient-boosted trees one-vs-rest, fitted class by class so that a long fit shows
 * progress and can stop at a time budget. For class k a binary {@code GBTClassifier} (logistic
 * loss) is fitted to the labels 1[y = k]; its margin after t trees is
 * m_k^t(x) = Σ_{i<t} w_i·f_i(x) (w_0 = 1, w_i = step size), and the prediction is argmax_k m_k(x)
 * — the rule of MLlib's {@code OneVsRestModel}, which takes rawPrediction(1) = m_k of every class
 * (checked against {@code OneVsRest} in {@code GbtOneVsRestTest}). Writing the loop out instead of
 * calling {@code OneVsRest} gives a progress line per class, the budget check between classes, and,
 * from the fitted trees, the test accuracy after every t = 1…T trees per class ({@code gbt-curve.csv})
 * without refitting.
 *
 * <p>MLlib settings, chosen for a fair peer on a small machine: {@code cacheNodeIds} on (each row's
 * node index is cached between levels instead of re-walked down the tree; MLlib's advice for deep
 * trees), {@code maxMemoryInMB} 512 (more nodes aggregated per pass over the rows than the default
 * 256), maxBins 32 (the default; quantile bins of the pixel intensities), all features per split and
 * the given step size and subsampling rate. The training frame is cached by the caller, and each fit
 * caches its own binned copy, as MLlib's GBT does.
 */
public final class GbtOneVsRest {
  /**
   * Validated settings.
   *
   * @param trees boosting iterations (trees) per class, ≥ 1
   * @param depth tree depth, 1…30 (MLlib's limit)
   * @param step shrinkage (MLlib's stepSize), in (0, 1]
   * @param subsample fraction of rows each tree sees, in (0, 1]
   * @param maxSeconds stop before a class whose expected fit would end past this many seconds of
   *     GBT fitting (0 = no budget)
   */
  public record Settings(int trees, int depth, double step, double subsample, double maxSeconds) {
    public Settings {
      if (trees < 1) throw new IllegalArgumentException("--gbt-trees must be ≥ 1, got " + trees);
      if (depth < 1 || depth > 30) throw new IllegalArgumentException("--gbt-depth must be in 1…30 (MLlib's limit), got " + depth);
      if (!(step > 0 && step <= 1)) throw new IllegalArgumentException("--gbt-step must be in (0, 1], got " + step);
      if (!(subsample > 0 && subsample <= 1)) throw new IllegalArgumentException("--gbt-subsample must be in (0, 1], got " + subsample);
      if (!(maxSeconds >= 0) || Double.isInfinite(maxSeconds)) {
        throw new IllegalArgumentException("--gbt-max-seconds must be a finite number ≥ 0, got " + maxSeconds);
      }
    }
  }

  /**
   * The outcome: the peer (accuracy NaN when the budget stopped the fit before the last class),
   * the classes fitted, and the test accuracy after t = 1…T trees per class (empty when stopped).
   */
  public record Result(MllibPeers.Peer peer, int classesFitted, double[] accuracyByTrees) {
    public boolean finished(int classes) {
      return classesFitted == classes;
    }
  }

  private GbtOneVsRest() {}

  /** The binary GBT of one class, with the settings above. */
  static GBTClassifier classifier(Settings s, long seed) {
    return new GBTClassifier().setMaxIter(s.trees()).setMaxDepth(s.depth()).setStepSize(s.step()).setSubsamplingRate(s.subsample())
        .setMaxBins(32).setCacheNodeIds(true).setMaxMemoryInMB(512).setFeatureSubsetStrategy("all").setSeed(seed);
  }

  /**
   * Fits the K binary GBTs on {@code train} (columns label, features; labels 0…K−1) and scores the
   * test rows (held on the driver) after every number of trees. Progress goes to {@code log}, the
   * curve to {@code curveCsv} (null = not written).
   */
  public static Result fit(Dataset<Row> train, ResFgbData.Dense test, int classes, Settings s, long seed, String subset, Path curveCsv,
      PrintStream log) throws IOException {
    int n = test.rows();
    double[][][] margins = new double[classes][][];
    long nodes = 0;
    double elapsed = 0;
    int fitted = 0;
    for (int k = 0; k < classes; k++) {
      if (k > 0 && s.maxSeconds() > 0 && elapsed + elapsed / k > s.maxSeconds()) {
        log.printf(Locale.ROOT, "  GBT stopped by --gbt-max-seconds %.0f after %d of %d classes (%.1fs; the next class would take about %.0fs more): "
            + "no accuracy (a one-vs-rest model needs every class)%n", s.maxSeconds(), k, classes, elapsed, elapsed / k);
        break;
      }
      Dataset<Row> binary = train.withColumn("label", functions.when(functions.col("label").equalTo((double) k), 1.0).otherwise(0.0));
      long t0 = System.nanoTime();
      GBTClassificationModel m = classifier(s, seed).fit(binary);
      elapsed += (System.nanoTime() - t0) / 1e9;
      fitted++;
      nodes += m.totalNumNodes();
      margins[k] = cumulativeMargins(m, test);
      double left = elapsed / fitted * (classes - fitted);
      log.printf(Locale.ROOT, "  GBT class %d/%d: %d trees of depth %d, cumulative fit %.1fs, about %.0fs left%n", fitted, classes, s.trees(), s.depth(),
          elapsed, left);
    }
    String name = "MLlib GBT one-vs-rest, " + s.trees() + " trees of depth " + s.depth() + " per class (step " + s.step() + ", subsample " + s.subsample()
        + ")" + subset;
    if (fitted < classes) {
      return new Result(new MllibPeers.Peer(name + ", stopped after " + fitted + " of " + classes + " classes", Double.NaN, elapsed, nodes), fitted,
          new double[0]);
    }
    double[] acc = new double[s.trees()];
    for (int t = 0; t < s.trees(); t++) {
      int right = 0;
      for (int r = 0; r < n; r++) {
        int best = 0;
        for (int k = 1; k < classes; k++) {
          if (margins[k][r][t] > margins[best][r][t]) best = k;
        }
        if (best == (int) test.y()[r]) right++;
      }
      acc[t] = (double) right / n;
    }
    if (curveCsv != null) {
      StringBuilder b = new StringBuilder("trees_per_class,test_accuracy\n");
      for (int t = 0; t < acc.length; t++) b.append(String.format(Locale.ROOT, "%d,%.6f%n", t + 1, acc[t]));
      Files.writeString(curveCsv, b, StandardCharsets.UTF_8);
    }
    return new Result(new MllibPeers.Peer(name, acc[acc.length - 1], elapsed, nodes), classes, acc);
  }

  /** margins[r][t] = Σ_{i≤t} w_i·f_i(x_r): the binary GBT's margin on test row r after t + 1 trees. */
  static double[][] cumulativeMargins(GBTClassificationModel m, ResFgbData.Dense test) {
    DecisionTreeRegressionModel[] trees = m.trees();
    double[] w = m.treeWeights();
    int d = test.d();
    double[][] out = new double[test.rows()][trees.length];
    for (int r = 0; r < test.rows(); r++) {
      Vector x = Vectors.dense(java.util.Arrays.copyOfRange(test.x(), r * d, (r + 1) * d));
      double sum = 0;
      for (int t = 0; t < trees.length; t++) {
        sum += w[t] * trees[t].predict(x);
        out[r][t] = sum;
      }
    }
    return out;
  }
}
