package org.stochopt.datasets.synth;

import org.stochopt.core.rng.GaussianDraws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.core.rng.Seeds;
import org.stochopt.datasets.Dataset;

/**
 * Teacher–student regression for mean-field networks: a fixed small mean-field teacher
 * <pre>
 *   f*(x) = (1/m) Σ_{k=1..m} tanh(⟨w*_k, x⟩),   x ~ N(0, I_d),   y = f*(x) + σ ε,   ε ~ N(0, 1).
 * </pre>
 * The teacher directions w*_k are Gaussian, orthogonalized (Gram–Schmidt, when m ≤ d) and scaled
 * to norm {@code scale}, so ⟨w*_k, x⟩ ~ N(0, scale²). A student with unit tanh(⟨w, x⟩) can
 * represent f* exactly (its particles at the w*_k), so the best achievable squared test loss
 * ½E(f(x) − y)² is the noise floor σ²/2.
 *
 * <p><b>Reproducibility.</b> The teacher depends on {@code seed} only, row r on (seed, r) only:
 * the draws for row r come from {@code Seeds.child(seed, ROW, r)}: d normals for x, then one for ε.
 * Rows n .. n + test − 1 are the held-out split.
 *
 * @param n training rows
 * @param d input dimension
 * @param m teacher neurons
 * @param noise σ, the label-noise standard deviation
 * @param scale norm of each teacher direction
 * @param test held-out rows
 * @param seed master seed
 */
