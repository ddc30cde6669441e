package org.stochopt.datasets.synth;

import org.stochopt.core.rng.GaussianDraws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.datasets.Dataset;

/**
 * A binary classification problem drawn from a logistic "teacher": labels are +1 with
 * probability σ(⟨w*, x⟩). The teacher w* is known, and the problem's difficulty is controlled
 * directly: {@code conditioning} sets the spread of feature variances (and so roughly the
 * condition number of the logistic Hessian), {@code density} the sparsity.
 *
 * <p><b>Distribution.</b> Feature j has scale s_j = conditioning^(−j / (2(d−1))), so the variances
 * s_j² span exactly a factor {@code conditioning}. With {@code density < 1} each feature is
 * present independently with that probability (rows may be empty). Present values are
 * N(0, 1)·s_j. The teacher has i.i.d. N(0, 1) entries rescaled so that the margin ⟨w*, x⟩ has
 * standard deviation {@value #MARGIN_STD}: large enough that labels carry signal (the teacher
 * classifies about 80% of rows correctly), small enough that the data is not separable and the
 * unregularized optimum is finite.
 *
 * <p><b>Reproducibility.</b> w* depends on {@code seed} only; row r depends on (seed, r) only,
 * via its own {@link java.util.SplittableRandom}. Hence {@link #generate} over any range gives
 * bit-identical rows regardless of how a job splits the rows into partitions or machines.
 * Per row the random stream is consumed in a fixed order: for each present feature (in index
 * order) the gap to it (only when density &lt; 1) and its value, then the label's uniform.
 *
 * @param n number of rows (global ids 0..n−1)
 * @param d number of features
 * @param density probability that a feature is present, in (0, 1]
 * @param conditioning ratio of the largest to the smallest feature variance, ≥ 1
 * @param seed master seed
 */
