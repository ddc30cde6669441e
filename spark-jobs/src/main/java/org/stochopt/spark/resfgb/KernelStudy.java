package org.stochopt.spark.resfgb;

import java.util.ArrayList;
import java.util.List;
import org.stochopt.core.features.BandwidthGrid;
import org.stochopt.core.features.FeatureKind;
import org.stochopt.core.features.FeatureMap;
import org.stochopt.core.features.MedianHeuristic;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.resfgb.AnisotropicTarget;
import org.stochopt.core.resfgb.BlockFitter;
import org.stochopt.core.resfgb.FeatureRows;
import org.stochopt.core.resfgb.HeadFitter;
import org.stochopt.core.resfgb.LayerRecord;
import org.stochopt.core.resfgb.ResFgbConfig;
import org.stochopt.core.resfgb.ResFgbTraining;
import org.stochopt.core.runtime.LocalPartitionRunner;

/**
 * Deep vs kernel (Suzuki &amp; Nitanda, NeurIPS 2021) on {@link AnisotropicTarget}: for one
 * training size n and one seed, ResFGB against the kernel method it is compared with in the
 * theory, a linear model on Gaussian random Fourier features fitted by the same head fitter.
 *
 * <p><b>One split rule for both learners.</b> The n drawn rows are split into the first
 * n_t = n − round(v·n) for fitting and the last round(v·n) for validation. ResFGB picks its depth
 * (0 … layers) and the kernel model its bandwidth σ (from a {@link BandwidthGrid}) by the lowest
 * validation error, ties to the shallower depth / the earlier σ; neither is refitted on the
 * validation rows, so both are fitted on the same n_t rows and selected on the same rows. With
 * v = 0 neither selects: ResFGB keeps all layers and the grid must hold one σ. The head's L2 weight is
 * wr = 1/n_t for both (the code's 1/n).
 *
 * <p><b>Matched cost.</b> The number of random features D is chosen so that the kernel model has as
 * many parameters as the full-depth ResFGB network, 2·(D + 1) = P (two classes), and every wall time is
 * reported: ResFGB's one run (the depth choice is free, it reads the per-layer trace) and each σ's fit.
 * In-process: the sizes are small by design.
 */
public final class KernelStudy {
  private KernelStudy() {}

  /**
   * Validated study settings.
   *
   * @param testRows fresh rows (another stream) the test error is measured on
   * @param rffFeatures D, or 0 to match ResFGB's parameter count
   * @param validationFraction v ∈ [0, 0.5]: the share of the n rows held out for selection
   * @param bandwidths the σ tried by the kernel model (one entry when v = 0)
   * @param headWeights the kernel head's L2 weights tried, as multiples c of 1/n_t (wr = c/n_t); {1} is the code's 1/n
   */
  public record Settings(int testRows, int rffFeatures, double validationFraction, BandwidthGrid bandwidths, double[] headWeights, int parts,
      int threads) {
    public Settings {
      headWeights = headWeights.clone();
      if (headWeights.length == 0) throw new IllegalArgumentException("--rf-wr needs at least one value");
      for (int i = 0; i < headWeights.length; i++) {
        if (!(headWeights[i] > 0) || !Double.isFinite(headWeights[i])) {
          throw new IllegalArgumentException("--rf-wr values must be positive and finite, got " + headWeights[i]);
        }
        for (int j = 0; j < i; j++) if (headWeights[i] == headWeights[j]) throw new IllegalArgumentException("--rf-wr lists " + headWeights[i] + " twice");
      }
      if (testRows < 100) throw new IllegalArgumentException("--test-rows must be ≥ 100, got " + testRows);
      if (rffFeatures < 0) throw new IllegalArgumentException("--rff-features must be ≥ 0, got " + rffFeatures);
      if (!(validationFraction >= 0 && validationFraction <= 0.5)) {
        throw new IllegalArgumentException("--val-fraction must be in [0, 0.5] for resfgb-kernel-study, got " + validationFraction);
      }
      if (validationFraction == 0 && (bandwidths.size() > 1 || headWeights.length > 1)) {
        throw new IllegalArgumentException("--rf-bandwidth/--rf-wr list " + bandwidths.size() * headWeights.length
            + " settings but --val-fraction is 0: a grid needs validation rows to choose on");
      }
      if (parts < 1 || threads < 1) throw new IllegalArgumentException("parts and threads must be positive");
    }

    /** Rows held out for validation out of n. */
    public int validationRows(int n) {
      return (int) Math.round(validationFraction * n);
    }

    public boolean selects() {
      return validationFraction > 0;
    }

    @Override
    public double[] headWeights() {
      return headWeights.clone();
    }
  }

