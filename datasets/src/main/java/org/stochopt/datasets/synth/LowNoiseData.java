package org.stochopt.datasets.synth;

import java.util.List;
import java.util.Locale;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.rng.GaussianDraws;
import org.stochopt.core.rng.Seeds;

/**
 * Binary data that satisfies the <em>strong low-noise condition</em> with a tunable margin, for the
 * exponential-convergence experiments of averaged SGD (Nitanda, Suzuki 2019; Yashima, Nitanda,
 * Suzuki 2021).
 *
 * <p><b>Distribution.</b> x ∈ [−1, 1]^d with d ≥ 2. The first two coordinates are uniform on
 * [−1, −m] ∪ [m, 1] (m = {@code margin}); the others are uniform on [−1, 1]. The Bayes label is
 * s(x) = sign(x₁x₂), an XOR pattern that no linear model on x represents but a Gaussian kernel does.
 * The observed label is y = s(x) with probability 1 − ε and −s(x) with probability ε
 * (ε = {@code noise} &lt; ½). Hence:
 * <ul>
 *   <li>ρ(Y = 1 | x) ∈ {ε, 1 − ε}, so |ρ(Y = 1 | x) − ½| = ½ − ε for every x: the strong low-noise
 *       condition with δ = ½ − ε;</li>
 *   <li>every x is at distance ≥ m from the Bayes boundary {x₁x₂ = 0}: m &gt; 0 leaves an empty band
 *       around it, so a smooth (kernel) classifier can have the Bayes sign everywhere on the support.
 *       m = 0 keeps the noise condition but not the margin.</li>
 * </ul>
 * The excess classification error of f is P[sign f(X) ≠ s(X)]; {@link #bayesLabels} gives the
 * noise-free rows needed to measure it.
 *
 * <p><b>Reproducibility.</b> Row r depends on (seed, r) only (stream Seeds.child(seed, 3, r)), in
 * the fixed order x₁..x_d then the flip uniform, so any partitioning yields bit-identical rows and
 * the noise-free copy has exactly the same x.
 */
public record LowNoiseData(long n, int d, double margin, double noise, long seed) implements java.io.Serializable {
  public static final LowNoiseData DEFAULTS = new LowNoiseData(20_000, 5, 0.1, 0.1, 1);
  private static final long ROW_STREAM = 3;
  private static final String PREFIX = "lownoise";
  private static final List<String> KEYS = List.of("n", "d", "margin", "noise", "seed");

  public LowNoiseData {
    if (n <= 0) throw new IllegalArgumentException("n (number of rows) must be positive, got " + n);
    if (d < 2) throw new IllegalArgumentException("d must be at least 2 (the label uses x1 and x2), got " + d);
    if (!(margin >= 0 && margin < 1)) throw new IllegalArgumentException("margin must be in [0, 1), got " + margin);
    if (!(noise >= 0 && noise < 0.5)) throw new IllegalArgumentException("noise must be in [0, 0.5), got " + noise);
  }

  /** δ of the strong low-noise condition: |ρ(Y=1|x) − ½| = ½ − ε. */
  public double lowNoiseDelta() {
    return 0.5 - noise;
  }

  /** The same x with noise-free (Bayes) labels s(x). */
  public LowNoiseData bayesLabels() {
    return new LowNoiseData(n, d, margin, 0.0, seed);
  }

  /** The same distribution with {@code rows} rows (ids 0..rows−1; the first n rows are unchanged). */
  public LowNoiseData withRows(long rows) {
    return new LowNoiseData(rows, d, margin, noise, seed);
  }

  /** s(x) = sign(x₁x₂), +1 on ties (which have probability zero). */
  public static double bayesLabel(double[] x, int offset) {
    return x[offset] * x[offset + 1] >= 0 ? 1.0 : -1.0;
  }

  /** Rows [from, to) as a dense block whose first row id is {@code from}. */
  public DenseRowBlock generate(long from, long to) {
    if (from < 0 || from > to || to > n) {
      throw new IllegalArgumentException("row range [" + from + ", " + to + ") is not within [0, " + n + ")");
    }
    int rows = Math.toIntExact(to - from);
    double[] values = new double[Math.multiplyExact(rows, d)];
    double[] labels = new double[rows];
    for (int k = 0; k < rows; k++) {
      GaussianDraws g = new GaussianDraws(Seeds.child(seed, ROW_STREAM, from + k));
      int off = k * d;
      for (int j = 0; j < d; j++) {
        double u = g.uniform();
        if (j < 2) {
          // uniform on [−1, −m] ∪ [m, 1]: a sign, then a magnitude uniform on [m, 1]
          double mag = margin + (1.0 - margin) * (2.0 * Math.abs(u - 0.5));
          values[off + j] = u < 0.5 ? -mag : mag;
        } else {
          values[off + j] = 2.0 * u - 1.0;
        }
      }
      double s = bayesLabel(values, off);
      labels[k] = g.uniform() < noise ? -s : s;
    }
    return new DenseRowBlock(d, values, labels, from);
  }

  /** The canonical spec; {@code parse(toSpec())} equals this. */
  public String toSpec() {
    return PREFIX + ":n=" + n + ",d=" + d + ",margin=" + margin + ",noise=" + noise + ",seed=" + seed;
  }

  public static boolean isSpec(String spec) {
    String s = spec.strip().toLowerCase(Locale.ROOT);
    return s.equals(PREFIX) || s.startsWith(PREFIX + ":");
  }

  /** Parses {@code lownoise:n=20000,d=5,margin=0.1,noise=0.1,seed=1}; every key is optional. */
  public static LowNoiseData parse(String spec) {
    if (spec == null || !isSpec(spec)) {
      throw new IllegalArgumentException("not a low-noise spec: '" + spec + "' (expected lownoise:n=..,d=..,margin=..,noise=..,seed=..)");
    }
    try {
      SpecValues v = SpecValues.parse(spec, PREFIX, KEYS);
      return new LowNoiseData(
          (long) v.integer("n", DEFAULTS.n),
          (int) v.integer("d", DEFAULTS.d),
          v.number("margin", DEFAULTS.margin),
          v.number("noise", DEFAULTS.noise),
          (long) v.integer("seed", DEFAULTS.seed));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("low-noise spec '" + spec + "': " + e.getMessage(), e);
    }
  }
}
