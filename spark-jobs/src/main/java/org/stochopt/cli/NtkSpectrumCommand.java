package org.stochopt.cli;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stochopt.core.ntk.Activation;
import org.stochopt.core.ntk.SymmetricEigen;
import org.stochopt.core.ntk.TrainedLayers;
import org.stochopt.spark.meanfield.MeanFieldReport;
import org.stochopt.spark.meanfield.MeanFieldReport.Curve;
import org.stochopt.spark.ntk.NtkSpectrum;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stochopt ntk-spectrum}: the NTK eigenvalue decay on the sphere (the seed's figure), CSV and PNG. */
@Command(name = "ntk-spectrum", mixinStandardHelpOptions = true,
    description = "Eigenvalues of the NTK Gram matrix K/n for n points uniform on S^{d−1} (finite width M, and optionally the "
        + "ReLU closed form), with the fitted decay slope against −β = −d/(d−1): writes spectrum.csv, slopes.csv, spectrum.png.")
public final class NtkSpectrumCommand implements Callable<Integer> {
  @Option(names = "--d", defaultValue = "5,10,100", split = ",", description = "input dimensions (default ${DEFAULT-VALUE})")
  int[] dims;

  @Option(names = "--n", defaultValue = "2000", description = "points on the sphere (the paper: 10000) (default ${DEFAULT-VALUE})")
  int n;

  @Option(names = "--width", defaultValue = "20000", description = "network width M, even: M/2 distinct directions (default ${DEFAULT-VALUE})")
  int width;

  @Option(names = "--activation", defaultValue = "relu", description = "relu, swish[:s], tanh or sigmoid (default ${DEFAULT-VALUE})")
  String activation;

  @Option(names = "--kernel", defaultValue = "both", description = "output (k_a), input (k_b) or both (k_a + k_b) (default ${DEFAULT-VALUE})")
  String kernel;

  @Option(names = "--output-scale", defaultValue = "1", description = "R (default ${DEFAULT-VALUE})")
  double outputScale;

  @Option(names = "--bias-scale", defaultValue = "1", description = "γ (default ${DEFAULT-VALUE})")
  double biasScale;

  @Option(names = "--closed-form", description = "also the infinite-width ReLU NTK (arc-cosine kernels)")
  boolean closedForm;

  @Option(names = "--fit-from", defaultValue = "2", description = "first eigenvalue index of the slope fit (default ${DEFAULT-VALUE}: past μ_1, the constant function)")
  int fitFrom;

  @Option(names = "--fit-to", defaultValue = "0", description = "last index of the slope fit; 0 = n/2 (default: past n/2 the finite sample bends the tail down)")
  int fitTo;

  @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", defaultValue = "out/ntk-spectrum", description = "output folder (default ${DEFAULT-VALUE})")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (n < 20) throw new IllegalArgumentException("--n must be at least 20, got " + n);
    if (width < 2 || width % 2 != 0) throw new IllegalArgumentException("--width must be even and at least 2, got " + width);
    for (int d : dims) if (d < 2) throw new IllegalArgumentException("--d values must be at least 2, got " + d);
    Activation sigma = Activation.parse(activation);
    TrainedLayers layers = TrainedLayers.parse(kernel);
    if (closedForm && !(sigma instanceof Activation.Relu)) throw new IllegalArgumentException("--closed-form is the ReLU NTK: use --activation relu");
    int to = fitTo > 0 ? fitTo : n / 2;
    if (fitFrom < 1 || fitFrom >= to || to > n) throw new IllegalArgumentException("--fit-from/--fit-to must satisfy 1 ≤ from < to ≤ n, got " + fitFrom + ".." + to);
    Files.createDirectories(out);
    System.err.println("LAPACK: " + SymmetricEigen.implementation());
    List<NtkSpectrum.Result> results = new ArrayList<>();
    for (int d : dims) {
      NtkSpectrum.Result r = NtkSpectrum.finiteWidth(d, n, width, sigma, outputScale, biasScale, layers, seed, fitFrom, to);
      System.err.println(NtkSpectrum.describe(r));
      results.add(r);
      if (closedForm) {
        NtkSpectrum.Result c = NtkSpectrum.closedForm(d, n, outputScale, biasScale, layers, seed, fitFrom, to);
        System.err.println(NtkSpectrum.describe(c));
        results.add(c);
      }
    }
    try (Writer w = Files.newBufferedWriter(out.resolve("spectrum.csv"), StandardCharsets.UTF_8)) {
      w.write("d,kernel,index,eigenvalue\n");
      for (NtkSpectrum.Result r : results) {
        for (int i = 0; i < r.eigenvalues().length; i++) w.write(String.format(Locale.ROOT, "%d,%s,%d,%.10g%n", r.d(), r.kernel(), i + 1, r.eigenvalues()[i]));
      }
    }
    try (Writer w = Files.newBufferedWriter(out.resolve("slopes.csv"), StandardCharsets.UTF_8)) {
      w.write("d,kernel,n,width,activation,layers,fit_from,fit_to,slope,minus_beta,seconds\n");
      for (NtkSpectrum.Result r : results) {
        w.write(String.format(Locale.ROOT, "%d,%s,%d,%d,%s,%s,%d,%d,%.4f,%.4f,%.1f%n", r.d(), r.kernel(), n, width, sigma.spec(),
            layers.spec(), fitFrom, to, r.slope(), -r.d() / (r.d() - 1.0), r.seconds()));
      }
    }
    List<Curve> curves = new ArrayList<>();
    for (NtkSpectrum.Result r : results) {
      int m = r.eigenvalues().length;
      double[] idx = new double[m];
      for (int i = 0; i < m; i++) idx[i] = i + 1;
      curves.add(new Curve(String.format(Locale.ROOT, "d=%d %s (slope %.2f, −β=%.2f)", r.d(), r.kernel(), r.slope(), -r.d() / (r.d() - 1.0)),
          idx, r.eigenvalues()));
    }
    MeanFieldReport.write(out.resolve("spectrum.png"), MeanFieldReport.chart(
        String.format(Locale.ROOT, "NTK eigenvalues of K/n (%s, %s, n=%d, M=%d)", sigma.spec(), layers.spec(), n, width),
        "index i", "eigenvalue μ_i", true, true, curves));
    System.err.println("wrote " + out.resolve("spectrum.csv") + ", slopes.csv, spectrum.png");
    return 0;
  }
}
