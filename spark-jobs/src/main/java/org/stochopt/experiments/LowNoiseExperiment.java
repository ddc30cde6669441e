package org.stochopt.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stochopt.core.features.FeatureKind;
import org.stochopt.core.features.FeatureMap;
import org.stochopt.core.features.MedianHeuristic;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.online.AveragedOnlineSgd;
import org.stochopt.core.optim.LoopBudget;
import org.stochopt.core.optim.TracePoint;
import org.stochopt.core.optim.Training;
import org.stochopt.core.optim.TrainingLoop;
import org.stochopt.core.oracle.OracleStats;
import org.stochopt.core.rng.Seeds;
import org.stochopt.datasets.synth.LowNoiseData;

/**
 * Exponential convergence of the classification error of averaged SGD with random features under
 * the strong low-noise condition (Yashima, Nitanda, Suzuki 2021): for every margin m and feature
 * count M, and for each seed, one pass of {@link AveragedOnlineSgd} over fresh {@link LowNoiseData}
 * rows mapped by a random-feature map, recording the test excess classification error
 * P[sign f(X) ≠ s(X)] (against the noise-free Bayes labels s) of both the averaged iterate ā_t and
 * the last iterate a_t at evenly spaced steps. Errors are averaged over seeds.
 *
 * <p>Per seed s: training row t is row t of lownoise(d, m, ε, seed = s); the test set is an
 * independent noise-free draw (seed child(s, 1)); the map has seed child(s, 2) and the median
 * bandwidth of the first {@value MedianHeuristic#SAMPLE_ROWS} training rows unless σ is given.
 */
public final class LowNoiseExperiment {
  private static final int CHUNK = 4096;

  /**
   * @param bandwidth σ, or NaN for the median heuristic
   * @param evaluations error measurements per run (evenly spaced, plus step 0)
   */
  public record Config(int d, double noise, double[] margins, int[] features, FeatureKind kind, double bandwidth,
                       Loss loss, double lambda, long steps, int evaluations, int seeds, int testRows) {
    public Config {
      if (margins.length == 0 || features.length == 0) throw new IllegalArgumentException("give at least one margin and one feature count");
      for (double m : margins) new LowNoiseData(1, d, m, noise, 1); // validates d, margin, noise
      for (int m : features) if (m <= 0) throw new IllegalArgumentException("feature counts must be positive, got " + m);
      if (!Double.isNaN(bandwidth) && !(bandwidth > 0)) throw new IllegalArgumentException("--bandwidth must be positive, got " + bandwidth);
      if (!(lambda > 0)) throw new IllegalArgumentException("--lambda must be positive, got " + lambda);
      if (steps <= 0 || evaluations <= 0 || seeds <= 0 || testRows <= 0) {
        throw new IllegalArgumentException("--steps, --evaluations, --seeds and --test-rows must be positive");
      }
      margins = margins.clone();
      features = features.clone();
    }
  }

  /** Mean test excess error over seeds at each step, for one (margin, M, averaged or last) triple. */
  public record Curve(double margin, int features, boolean averaged, long[] steps, double[] meanError, double[] standardError) {}

  private LowNoiseExperiment() {}

  public static List<Curve> run(Config c, java.io.PrintStream log) {
    long[] at = checkpoints(c.steps(), c.evaluations());
    List<Curve> curves = new ArrayList<>();
    for (double margin : c.margins()) {
      for (int m : c.features()) {
        double[][] avg = new double[c.seeds()][];
        double[][] last = new double[c.seeds()][];
        long t0 = System.nanoTime();
        for (int s = 0; s < c.seeds(); s++) {
          double[][] e = oneRun(c, margin, m, s + 1, at);
          avg[s] = e[0];
          last[s] = e[1];
        }
        curves.add(curve(margin, m, true, at, avg));
        curves.add(curve(margin, m, false, at, last));
        log.printf(java.util.Locale.ROOT, "margin %.3g  M=%d: final test error averaged %.3g, last iterate %.3g (%d seeds, %.1fs)%n",
            margin, m, curves.get(curves.size() - 2).meanError()[at.length - 1],
            curves.get(curves.size() - 1).meanError()[at.length - 1], c.seeds(), (System.nanoTime() - t0) / 1e9);
      }
    }
    return curves;
  }

