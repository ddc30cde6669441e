package org.stochopt.cli;

import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stochopt.core.meanfield.DataMatrix;
import org.stochopt.core.ntk.KernelRidge;
import org.stochopt.core.ntk.NtkEvaluator;
import org.stochopt.core.ntk.NtkGram;
import org.stochopt.core.ntk.RateTheory;
import org.stochopt.core.ntk.TrainedLayers;
import org.stochopt.spark.meanfield.MeanFieldReport;
import org.stochopt.spark.meanfield.MeanFieldReport.Curve;
import org.stochopt.spark.ntk.NtkConfig;
import org.stochopt.spark.ntk.NtkData;
import org.stochopt.spark.ntk.NtkTrainJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stochopt ntk-rate}: the optimal-rate experiment. For every horizon T, trained layers and
 * width, one in-process averaged-SGD run with λ = T^{−β/(2rβ+1)} and the largest step of the
 * condition, on the first T rows of one stream (x uniform on S^{d−1}, y = g_ρ(x) + noise, g_ρ the
 * mean of eigenfunctions 3–12 of the chosen layer's ReLU NTK); the excess risk ‖g_Θ̄ − g_ρ‖² of
 * each run's end point, its fitted slope in T against −2rβ/(2rβ+1), and optionally kernel ridge
 * regression with the exact (infinite-width ReLU) NTK on the same rows and λ.
 */
@Command(name = "ntk-rate", mixinStandardHelpOptions = true,
    description = "Excess risk of averaged SGD (NTK regime) against T with λ from the theory, per trained layers and width; "
        + "fitted slopes vs −2rβ/(2rβ+1); optional kernel-ridge reference. Writes rate.csv, slopes.csv, rate.png.")
public final class NtkRateCommand implements Callable<Integer> {
  @Option(names = "--d", defaultValue = "2", description = "input dimension (points on S^{d−1}) (default ${DEFAULT-VALUE})")
  int d;

  @Option(names = "--widths", defaultValue = "2000", split = ",", description = "network widths M (default ${DEFAULT-VALUE})")
  int[] widths;

  @Option(names = "--horizons", defaultValue = "250,500,1000,2000,4000,8000", split = ",", description = "horizons T (default ${DEFAULT-VALUE})")
  long[] horizons;

  @Option(names = "--train-layers", defaultValue = "both,output,input", split = ",", description = "layer choices (default ${DEFAULT-VALUE})")
  String[] layers;

  @Option(names = "--target-kernel", defaultValue = "output", description = "the NTK whose eigenfunctions define g_ρ: output, input or both (default ${DEFAULT-VALUE})")
  String targetKernel;

  @Option(names = "--source-r", defaultValue = "1", description = "r of λ = T^−β/(2rβ+1) (default ${DEFAULT-VALUE}: g_ρ is a finite eigen-expansion)")
  double sourceR;

  @Option(names = "--beta", description = "β (default d/(d−1), the ReLU NTK on the sphere)")
  Double beta;

  @Option(names = "--activation", defaultValue = "swish:10", description = "σ (default ${DEFAULT-VALUE}, the paper's learning curves)")
  String activation;

  @Option(names = "--output-scale", defaultValue = "0.0353553390593", description = "R (default 1/(20√2), the paper's Fig. 2)")
  double outputScale;

  @Option(names = "--bias-scale", defaultValue = "14.1421356237", description = "γ (default 10√2, the paper's Fig. 2)")
  double biasScale;

  @Option(names = "--noise", defaultValue = "0.1", description = "label noise standard deviation (default ${DEFAULT-VALUE})")
  double noise;

  @Option(names = "--test", defaultValue = "1000", description = "test points (default ${DEFAULT-VALUE})")
  int test;

  @Option(names = "--ref", defaultValue = "1000", description = "reference points of the eigenfunctions (default ${DEFAULT-VALUE})")
  int ref;

  @Option(names = "--seeds", defaultValue = "1", description = "independent runs per cell (default ${DEFAULT-VALUE})")
  int seeds;

  @Option(names = "--krr", description = "also kernel ridge regression with the exact ReLU NTK of the trained layers (T ≤ 8000)")
  boolean krr;

  @Option(names = "--out", defaultValue = "out/ntk-rate", description = "output folder (default ${DEFAULT-VALUE})")
  Path out;

  @Override
  public Integer call() throws Exception {
    double b = beta != null ? beta : RateTheory.reluSphereBeta(d);
    RateTheory.check(sourceR, b);
    if (seeds < 1) throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
    long maxT = Arrays.stream(horizons).max().orElseThrow();
    if (krr && maxT > 8000) throw new IllegalArgumentException("--krr solves a T × T system: keep --horizons ≤ 8000, got " + maxT);
    Files.createDirectories(out);
    double theory = -RateTheory.rateExponent(sourceR, b);
    List<String> rows = new ArrayList<>();
    List<Curve> curves = new ArrayList<>();
    List<String> slopes = new ArrayList<>();
    PrintStream quiet = new PrintStream(Files.newOutputStream(out.resolve("runs.log")), true, StandardCharsets.UTF_8);
    for (int seed = 1; seed <= seeds; seed++) {
      String spec = String.format(Locale.ROOT, "ntk-sphere:d=%d,target=eigen,kernel=%s,noise=%s,n=%d,test=%d,ref=%d,seed=%d", d,
          TrainedLayers.parse(targetKernel).spec(), noise, maxT, test, ref, seed);
      NtkData all = NtkData.load(spec, maxT, outputScale, biasScale, null);
      System.err.println("data: " + all.name() + " — " + all.target());
      for (String layerSpec : layers) {
        TrainedLayers l = TrainedLayers.parse(layerSpec);
        for (int m : widths) {
          for (long t : horizons) {
            NtkData data = new NtkData(all.name(), prefix(all.train(), (int) t), all.test(), all.targetValues(), "squared", all.target());
            NtkConfig c = new NtkConfig(spec, "squared", activation, m, outputScale, biasScale, l.spec(), Double.NaN, Double.NaN,
                sourceR, b, 1, t, t, false, false, seed, NtkConfig.IN_PROCESS, 0, out.resolve("runs").resolve(l.spec() + "-M" + m + "-T" + t + "-s" + seed),
                0, 50, null, null);
            NtkTrainJob.Outcome o = new NtkTrainJob(quiet).train(c, data, null);
            double excess = o.last().excessRisk();
            String krrPart = ",NaN,NaN";
            if (krr) {
              double[] g = kernelRidge(data, l, c.effectiveLambda());
              krrPart = String.format(Locale.ROOT, ",%.6g,%.6g", NtkEvaluator.meanSquaredGap(g, all.targetValues()),
                  NtkEvaluator.meanSquaredGap(g, o.testPredictions()));
            }
            String row = String.format(Locale.ROOT, "%s,%d,%d,%d,%.6g,%.6g,%.6g,%.3f,%.4f%s", l.spec(), m, t, seed, c.effectiveLambda(),
                c.effectiveStep(), excess, o.seconds(), o.last().movement(), krrPart);
            rows.add(row);
            System.err.println(row);
          }
        }
      }
    }
    try (Writer w = Files.newBufferedWriter(out.resolve("rate.csv"), StandardCharsets.UTF_8)) {
      w.write("layers,width,T,seed,lambda,step,excess_risk,seconds,movement,krr_excess_risk,gap_to_krr\n");
      for (String r : rows) w.write(r + "\n");
    }
    try (Writer w = Files.newBufferedWriter(out.resolve("slopes.csv"), StandardCharsets.UTF_8)) {
      w.write("layers,width,fitted_slope,theory_slope\n");
      for (String layerSpec : layers) {
        for (int m : widths) {
          double[] ts = new double[horizons.length];
          double[] mean = new double[horizons.length];
          for (int k = 0; k < horizons.length; k++) {
            ts[k] = horizons[k];
            double s = 0;
            for (String r : rows) {
              String[] f = r.split(",");
              if (f[0].equals(TrainedLayers.parse(layerSpec).spec()) && Integer.parseInt(f[1]) == m && Long.parseLong(f[2]) == horizons[k]) {
                s += Double.parseDouble(f[6]) / seeds;
              }
            }
            mean[k] = s;
          }
          double slope = slope(ts, mean);
          String line = String.format(Locale.ROOT, "%s,%d,%.4f,%.4f", TrainedLayers.parse(layerSpec).spec(), m, slope, theory);
          slopes.add(line);
          w.write(line + "\n");
          curves.add(new Curve(String.format(Locale.ROOT, "%s M=%d (slope %.2f)", TrainedLayers.parse(layerSpec).spec(), m, slope), ts, mean));
        }
      }
    }
    if (!curves.isEmpty()) {
      Curve first = curves.get(0);
      double[] ref = new double[first.x().length];
      for (int k = 0; k < ref.length; k++) ref[k] = first.y()[0] * Math.pow(first.x()[k] / first.x()[0], theory);
      curves.add(new Curve(String.format(Locale.ROOT, "theory T^%.2f", theory), first.x(), ref));
    }
    MeanFieldReport.write(out.resolve("rate.png"), MeanFieldReport.chart(String.format(Locale.ROOT,
        "averaged SGD, %s, d=%d, g_ρ from %s-layer NTK, λ = T^−β/(2rβ+1) (r=%g, β=%.3g)", activation, d, targetKernel, sourceR, b),
        "T (examples, one pass)", "excess risk ‖g_Θ̄ − g_ρ‖²", true, true, curves));
    slopes.forEach(s -> System.err.println("slope " + s));
    System.err.println("wrote " + out.resolve("rate.csv") + ", slopes.csv, rate.png");
    return 0;
  }

  static DataMatrix prefix(DataMatrix m, int rows) {
    if (rows > m.rows()) throw new IllegalArgumentException("only " + m.rows() + " rows, asked for " + rows);
    return new DataMatrix(Arrays.copyOf(m.x(), rows * m.dim()), Arrays.copyOf(m.y(), rows), m.dim());
  }

  /** Kernel ridge with the exact ReLU NTK of the trained layers, predictions at the test rows. */
  private double[] kernelRidge(NtkData data, TrainedLayers l, double lambda) {
    DataMatrix tr = data.train();
    int n = tr.rows();
    double[] k = NtkGram.reluClosedForm(tr.x(), n, d, outputScale, biasScale).of(l);
    double[] alpha = KernelRidge.fit(k, n, tr.y(), lambda);
    DataMatrix te = data.test();
    double[] cross = new double[te.rows() * n];
    for (int i = 0; i < te.rows(); i++) {
      for (int j = 0; j < n; j++) {
        double dot = 0;
        for (int q = 0; q < d; q++) dot += te.x()[i * d + q] * tr.x()[j * d + q];
        double[] v = NtkGram.reluEntry(dot, 1.0, 1.0, d, outputScale, biasScale);
        cross[i * n + j] = (l.output() ? v[0] : 0) + (l.input() ? v[1] : 0);
      }
    }
    return KernelRidge.predict(cross, te.rows(), n, alpha);
  }

  private static double slope(double[] x, double[] y) {
    double[] lx = new double[x.length];
    double[] mu = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      lx[i] = x[i];
      mu[i] = y[i];
    }
    // NtkSpectrum.slope fits log μ_i on log i with i = 1..; here on log T.
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int m = 0;
    for (int i = 0; i < x.length; i++) {
      if (!(y[i] > 0)) continue;
      double a = Math.log(lx[i]);
      double b = Math.log(mu[i]);
      sx += a;
      sy += b;
      sxx += a * a;
      sxy += a * b;
      m++;
    }
    return m < 2 ? Double.NaN : (m * sxy - sx * sy) / (m * sxx - sx * sx);
  }
}