  /**
   * The kernel model at one (σ, wr): errors on the fitting, validation and test rows, and its wall
   * seconds (features and fit).
   *
   * @param label the σ as written in the grid ({@code 0.25x} or {@code 0.3})
   * @param wrMultiple c of wr = c/n_t
   */
  public record BandwidthFit(String label, double sigma, double wrMultiple, double trainError, double validationError, double testError,
      double seconds) {}

  /**
   * One (n, seed) cell.
   *
   * @param resfgbDepth the chosen depth (the last one without selection)
   * @param resfgbParameters the full-depth network's parameter count (the budget the kernel model matches)
   * @param linearError test error of the linear head on the raw features (ResFGB's layer 0)
   * @param fits one per (σ, wr) of the grids, σ-major in grid order
   * @param chosen the index in {@code fits} with the lowest validation error (0 without selection)
   * @param medianIndex the index of the previous baseline, the median σ ({@code 1x}) at the first wr, in {@code fits}, or −1
   * @param rffSeconds the kernel side's whole wall time: the median σ, every σ's features and every fit
   */
  public record Point(int n, long seed, int trainRows, double resfgbError, int resfgbDepth, double resfgbSeconds, long resfgbParameters,
      double linearError, int rffFeatures, double medianSigma, List<BandwidthFit> fits, int chosen, int medianIndex, double rffSeconds) {
    public Point {
      fits = List.copyOf(fits);
    }

    public BandwidthFit tuned() {
      return fits.get(chosen);
    }

    /** The median-bandwidth fit, or null when the grid does not hold {@code 1x}. */
    public BandwidthFit median() {
      return medianIndex < 0 ? null : fits.get(medianIndex);
    }
  }

  /**
   * The study's ResFGB run from the user's settings: depth chosen on validation exactly when the
   * kernel side chooses σ, and the head's wr = 1/n_t (for the kernel model too).
   */
  public static ResFgbConfig studyConfig(ResFgbConfig base, int trainRows, boolean selects, long seed) {
    HeadFitter.Settings h = base.head();
    return new ResFgbConfig(base.rule(), base.layers(), base.fgEta(), base.hidden(), base.output(), base.initScale(), reseeded(base.block(), seed),
        new HeadFitter.Settings(h.method(), h.batchSize(), h.firstPasses(), h.passes(), 1.0 / trainRows, seed), selects, seed, base.headSpan());
  }

  private static BlockFitter.Settings reseeded(BlockFitter.Settings b, long seed) {
    return new BlockFitter.Settings(b.batchSize(), b.epochs(), b.step(), b.momentum(), b.weightDecay(), seed);
  }

