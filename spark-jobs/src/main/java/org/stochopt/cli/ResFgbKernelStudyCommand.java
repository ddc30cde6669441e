package org.stochopt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stochopt.core.features.BandwidthGrid;
import org.stochopt.core.resfgb.AnisotropicTarget;
import org.stochopt.core.resfgb.ResFgbConfig;
import org.stochopt.spark.resfgb.KernelStudy;
import org.stochopt.spark.resfgb.KernelStudyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stochopt resfgb-kernel-study}: deep vs kernel on a target smooth in most directions and
 * rough in a few ({@link AnisotropicTarget}); test error against n for ResFGB and for random
 * features at matched parameter count, log-log, with the fitted slopes ({@code study.csv},
 * {@code study.png}), with the random features' bandwidth and ResFGB's depth both chosen on one
 * validation split ({@link KernelStudy}) and several seeds per size (mean ± sd, slopes ± sd). In-process.
 */
@Command(name = "resfgb-kernel-study", mixinStandardHelpOptions = true,
    description = "Deep vs kernel: ResFGB against random features at matched cost on an anisotropic generated target; test error vs n, log-log slopes.")
public final class ResFgbKernelStudyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ResFgbOptions resfgb;

  @Option(names = "--dim", defaultValue = "8", description = "input dimension d (default ${DEFAULT-VALUE})")
  int dim;

  @Option(names = "--rough", defaultValue = "1", description = "rough (square-wave) coordinates, the rest smooth (default ${DEFAULT-VALUE})")
  int rough;

  @Option(names = "--sizes", defaultValue = "250,500,1000,2000,4000", description = "training sizes n (default ${DEFAULT-VALUE})")
  String sizes;

  @Option(names = "--test-rows", defaultValue = "5000", description = "test rows (default ${DEFAULT-VALUE})")
  int testRows;

  @Option(names = "--rff-features", defaultValue = "0", description = "random features D; 0 = ResFGB's parameter count / 2 (default ${DEFAULT-VALUE})")
  int rffFeatures;

  @Option(names = "--rf-bandwidth", defaultValue = "1x",
      description = "kernel bandwidths σ tried, chosen on the validation split: multiples of the median heuristic (0.25x) or absolute values (0.3), "
          + "comma-separated; several need --val-fraction > 0 (default ${DEFAULT-VALUE})")
  String rfBandwidth;

  @Option(names = "--rf-wr", defaultValue = "1",
      description = "kernel head's L2 weights tried with each σ, as multiples c of 1/n_t (wr = c/n_t, n_t the fitting rows), comma-separated; "
          + "several need --val-fraction > 0 (default ${DEFAULT-VALUE})")
  String rfWr;

  @Option(names = "--seed", defaultValue = "1", description = "first seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--seeds", defaultValue = "1", description = "seeds per size: seed, seed+1, …; each draws its own rows, block init and features (default ${DEFAULT-VALUE})")
  int seeds;

  @Option(names = "--out", defaultValue = "out/resfgb-kernel-study", description = "output folder (default ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--replot", description = "fit nothing: redraw summary.csv, slopes.csv and study.png from the cells.csv and bandwidths.csv in --out")
  boolean replot;

  @Override
  public Integer call() throws Exception {
    int[] ns;
    try {
      ns = Arrays.stream(sizes.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--sizes must be comma-separated integers, got '" + sizes + "'");
    }
    for (int n : ns) if (n < 20) throw new IllegalArgumentException("--sizes must be ≥ 20, got " + n);
    if (seeds < 1 || seeds > 100) throw new IllegalArgumentException("--seeds must be in 1..100, got " + seeds);
    if (spec.commandLine().getParseResult().hasMatchedOption("--no-best-iter")) {
      throw new IllegalArgumentException("--no-best-iter does not apply to resfgb-kernel-study: both learners select on validation iff --val-fraction > 0");
    }
    double[] wrs;
    try {
      wrs = Arrays.stream(rfWr.split(",", -1)).map(String::strip).mapToDouble(Double::parseDouble).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--rf-wr must be comma-separated positive numbers, got '" + rfWr + "'");
    }
    KernelStudy.Settings settings = new KernelStudy.Settings(testRows, rffFeatures, resfgb.valFraction, BandwidthGrid.parse(rfBandwidth), wrs, 4, 2);
    new AnisotropicTarget(dim, rough, seed); // refuses a bad --dim/--rough before any work
    if (replot) {
      List<KernelStudy.Point> cells = KernelStudyReport.read(out);
      KernelStudyReport.write(out, cells, title(cells.stream().map(KernelStudy.Point::seed).distinct().count(), settings));
      printSlopes(cells);
      return 0;
    }
    Files.createDirectories(out);
    List<KernelStudy.Point> cells = new ArrayList<>();
    String title = title(seeds, settings);
    for (int n : ns) {
      for (int k = 0; k < seeds; k++) {
        long sd = seed + k;
        ResFgbConfig base = resfgb.toConfig(spec, "generated", null, sd, 4, "in-process", out, 0, false).algorithm();
        KernelStudy.Point p = KernelStudy.run(new AnisotropicTarget(dim, rough, sd), sd, n, base, settings);
        cells.add(p);
        KernelStudy.BandwidthFit t = p.tuned();
        System.err.printf(Locale.ROOT, "n=%6d seed=%d  ResFGB depth %d/%d error %.4f in %.1fs   RFF D=%d σ=%s (%.3f) wr×%s error %.4f (val %.4f), "
            + "%d fits in %.1fs   median σ %.3f error %s   linear %.4f%n", n, sd, p.resfgbDepth(), base.layers(), p.resfgbError(), p.resfgbSeconds(),
            p.rffFeatures(), t.label(), t.sigma(), t.wrMultiple(), t.testError(), t.validationError(), p.fits().size(), p.rffSeconds(), p.medianSigma(),
            p.median() == null ? "-" : String.format(Locale.ROOT, "%.4f", p.median().testError()), p.linearError());
        KernelStudyReport.write(out, cells, title);
      }
    }
    printSlopes(cells);
    return 0;
  }

  private String title(long seedCount, KernelStudy.Settings settings) {
    return String.format(Locale.ROOT, "d=%d, %d rough, %d seed(s), validation %.2f: test error against n", dim, rough, seedCount,
        settings.validationFraction());
  }

  private void printSlopes(List<KernelStudy.Point> cells) {
    for (KernelStudyReport.Series s : KernelStudyReport.Series.values()) {
      KernelStudyReport.Spread sp = KernelStudyReport.slope(cells, s);
      System.err.printf(Locale.ROOT, "log-log slope of test error vs n, %s: %.3f ± %.3f (sd over %d seeds)%n", s.name().toLowerCase(Locale.ROOT),
          sp.mean(), sp.sd(), sp.count());
    }
    System.err.println("wrote " + out.resolve("cells.csv") + ", bandwidths.csv, summary.csv, slopes.csv, study.png");
  }
}