public record MeanFieldTeacher(int n, int d, int m, double noise, double scale, int test, long seed)
    implements java.io.Serializable {
  public static final MeanFieldTeacher DEFAULTS = new MeanFieldTeacher(2000, 10, 3, 0.1, 2.0, 2000, 1);
  private static final String PREFIX = "teacher";
  private static final Set<String> KEYS = Set.of("n", "d", "m", "noise", "scale", "test", "seed");
  private static final long TEACHER_STREAM = 11;
  private static final long ROW_STREAM = 12;

  public MeanFieldTeacher {
    if (n <= 0) throw new IllegalArgumentException("n (training rows) must be positive, got " + n);
    if (d <= 0) throw new IllegalArgumentException("d (input dimension) must be positive, got " + d);
    if (m <= 0) throw new IllegalArgumentException("m (teacher neurons) must be positive, got " + m);
    if (!(noise >= 0 && Double.isFinite(noise))) throw new IllegalArgumentException("noise must be ≥ 0 and finite, got " + noise);
    if (!(scale > 0 && Double.isFinite(scale))) throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
    if (test < 0) throw new IllegalArgumentException("test (held-out rows) must be ≥ 0, got " + test);
  }

  public static boolean isSpec(String spec) {
    String s = spec == null ? "" : spec.strip().toLowerCase(java.util.Locale.ROOT);
    return s.equals(PREFIX) || s.startsWith(PREFIX + ":");
  }

  /** Parses {@code teacher:n=2000,d=10,m=3,noise=0.1,scale=2,test=2000,seed=1}; every key optional. */
  public static MeanFieldTeacher parse(String spec) {
    if (!isSpec(spec)) {
      throw new IllegalArgumentException("not a teacher spec: '" + spec + "' (expected teacher:n=..,d=..,m=..,noise=..,scale=..,test=..,seed=..)");
    }
    String s = spec.strip();
    Map<String, String> v = new LinkedHashMap<>();
    String body = s.length() > PREFIX.length() ? s.substring(PREFIX.length() + 1) : "";
    if (!body.isBlank()) {
      for (String item : body.split(",", -1)) {
        int eq = item.indexOf('=');
        if (eq < 0) throw new IllegalArgumentException("teacher spec '" + spec + "': expected key=value, got '" + item.strip() + "'");
        String key = item.substring(0, eq).strip();
        if (!KEYS.contains(key)) {
          throw new IllegalArgumentException("teacher spec '" + spec + "': unknown key '" + key + "' (known: n, d, m, noise, scale, test, seed)");
        }
        if (v.put(key, item.substring(eq + 1).strip()) != null) {
          throw new IllegalArgumentException("teacher spec '" + spec + "': key '" + key + "' given twice");
        }
      }
    }
    try {
      return new MeanFieldTeacher(
          (int) integer(v, "n", DEFAULTS.n, spec), (int) integer(v, "d", DEFAULTS.d, spec), (int) integer(v, "m", DEFAULTS.m, spec),
          real(v, "noise", DEFAULTS.noise, spec), real(v, "scale", DEFAULTS.scale, spec),
          (int) integer(v, "test", DEFAULTS.test, spec), integer(v, "seed", DEFAULTS.seed, spec));
    } catch (IllegalArgumentException e) {
      if (e.getMessage().startsWith("teacher spec")) throw e;
      throw new IllegalArgumentException("teacher spec '" + spec + "': " + e.getMessage(), e);
    }
  }

  public String toSpec() {
    return PREFIX + ":n=" + n + ",d=" + d + ",m=" + m + ",noise=" + noise + ",scale=" + scale + ",test=" + test + ",seed=" + seed;
  }

  /** The teacher's input weights w*_k (fresh copies), each of norm {@code scale}. */
  public double[][] directions() {
    GaussianDraws g = new GaussianDraws(Seeds.child(seed, TEACHER_STREAM));
    double[][] w = new double[m][d];
    for (int k = 0; k < m; k++) {
      for (int j = 0; j < d; j++) w[k][j] = g.normal();
      if (k < d) { // Gram–Schmidt against the earlier directions: distinct, comparable features
        for (int l = 0; l < k; l++) {
          double dot = 0.0;
          for (int j = 0; j < d; j++) dot += w[k][j] * w[l][j];
          for (int j = 0; j < d; j++) w[k][j] -= dot * w[l][j];
        }
      }
      double norm = 0.0;
      for (int j = 0; j < d; j++) norm += w[k][j] * w[k][j];
      norm = Math.sqrt(norm);
      for (int j = 0; j < d; j++) w[k][j] /= norm;
    }
    for (double[] row : w) for (int j = 0; j < d; j++) row[j] *= scale;
    return w;
  }

  /** f*(x) for x given densely. */
  public static double teacherValue(double[][] directions, double[] x) {
    double s = 0.0;
    for (double[] w : directions) {
      double z = 0.0;
      for (int j = 0; j < x.length; j++) z += w[j] * x[j];
      s += Math.tanh(z);
    }
    return s / directions.length;
  }

  /** The noise floor of the squared loss ½E(f(x) − y)²: σ²/2. */
  public double noiseFloor() {
    return 0.5 * noise * noise;
  }

  public Dataset train() {
    return new Dataset(toSpec() + "/train", generate(0, n).withFirstRow(0));
  }

  /** The held-out rows n .. n + test − 1, renumbered from 0. */
  public Dataset heldOut() {
    if (test == 0) throw new IllegalArgumentException("teacher spec has test=0: no held-out rows");
    return new Dataset(toSpec() + "/test", generate(n, (long) n + test).withFirstRow(0));
  }

  /** Rows [from, to) (global ids; rows ≥ n are the held-out split). */
  public RowBlock generate(long from, long to) {
    double[][] w = directions();
    RowBlockBuilder b = new RowBlockBuilder();
    double[] x = new double[d];
    for (long r = from; r < to; r++) {
      GaussianDraws g = new GaussianDraws(Seeds.child(seed, ROW_STREAM, r));
      for (int j = 0; j < d; j++) x[j] = g.normal();
      double y = teacherValue(w, x) + noise * g.normal();
      b.addDenseRow(y, x);
    }
    return b.buildDense(d, from);
  }

  private static long integer(Map<String, String> v, String key, long dflt, String spec) {
    String t = v.get(key);
    if (t == null) return dflt;
    try {
      long x = Long.parseLong(t);
      if (!key.equals("seed") && (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE)) throw new NumberFormatException();
      return x;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("teacher spec '" + spec + "': key '" + key + "' must be an integer, got '" + t + "'");
    }
  }

  private static double real(Map<String, String> v, String key, double dflt, String spec) {
    String t = v.get(key);
    if (t == null) return dflt;
    try {
      double x = Double.parseDouble(t);
      if (Double.isFinite(x)) return x;
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("teacher spec '" + spec + "': key '" + key + "' must be a finite number, got '" + t + "'");
  }
}
