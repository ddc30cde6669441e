package org.stochopt.spark.resfgb;

import java.util.ArrayList;
import java.util.List;
import org.stochopt.core.features.FeatureKind;
import org.stochopt.core.features.FeatureMap;
import org.stochopt.core.features.MedianHeuristic;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.resfgb.AnisotropicTarget;
import org.stochopt.core.resfgb.FeatureRows;
import org.stochopt.core.resfgb.LayerRecord;
import org.stochopt.core.resfgb.ResFgbConfig;
import org.stochopt.core.resfgb.ResFgbTraining;
import org.stochopt.core.runtime.LocalPartitionRunner;

/**
 * Deep vs kernel (Suzuki &amp; Nitanda, NeurIPS 2021) on {@link AnisotropicTarget}: for each
 * training size n, ResFGB (a fixed number of layers, no validation split, so both learners see the
 * same n rows) against the kernel method it is compared with in the theory, a multinomial linear
 * model on Gaussian random Fourier features (median bandwidth) fitted by the same head fitter; the
 * number of random features is chosen so that both models have the same number of parameters
 * (matched cost), and both wall times are reported. In-process: the sizes are small by design.
 */
public final class KernelStudy {
  private KernelStudy() {}

  /** One size: test errors, wall seconds and parameter counts of both learners. */
  public record Point(int n, double resfgbError, double resfgbSeconds, long resfgbParameters, double rffError, double rffSeconds,
      int rffFeatures, double linearError) {}

  /**
   * @param cfg the ResFGB run (its head settings also fit the random-features model)
   * @param rffFeatures D, or 0 to match ResFGB's parameter count
   */
  public static Point run(AnisotropicTarget target, int n, int testRows, ResFgbConfig cfg, int rffFeatures, int parts, int threads) {
    List<RowBlock> rawTrain = target.rows(n, 0, parts);
    List<RowBlock> rawTest = target.rows(testRows, 1, parts);
    long t0 = System.nanoTime();
    ResFgbTraining deep = new ResFgbTraining(cfg, rows(withBias(rawTrain), threads, target.dim()),
        null, rows(withBias(rawTest), threads, target.dim()), 2);
    ResFgbTraining.State s = deep.init();
    while (!deep.done(s)) deep.step(s);
    double deepSeconds = (System.nanoTime() - t0) / 1e9;
    List<LayerRecord> trace = s.trace();
    double deepError = 1 - trace.get(trace.size() - 1).testAccuracy();
    double linearError = 1 - trace.get(0).testAccuracy();
    long params = deep.model(s).parameterCount();
    int features = rffFeatures > 0 ? rffFeatures : (int) Math.max(1, params / 2 - 1);

    long t1 = System.nanoTime();
    double sigma = MedianHeuristic.fromBlocks(rawTrain, FeatureKind.GAUSSIAN, cfg.seed());
    FeatureMap map = FeatureKind.GAUSSIAN.create(target.dim(), features, sigma, cfg.seed());
    List<RowBlock> ftrain = new ArrayList<>();
    for (RowBlock b : rawTrain) ftrain.add(FeatureRows.withBias(map.apply(b)));
    List<RowBlock> ftest = new ArrayList<>();
    for (RowBlock b : rawTest) ftest.add(FeatureRows.withBias(map.apply(b)));
    ResFgbConfig linearOnly = new ResFgbConfig(cfg.rule(), 0, cfg.fgEta(), cfg.hidden(), cfg.output(), cfg.initScale(), cfg.block(), cfg.head(),
        false, cfg.seed());
    ResFgbTraining kernel = new ResFgbTraining(linearOnly, rows(ftrain, threads, features), null, rows(ftest, threads, features), 2);
    double rffError = 1 - kernel.init().trace().get(0).testAccuracy();
    double rffSeconds = (System.nanoTime() - t1) / 1e9;
    return new Point(n, deepError, deepSeconds, params, rffError, rffSeconds, features, linearError);
  }

  /** Least-squares slope of log(err) against log(n) over the points with err &gt; 0 (NaN with fewer than two). */
  public static double slope(double[] n, double[] err) {
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    int m = 0;
    for (int i = 0; i < n.length; i++) {
      if (!(err[i] > 0)) continue;
      double x = Math.log(n[i]);
      double y = Math.log(err[i]);
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
      m++;
    }
    if (m < 2) return Double.NaN;
    return (m * sxy - sx * sy) / (m * sxx - sx * sx);
  }

  private static List<RowBlock> withBias(List<RowBlock> raw) {
    List<RowBlock> out = new ArrayList<>(raw.size());
    for (RowBlock b : raw) out.add(FeatureRows.withBias(b));
    return out;
  }

  private static FeatureRows rows(List<RowBlock> blocks, int threads, int d) {
    int[] sizes = new int[blocks.size()];
    for (int p = 0; p < sizes.length; p++) sizes[p] = blocks.get(p).rows();
    return new FeatureRows(new LocalPartitionRunner<>(blocks, threads), sizes, d);
  }
}