  /** One cell: data of {@code target} (whose seed draws the rows), learners seeded with {@code seed}. */
  public static Point run(AnisotropicTarget target, long seed, int n, ResFgbConfig base, Settings s) {
    int nVal = s.validationRows(n);
    int nTrain = n - nVal;
    if (nTrain < 10 || (s.selects() && nVal < 1)) {
      throw new IllegalArgumentException("n = " + n + " leaves " + nTrain + " training and " + nVal + " validation rows; raise --sizes or change --val-fraction");
    }
    ResFgbConfig cfg = studyConfig(base, nTrain, s.selects(), seed);
    List<RowBlock> rawTrain = target.rows(0, nTrain, 0, s.parts());
    List<RowBlock> rawVal = nVal > 0 ? target.rows(nTrain, n, 0, s.parts()) : null;
    List<RowBlock> rawTest = target.rows(0, s.testRows(), 1, s.parts());

    long t0 = System.nanoTime();
    ResFgbTraining deep = new ResFgbTraining(cfg, rows(withBias(rawTrain), s.threads(), target.dim()),
        rawVal == null ? null : rows(withBias(rawVal), s.threads(), target.dim()), rows(withBias(rawTest), s.threads(), target.dim()), 2);
    ResFgbTraining.State st = deep.init();
    while (!deep.done(st)) deep.step(st);
    double deepSeconds = (System.nanoTime() - t0) / 1e9;
    List<LayerRecord> trace = st.trace();
    int depth = s.selects() ? st.bestDepth() : st.depth();
    double deepError = 1 - trace.get(depth).testAccuracy();
    double linearError = 1 - trace.get(0).testAccuracy();
    long params = deep.fullModel(st).parameterCount();
    int features = s.rffFeatures() > 0 ? s.rffFeatures() : (int) Math.max(1, params / 2 - 1);

    long tk = System.nanoTime();
    double median = MedianHeuristic.fromBlocks(rawTrain, FeatureKind.GAUSSIAN, seed);
    BandwidthGrid grid = s.bandwidths();
    double[] wrs = s.headWeights();
    List<BandwidthFit> fits = new ArrayList<>(grid.size() * wrs.length);
    double[] validationErrors = new double[grid.size() * wrs.length];
    for (int i = 0; i < grid.size(); i++) {
      double sigma = grid.sigma(i, median);
      long t1 = System.nanoTime();
      // the same frequencies (seed) at every σ: the grid differs only in scale, not in the draw
      FeatureMap map = FeatureKind.GAUSSIAN.create(target.dim(), features, sigma, seed);
      // featurized once per σ and shared by its wr fits (a depth-0 run never transforms its rows)
      FeatureRows ftrain = rows(featurize(rawTrain, map), s.threads(), features);
      FeatureRows fval = rawVal == null ? null : rows(featurize(rawVal, map), s.threads(), features);
      FeatureRows ftest = rows(featurize(rawTest, map), s.threads(), features);
      double featureSeconds = (System.nanoTime() - t1) / 1e9;
      for (double c : wrs) {
        long t2 = System.nanoTime();
        HeadFitter.Settings h = cfg.head();
        ResFgbConfig linearOnly = new ResFgbConfig(cfg.rule(), 0, cfg.fgEta(), cfg.hidden(), cfg.output(), cfg.initScale(), cfg.block(),
            new HeadFitter.Settings(h.method(), h.batchSize(), h.firstPasses(), h.passes(), c / nTrain, seed), false, seed);
        LayerRecord r = new ResFgbTraining(linearOnly, ftrain, fval, ftest, 2).init().trace().get(0);
        validationErrors[fits.size()] = rawVal == null ? Double.NaN : 1 - r.validationAccuracy();
        // each fit is charged the featurization of its σ in full: the cost of that one model on its own
        fits.add(new BandwidthFit(grid.label(i), sigma, c, 1 - r.trainAccuracy(), validationErrors[fits.size()], 1 - r.testAccuracy(),
            featureSeconds + (System.nanoTime() - t2) / 1e9));
      }
    }
    int chosen = s.selects() ? lowestFirst(validationErrors) : 0;
    int medianIndex = grid.medianIndex() < 0 ? -1 : grid.medianIndex() * wrs.length;
    return new Point(n, seed, nTrain, deepError, depth, deepSeconds, params, linearError, features, median, fits, chosen, medianIndex,
        (System.nanoTime() - tk) / 1e9);
  }

  /** The index of the smallest value, the first one on ties. */
  public static int lowestFirst(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) if (v[i] < v[best]) best = i;
    return best;
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

  private static List<RowBlock> featurize(List<RowBlock> raw, FeatureMap map) {
    List<RowBlock> out = new ArrayList<>(raw.size());
    for (RowBlock b : raw) out.add(FeatureRows.withBias(map.apply(b)));
    return out;
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
