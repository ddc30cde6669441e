package org.stochopt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stochopt.core.features.FeatureKind;
import org.stochopt.core.loss.Losses;
import org.stochopt.experiments.LowNoiseExperiment;
import org.stochopt.spark.report.ErrorCurvePlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stochopt lownoise}: the exponential-convergence experiment of averaged SGD with random features. */
@Command(name = "lownoise", mixinStandardHelpOptions = true,
    description = "One-pass averaged vs last-iterate SGD with random features on low-noise data: "
        + "writes lownoise.csv and lownoise.png (test classification error, log scale, vs iterations).")
public final class LowNoiseCommand implements Callable<Integer> {
  @Option(names = "--margins", converter = Flags.NonNegativeDouble.class, defaultValue = "0,0.1,0.25", split = ",", description = "margins m of the data (default ${DEFAULT-VALUE})")
  double[] margins;

  @Option(names = "--features", converter = Flags.PositiveInt.class, defaultValue = "100,1000", split = ",", description = "feature counts M (default ${DEFAULT-VALUE})")
  int[] features;

  @Option(names = "--d", converter = Flags.PositiveInt.class, defaultValue = "3", description = "input dimension d ≥ 2 (default ${DEFAULT-VALUE})")
  int d;

  @Option(names = "--noise", converter = Flags.NonNegativeDouble.class, defaultValue = "0.1", description = "label-flip probability ε < 1/2 (default ${DEFAULT-VALUE})")
  double noise;

  @Option(names = "--kind", defaultValue = "gaussian", description = "gaussian, laplacian, orthogonal or sorf (default ${DEFAULT-VALUE})")
  String kind;

  @Option(names = "--bandwidth", defaultValue = "median", description = "σ, or median (default ${DEFAULT-VALUE})")
  String bandwidth;

  @Option(names = "--loss", defaultValue = "logistic", description = "logistic or squared (default ${DEFAULT-VALUE})")
  String loss;

  @Option(names = "--lambda", converter = Flags.PositiveDouble.class, defaultValue = "1e-3", description = "L2 weight λ (default ${DEFAULT-VALUE})")
  double lambda;

  @Option(names = "--steps", converter = Flags.PositiveLong.class, defaultValue = "20000", description = "iterations T, one fresh example each (default ${DEFAULT-VALUE})")
  long steps;

  @Option(names = "--evaluations", converter = Flags.PositiveInt.class, defaultValue = "40", description = "test-error measurements per run (default ${DEFAULT-VALUE})")
  int evaluations;

  @Option(names = "--seeds", converter = Flags.PositiveInt.class, defaultValue = "5", description = "independent runs averaged (default ${DEFAULT-VALUE})")
  int seeds;

  @Option(names = "--test-rows", converter = Flags.PositiveInt.class, defaultValue = "20000", description = "noise-free test rows (default ${DEFAULT-VALUE})")
  int testRows;

  @Option(names = "--out", defaultValue = "out/lownoise", description = "output folder (default ${DEFAULT-VALUE})")
  Path out;

  @Override
  public Integer call() throws Exception {
    double sigma = bandwidth.equalsIgnoreCase("median") ? Double.NaN : parseBandwidth(bandwidth);
    LowNoiseExperiment.Config c = new LowNoiseExperiment.Config(d, noise, margins, features, FeatureKind.parse(kind), sigma,
        Losses.parse(loss), lambda, steps, evaluations, seeds, testRows);
    List<LowNoiseExperiment.Curve> curves = LowNoiseExperiment.run(c, System.err);
    Files.createDirectories(out);
    ErrorCurvePlot.writeCsv(curves, out.resolve("lownoise.csv"));
    String subtitle = String.format(Locale.ROOT, "d=%d, ε=%s, λ=%s, %s RFF, %d seeds", d, noise, lambda, kind, seeds);
    ErrorCurvePlot.writePng(curves, subtitle, out.resolve("lownoise.png"));
    System.err.println("wrote " + out.resolve("lownoise.csv") + " and lownoise.png  (margins " + Arrays.toString(margins)
        + ", M " + Arrays.toString(features) + ")");
    return 0;
  }

  private static double parseBandwidth(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--bandwidth must be a positive number or median, got '" + s + "'");
    }
  }
}