public record LogisticTeacher(long n, int d, double density, double conditioning, long seed)
    implements java.io.Serializable {
  /** Standard deviation of the teacher's margin ⟨w*, x⟩ over random rows. */
  public static final double MARGIN_STD = 2.0;

  /** Defaults used by {@link #parse} for keys that are not given. */
  public static final LogisticTeacher DEFAULTS = new LogisticTeacher(10_000, 50, 1.0, 10.0, 1);

  private static final String SPEC_PREFIX = "synthetic";
  private static final Set<String> KEYS = Set.of("n", "d", "density", "cond", "seed");
  private static final long TEACHER_STREAM = 1;
  private static final long ROW_STREAM = 2;

  public LogisticTeacher {
    if (n <= 0) throw new IllegalArgumentException("n (number of rows) must be positive, got " + n);
    if (d <= 0) throw new IllegalArgumentException("d (number of features) must be positive, got " + d);
    if (!(density > 0.0 && density <= 1.0)) {
      throw new IllegalArgumentException("density must be in (0, 1], got " + density);
    }
    if (!(conditioning >= 1.0 && conditioning < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("conditioning must be finite and at least 1, got " + conditioning);
    }
  }

  /**
   * Parses {@code synthetic:n=10000,d=50,density=1,cond=100,seed=1}. Every key is optional
   * (defaults {@link #DEFAULTS}); {@code synthetic} alone is the default problem. {@code n}
   * also accepts integral scientific notation such as {@code 1e6}.
   *
   * @throws IllegalArgumentException naming the key for an unknown or repeated key, a bad number,
   *     or an out-of-range value
   */
  public static LogisticTeacher parse(String spec) {
    String s = spec == null ? "" : spec.strip();
    if (!s.equals(SPEC_PREFIX) && !s.startsWith(SPEC_PREFIX + ":")) {
      throw new IllegalArgumentException(
          "not a synthetic spec: '" + spec + "' (expected synthetic:n=..,d=..,density=..,cond=..,seed=..)");
    }
    Map<String, String> values = new LinkedHashMap<>();
    String body = s.length() > SPEC_PREFIX.length() ? s.substring(SPEC_PREFIX.length() + 1) : "";
    if (!body.isBlank()) {
      for (String item : body.split(",", -1)) {
        int eq = item.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("synthetic spec '" + spec + "': expected key=value, got '" + item.strip() + "'");
        }
        String key = item.substring(0, eq).strip();
        if (!KEYS.contains(key)) {
          throw new IllegalArgumentException(
              "synthetic spec '" + spec + "': unknown key '" + key + "' (known: n, d, density, cond, seed)");
        }
        if (values.put(key, item.substring(eq + 1).strip()) != null) {
          throw new IllegalArgumentException("synthetic spec '" + spec + "': key '" + key + "' given twice");
        }
      }
    }
    long n = values.containsKey("n") ? parseCount("n", values.get("n"), spec) : DEFAULTS.n;
    long d = values.containsKey("d") ? parseCount("d", values.get("d"), spec) : DEFAULTS.d;
    if (d > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("synthetic spec '" + spec + "': key 'd' is too large: " + d);
    }
    double density = values.containsKey("density") ? parseReal("density", values.get("density"), spec) : DEFAULTS.density;
    double cond = values.containsKey("cond") ? parseReal("cond", values.get("cond"), spec) : DEFAULTS.conditioning;
    long seed = values.containsKey("seed") ? parseInteger("seed", values.get("seed"), spec) : DEFAULTS.seed;
    try {
      return new LogisticTeacher(n, (int) d, density, cond, seed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("synthetic spec '" + spec + "': " + e.getMessage(), e);
    }
  }

  /** The canonical spec; {@code parse(toSpec())} equals this. */
  public String toSpec() {
    return SPEC_PREFIX + ":n=" + n + ",d=" + d + ",density=" + density + ",cond=" + conditioning + ",seed=" + seed;
  }

  /** All n rows as one dataset named by {@link #toSpec()} (needs n to fit in an int). */
  public Dataset toDataset() {
    return new Dataset(toSpec(), generate(0, n));
  }

  /** The teacher w* (a fresh copy; depends only on the seed and the dimensions). */
  public double[] teacher() {
    double[] scales = scales();
    GaussianDraws g = new GaussianDraws(org.stochopt.core.rng.Seeds.child(seed, TEACHER_STREAM));
    double[] w = new double[d];
    double marginVariance = 0.0;
    for (int j = 0; j < d; j++) {
      w[j] = g.normal();
      marginVariance += w[j] * w[j] * scales[j] * scales[j];
    }
    marginVariance *= density;
    double factor = MARGIN_STD / Math.sqrt(marginVariance);
    for (int j = 0; j < d; j++) w[j] *= factor;
    return w;
  }

  /** Per-feature scales s_j (standard deviation of a present feature j). */
  public double[] scales() {
    double[] s = new double[d];
    for (int j = 0; j < d; j++) s[j] = d == 1 ? 1.0 : StrictMath.pow(conditioning, -j / (2.0 * (d - 1)));
    return s;
  }

  /**
   * Rows {@code [fromRow, toRowExclusive)} as one block whose first row id is {@code fromRow};
   * dense or CSR as {@link RowBlockBuilder} judges by density.
   */
  public RowBlock generate(long fromRow, long toRowExclusive) {
    if (fromRow < 0 || fromRow > toRowExclusive || toRowExclusive > n) {
      throw new IllegalArgumentException(
          "row range [" + fromRow + ", " + toRowExclusive + ") is not within [0, " + n + ")");
    }
    if (toRowExclusive - fromRow > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("cannot generate more than 2^31 rows into one block");
    }
    double[] w = teacher();
    double[] s = scales();
    // With density < 1 the gap to the next present feature is geometric: skipping there directly
    // costs O(nonzeros) per row instead of one uniform draw per feature.
    double logAbsent = density < 1.0 ? StrictMath.log1p(-density) : 0.0;
    int[] idx = new int[d];
    double[] val = new double[d];
    RowBlockBuilder builder = new RowBlockBuilder();
    for (long r = fromRow; r < toRowExclusive; r++) {
      GaussianDraws g = new GaussianDraws(org.stochopt.core.rng.Seeds.child(seed, ROW_STREAM, r));
      int count = 0;
      double margin = 0.0;
      for (long j = nextPresent(-1, g, logAbsent); j < d; j = nextPresent(j, g, logAbsent)) {
        double x = g.normal() * s[(int) j];
        idx[count] = (int) j;
        val[count++] = x;
        margin += w[(int) j] * x;
      }
      double p = 1.0 / (1.0 + StrictMath.exp(-margin));
      builder.addRow(g.uniform() < p ? 1.0 : -1.0, idx, val, count);
    }
    return builder.build(d, fromRow);
  }

  /** Index of the next present feature after {@code j} (may be ≥ d, meaning none). */
  private long nextPresent(long j, GaussianDraws g, double logAbsent) {
    if (density == 1.0) return j + 1;
    double gap = Math.floor(StrictMath.log1p(-g.uniform()) / logAbsent);
    return gap >= d ? d : j + 1 + (long) gap;
  }

  /** An integer, also in integral scientific notation ({@code 1e6}) because row counts are large. */
  private static long parseCount(String key, String text, String spec) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      // maybe 1e6
    }
    try {
      double x = Double.parseDouble(text);
      if (x == Math.rint(x) && Math.abs(x) <= 1e18 && Character.isDigit(text.charAt(text.length() - 1))) {
        return (long) x;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "synthetic spec '" + spec + "': key '" + key + "' must be an integer, got '" + text + "'");
  }

  private static long parseInteger(String key, String text, String spec) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("synthetic spec '" + spec + "': key '" + key + "' must be an integer, got '" + text + "'");
    }
  }

  private static double parseReal(String key, String text, String spec) {
    try {
      double v = Double.parseDouble(text);
      char last = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
      if (Double.isFinite(v) && (Character.isDigit(last) || last == '.')) return v;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("synthetic spec '" + spec + "': key '" + key + "' must be a finite number, got '" + text + "'");
  }
}
