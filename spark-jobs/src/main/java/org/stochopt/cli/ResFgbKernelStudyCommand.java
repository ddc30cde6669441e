package org.stochopt.cli;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import org.stochopt.core.resfgb.AnisotropicTarget;
import org.stochopt.core.resfgb.ResFgbConfig;
import org.stochopt.spark.meanfield.MeanFieldReport;
import org.stochopt.spark.meanfield.MeanFieldReport.Curve;
import org.stochopt.spark.resfgb.KernelStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stochopt resfgb-kernel-study}: deep vs kernel on a target smooth in most directions and
 * rough in a few ({@link AnisotropicTarget}); test error against n for ResFGB and for random
 * features at matched parameter count, log-log, with the fitted slopes ({@code study.csv},
 * {@code study.png}). In-process.
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

  @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", defaultValue = "out/resfgb-kernel-study", description = "output folder (default ${DEFAULT-VALUE})")
  Path out;

  @Override
  public Integer call() throws Exception {
    int[] ns;
    try {
      ns = Arrays.stream(sizes.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--sizes must be comma-separated integers, got '" + sizes + "'");
    }
    for (int n : ns) if (n < 20) throw new IllegalArgumentException("--sizes must be ≥ 20, got " + n);
    if (testRows < 100 || rffFeatures < 0) throw new IllegalArgumentException("--test-rows must be ≥ 100 and --rff-features ≥ 0");
    AnisotropicTarget target = new AnisotropicTarget(dim, rough, seed);
    Files.createDirectories(out);
    List<KernelStudy.Point> points = new ArrayList<>();
    for (int n : ns) {
      // the code's wr = 1/n for the head, fixed depth (no validation split: both learners see the same n rows)
      ResFgbConfig base = resfgb.toConfig(spec, "generated", null, seed, 4, "in-process", out, 0, false).algorithm();
      ResFgbConfig cfg = new ResFgbConfig(base.rule(), base.layers(), base.fgEta(), base.hidden(), base.output(), base.initScale(), base.block(),
          new org.stochopt.core.resfgb.HeadFitter.Settings(base.head().method(), base.head().batchSize(), base.head().firstPasses(),
              base.head().passes(), 1.0 / n, seed), false, seed);
      KernelStudy.Point p = KernelStudy.run(target, n, testRows, cfg, rffFeatures, 4, 2);
      points.add(p);
      System.err.printf(Locale.ROOT, "n=%6d  ResFGB (%d layers, %d params) error %.4f in %.1fs   RFF (D=%d) error %.4f in %.1fs   linear %.4f%n",
          n, cfg.layers(), p.resfgbParameters(), p.resfgbError(), p.resfgbSeconds(), p.rffFeatures(), p.rffError(), p.rffSeconds(), p.linearError());
    }
    double[] x = points.stream().mapToDouble(KernelStudy.Point::n).toArray();
    double[] deep = points.stream().mapToDouble(KernelStudy.Point::resfgbError).toArray();
    double[] rff = points.stream().mapToDouble(KernelStudy.Point::rffError).toArray();
    double[] lin = points.stream().mapToDouble(KernelStudy.Point::linearError).toArray();
    double sDeep = KernelStudy.slope(x, deep);
    double sRff = KernelStudy.slope(x, rff);
    try (Writer w = Files.newBufferedWriter(out.resolve("study.csv"), StandardCharsets.UTF_8)) {
      w.write("n,resfgb_error,resfgb_seconds,resfgb_parameters,rff_error,rff_seconds,rff_features,linear_error\n");
      for (KernelStudy.Point p : points) {
        w.write(String.format(Locale.ROOT, "%d,%s,%s,%d,%s,%s,%d,%s%n", p.n(), p.resfgbError(), p.resfgbSeconds(), p.resfgbParameters(),
            p.rffError(), p.rffSeconds(), p.rffFeatures(), p.linearError()));
      }
    }
    JFreeChart chart = MeanFieldReport.chart(String.format(Locale.ROOT, "d=%d, %d rough: ResFGB slope %.2f, RFF slope %.2f", dim, rough, sDeep, sRff),
        "training rows n", "test error", true, true,
        List.of(new Curve(String.format(Locale.ROOT, "ResFGB (slope %.2f)", sDeep), x, deep),
            new Curve(String.format(Locale.ROOT, "random features, matched parameters (slope %.2f)", sRff), x, rff),
            new Curve("linear (layer 0)", x, lin)));
    MeanFieldReport.write(out.resolve("study.png"), chart);
    System.err.printf(Locale.ROOT, "log-log slopes of test error vs n: ResFGB %.3f, random features %.3f%n", sDeep, sRff);
    System.err.println("wrote " + out.resolve("study.csv") + ", study.png");
    return 0;
  }
}