  /** Errors of the averaged (row 0) and last (row 1) iterate at each checkpoint, for one seed. */
  static double[][] oneRun(Config c, double margin, int m, long seed, long[] at) {
    LowNoiseData train = new LowNoiseData(Math.max(c.steps(), MedianHeuristic.SAMPLE_ROWS), c.d(), margin, c.noise(), seed);
    LowNoiseData test = new LowNoiseData(c.testRows(), c.d(), margin, 0.0, Seeds.child(seed, 1));
    double sigma = Double.isNaN(c.bandwidth())
        ? MedianHeuristic.bandwidth(MedianHeuristic.pick(train.generate(0, MedianHeuristic.SAMPLE_ROWS),
            rangeIds(MedianHeuristic.SAMPLE_ROWS)), c.kind())
        : c.bandwidth();
    FeatureMap map = c.kind().create(c.d(), m, sigma, Seeds.child(seed, 2));
    DenseRowBlock testFeatures = map.apply(test.generate(0, test.n()));
    AveragedOnlineSgd sgd = new AveragedOnlineSgd(m,
        AveragedOnlineSgd.Config.withSafeGamma(c.loss(), c.lambda(), 2.0)); // ‖z‖² ≤ 2 for Fourier features
    OnlineStream stream = new OnlineStream(sgd, train, map, c.d(), testFeatures);
    // The one training loop: a step is one fresh example; evaluate on the grid (which holds 0 and the last step).
    TrainingLoop loop = new TrainingLoop(new LoopBudget(c.steps(), 0, 0, 0, 0, 0, 0, false, at),
        new TrainingLoop.Safety(Double.MAX_VALUE, "lower the step size"));
    List<ErrorPoint> trace = c.steps() == 0 ? List.of(stream.measure(sgd, 0, null, 0)) : loop.run(stream, p -> {}).trace();
    double[][] err = new double[2][at.length];
    for (int k = 0; k < at.length; k++) {
      err[0][k] = trace.get(k).averaged();
      err[1][k] = trace.get(k).last();
    }
    return err;
  }

  /** Test errors of the averaged and of the last iterate after {@code step} examples. */
  record ErrorPoint(long step, double averaged, double last) implements TracePoint {
    @Override
    public double divergenceMeasure() {
      return 0.0; // a classification error cannot diverge; the step size is safe by construction (withSafeGamma)
    }
  }

  /** One pass of averaged SGD over a generated stream, as the training loop drives it: one fresh example per step. */
  private static final class OnlineStream implements Training<AveragedOnlineSgd, ErrorPoint> {
    private final AveragedOnlineSgd sgd;
    private final LowNoiseData train;
    private final FeatureMap map;
    private final DenseRowBlock testFeatures;
    private final double[] x;
    private final double[] z;
    private DenseRowBlock chunk;
    private long t;

    OnlineStream(AveragedOnlineSgd sgd, LowNoiseData train, FeatureMap map, int d, DenseRowBlock testFeatures) {
      this.sgd = sgd;
      this.train = train;
      this.map = map;
      this.testFeatures = testFeatures;
      this.x = new double[d];
      this.z = new double[map.outputDim()];
    }

    @Override
    public String name() {
      return "averaged-sgd";
    }

    @Override
    public AveragedOnlineSgd init() {
      return sgd;
    }

    @Override
    public void step(AveragedOnlineSgd state) {
      if (t % CHUNK == 0) chunk = train.generate(t, Math.min(train.n(), t + CHUNK));
      int r = (int) (t % CHUNK);
      FeatureMap.densify(chunk, r, x);
      map.map(x, z);
      state.step(z, chunk.label(r));
      t++;
    }

    @Override
    public OracleStats spent() {
      return new OracleStats(0, t, 0, 0);
    }

    @Override
    public double passesPerGradient() {
      return 0; // a stream: every example is fresh
    }

    @Override
    public ErrorPoint measure(AveragedOnlineSgd state, long step, OracleStats spent, double seconds) {
      return new ErrorPoint(step, testError(testFeatures, state.average()), testError(testFeatures, state.lastIterate()));
    }
  }

  /** Fraction of rows with sign⟨w, z⟩ ≠ label (a zero margin counts as +1). */
  static double testError(DenseRowBlock rows, double[] w) {
    int wrong = 0;
    for (int r = 0; r < rows.rows(); r++) {
      if ((rows.dot(r, w) >= 0 ? 1.0 : -1.0) != rows.label(r)) wrong++;
    }
    return wrong / (double) rows.rows();
  }

  static long[] checkpoints(long steps, int evaluations) {
    long[] at = new long[evaluations + 1];
    for (int i = 0; i <= evaluations; i++) at[i] = Math.round((double) steps * i / evaluations);
    return Arrays.stream(at).distinct().toArray();
  }

  private static long[] rangeIds(int k) {
    long[] ids = new long[k];
    for (int i = 0; i < k; i++) ids[i] = i;
    return ids;
  }

  private static Curve curve(double margin, int m, boolean averaged, long[] at, double[][] perSeed) {
    int seeds = perSeed.length;
    double[] mean = new double[at.length];
    double[] se = new double[at.length];
    for (int i = 0; i < at.length; i++) {
      double s = 0;
      double s2 = 0;
      for (double[] e : perSeed) {
        s += e[i];
        s2 += e[i] * e[i];
      }
      mean[i] = s / seeds;
      double var = seeds > 1 ? Math.max(0, (s2 - seeds * mean[i] * mean[i]) / (seeds - 1)) : 0;
      se[i] = Math.sqrt(var / seeds);
    }
    return new Curve(margin, m, averaged, at.clone(), mean, se);
  }
}
