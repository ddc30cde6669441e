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
import org.stochopt.core.ntk.EigenfunctionTarget;
import org.stochopt.core.ntk.SymmetricEigen;
import org.stochopt.core.ntk.TrainedLayers;
import org.stochopt.spark.meanfield.MeanFieldReport;
import org.stochopt.spark.meanfield.MeanFieldReport.Curve;
import org.stochopt.spark.ntk.NtkSourceNormFigure;
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

  @Option(names = "--closed-form-only", description = "only the infinite-width ReLU NTK (no finite-width Gram): separates finite-M noise from finite-n effects")
  boolean closedFormOnly;

  @Option(names = "--fit-from", defaultValue = "2", description = "first eigenvalue index of the slope fit (default ${DEFAULT-VALUE}: past μ_1, the constant function)")
  int fitFrom;

  @Option(names = "--fit-to", defaultValue = "0", description = "last index of the slope fit; 0 = n/2 (default: past n/2 the finite sample bends the tail down)")
  int fitTo;

  @Option(names = "--source-norms", description = "instead of the decay: the paper's Fig. 2 (top), ‖Σ^{−r}g‖ of the targets g_a, g_b, g_∞ "
      + "(mean of eigenfunctions 3–12 of Σ_a, Σ_b, Σ_∞) under each Σ, for r in --r-grid; needs one --d and relu; writes source-norms.csv/png "
      + "(the paper: --d 2 --n 10000 --output-scale 0.0353553 --bias-scale 14.1421356)")
  boolean sourceNorms;

  @Option(names = "--r-grid", defaultValue = "0.5,0.6,0.7,0.8,0.9,1.0", split = ",", description = "source-condition exponents r for --source-norms (default ${DEFAULT-VALUE})")
  double[] rGrid;

  @Option(names = "--floor", defaultValue = "1e-10", description = "--source-norms sums over μ_i > floor·μ_1 only (below, the empirical spectrum is round-off) (default ${DEFAULT-VALUE})")
  double floor;

  @Option(names = "--combine", split = ",", description = "instead of computing: merge the spectrum.csv and slopes.csv of earlier runs "
      + "(folders, e.g. one per d run in parallel) into --out, with one figure")
  List<Path> combine;

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
    if (closedFormOnly) closedForm = true;
    if (closedForm && !(sigma instanceof Activation.Relu)) throw new IllegalArgumentException("--closed-form is the ReLU NTK: use --activation relu");
    int to = fitTo > 0 ? fitTo : n / 2;
    if (fitFrom < 1 || fitFrom >= to || to > n) throw new IllegalArgumentException("--fit-from/--fit-to must satisfy 1 ≤ from < to ≤ n, got " + fitFrom + ".." + to);
    if (sourceNorms) return writeSourceNorms(sigma);
    if (combine != null) return combine();
    Files.createDirectories(out);
    System.err.println("BLAS: " + dev.ludovic.netlib.blas.BLAS.getInstance().getClass().getSimpleName() + ", LAPACK: " + SymmetricEigen.implementation());
    List<NtkSpectrum.Result> results = new ArrayList<>();
    for (int d : dims) {
      if (!closedFormOnly) {
        System.err.printf(Locale.ROOT, "d=%d: finite-width Gram (n=%d, M=%d) and eigenvalues...%n", d, n, width);
        NtkSpectrum.Result r = NtkSpectrum.finiteWidth(d, n, width, sigma, outputScale, biasScale, layers, seed, fitFrom, to);
        System.err.println(NtkSpectrum.describe(r));
        results.add(r);
        writeCsvs(results, sigma, layers, to); // after each kernel, so that a long run (n = 10⁴) keeps what it has
      }
      if (closedForm) {
        System.err.printf(Locale.ROOT, "d=%d: closed-form Gram and eigenvalues...%n", d);
        NtkSpectrum.Result c = NtkSpectrum.closedForm(d, n, outputScale, biasScale, layers, seed, fitFrom, to);
        System.err.println(NtkSpectrum.describe(c));
        results.add(c);
        writeCsvs(results, sigma, layers, to);
      }
    }
    plot(results, String.format(Locale.ROOT, "NTK eigenvalues of K/n (%s, %s, n=%d, M=%d)", sigma.spec(), layers.spec(), n, width));
    return 0;
  }

  private void plot(List<NtkSpectrum.Result> results, String title) throws java.io.IOException {
    List<Curve> curves = new ArrayList<>();
    for (NtkSpectrum.Result r : results) {
      int m = r.eigenvalues().length;
      double[] idx = new double[m];
      for (int i = 0; i < m; i++) idx[i] = i + 1;
      curves.add(new Curve(String.format(Locale.ROOT, "d=%d %s (slope %.2f, −β=%.2f)", r.d(), r.kernel(), r.slope(), -r.d() / (r.d() - 1.0)),
          idx, r.eigenvalues()));
    }
    MeanFieldReport.write(out.resolve("spectrum.png"), MeanFieldReport.chart(title, "index i", "eigenvalue μ_i", true, true, curves));
    System.err.println("wrote " + out.resolve("spectrum.csv") + ", slopes.csv, spectrum.png");
  }

  /** --combine: the CSVs of several runs concatenated (their own settings columns kept), one figure of all their spectra. */
  private int combine() throws java.io.IOException {
    List<String> spectrum = new ArrayList<>();
    List<String> slopes = new ArrayList<>();
    List<NtkSpectrum.Result> results = new ArrayList<>();
    String title = null;
    for (Path dir : combine) {
      if (!Files.isRegularFile(dir.resolve("slopes.csv")) || !Files.isRegularFile(dir.resolve("spectrum.csv"))) {
        throw new IllegalArgumentException("--combine: " + dir + " has no spectrum.csv and slopes.csv");
      }
      List<String> sl = Files.readAllLines(dir.resolve("slopes.csv"), StandardCharsets.UTF_8);
      List<String> sp = Files.readAllLines(dir.resolve("spectrum.csv"), StandardCharsets.UTF_8);
      if (slopes.isEmpty()) slopes.add(sl.get(0));
      if (spectrum.isEmpty()) spectrum.add(sp.get(0));
      for (String line : sl.subList(1, sl.size())) {
        slopes.add(line);
        String[] f = line.split(",");
        int d = Integer.parseInt(f[0]);
        String kernel = f[1];
        double[] mu = sp.stream().skip(1).map(l -> l.split(",")).filter(g -> g[0].equals(f[0]) && g[1].equals(kernel))
            .mapToDouble(g -> Double.parseDouble(g[3])).toArray();
        results.add(new NtkSpectrum.Result(d, kernel, mu, Double.parseDouble(f[8]), Double.parseDouble(f[10]), Double.parseDouble(f[11])));
        if (title == null) title = String.format(Locale.ROOT, "NTK eigenvalues of K/n (%s, %s, n=%s, M=%s)", f[4], f[5], f[2], f[3]);
      }
      spectrum.addAll(sp.subList(1, sp.size()));
    }
    Files.createDirectories(out);
    Files.write(out.resolve("spectrum.csv"), spectrum, StandardCharsets.UTF_8);
    Files.write(out.resolve("slopes.csv"), slopes, StandardCharsets.UTF_8);
    plot(results, title);
    return 0;
  }

  private int writeSourceNorms(Activation sigma) throws java.io.IOException {
    if (closedForm) throw new IllegalArgumentException("--closed-form does not apply to --source-norms (it uses the finite-width Gram, as the paper)");
    if (dims.length != 1) throw new IllegalArgumentException("--source-norms takes one --d (the paper: --d 2), got " + dims.length);
    if (!(sigma instanceof Activation.Relu)) throw new IllegalArgumentException("--source-norms is the paper's ReLU setting: use --activation relu");
    if (n <= EigenfunctionTarget.LAST) throw new IllegalArgumentException("--n must exceed " + EigenfunctionTarget.LAST + " for --source-norms");
    for (double r : rGrid) if (!(r >= 0.5 && r <= 1.0)) throw new IllegalArgumentException("--r-grid values must be in [1/2, 1], got " + r);
    if (!(floor > 0 && floor < 1)) throw new IllegalArgumentException("--floor must be in (0, 1), got " + floor);
    Files.createDirectories(out);
    System.err.println("BLAS: " + dev.ludovic.netlib.blas.BLAS.getInstance().getClass().getSimpleName() + ", LAPACK: " + SymmetricEigen.implementation());
    List<NtkSourceNormFigure.Row> rows = NtkSourceNormFigure.compute(dims[0], n, width, outputScale, biasScale, seed, rGrid, floor, System.err::println);
    try (Writer w = Files.newBufferedWriter(out.resolve("source-norms.csv"), StandardCharsets.UTF_8)) {
      w.write("target,operator,r,norm,d,n,width,output_scale,bias_scale,floor\n");
      for (NtkSourceNormFigure.Row r : rows) {
        w.write(String.format(Locale.ROOT, "%s,%s,%.4f,%.8g,%d,%d,%d,%.8g,%.8g,%.3g%n", r.target().spec(), r.operator().spec(), r.r(), r.norm(),
            dims[0], n, width, outputScale, biasScale, floor));
      }
    }
    List<org.jfree.chart.JFreeChart> charts = new ArrayList<>();
    for (TrainedLayers t : TrainedLayers.values()) {
      List<Curve> curves = new ArrayList<>();
      for (TrainedLayers k : TrainedLayers.values()) {
        double[] xs = rows.stream().filter(r -> r.target() == t && r.operator() == k).mapToDouble(NtkSourceNormFigure.Row::r).toArray();
        double[] ys = rows.stream().filter(r -> r.target() == t && r.operator() == k).mapToDouble(NtkSourceNormFigure.Row::norm).toArray();
        curves.add(new Curve("‖Σ_" + NtkSourceNormFigure.name(k) + "^{−r} g‖", xs, ys));
        System.err.printf(Locale.ROOT, "g_%s under Σ_%s: r=%.2f → %.4g, r=%.2f → %.4g%n", NtkSourceNormFigure.name(t), NtkSourceNormFigure.name(k),
            xs[0], ys[0], xs[xs.length - 1], ys[ys.length - 1]);
      }
      charts.add(MeanFieldReport.chart(String.format(Locale.ROOT, "g = eigenfunctions 3–12 of Σ_%s (d=%d, n=%d, M=%d)",
          NtkSourceNormFigure.name(t), dims[0], n, width), "r", "source-condition norm", false, true, curves));
    }
    MeanFieldReport.write(out.resolve("source-norms.png"), charts.toArray(new org.jfree.chart.JFreeChart[0]));
    System.err.println("wrote " + out.resolve("source-norms.csv") + ", source-norms.png");
    return 0;
  }

  private void writeCsvs(List<NtkSpectrum.Result> results, Activation sigma, TrainedLayers layers, int to) throws java.io.IOException {
    try (Writer w = Files.newBufferedWriter(out.resolve("spectrum.csv"), StandardCharsets.UTF_8)) {
      w.write("d,kernel,index,eigenvalue\n");
      for (NtkSpectrum.Result r : results) {
        for (int i = 0; i < r.eigenvalues().length; i++) w.write(String.format(Locale.ROOT, "%d,%s,%d,%.10g%n", r.d(), r.kernel(), i + 1, r.eigenvalues()[i]));
      }
    }
    try (Writer w = Files.newBufferedWriter(out.resolve("slopes.csv"), StandardCharsets.UTF_8)) {
      w.write("d,kernel,n,width,activation,layers,fit_from,fit_to,slope,minus_beta,seconds,gram_seconds\n");
      for (NtkSpectrum.Result r : results) {
        w.write(String.format(Locale.ROOT, "%d,%s,%d,%d,%s,%s,%d,%d,%.4f,%.4f,%.1f,%.1f%n", r.d(), r.kernel(), n, width, sigma.spec(),
            layers.spec(), fitFrom, to, r.slope(), -r.d() / (r.d() - 1.0), r.seconds(), r.gramSeconds()));
      }
    }
  }
}
