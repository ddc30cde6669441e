package org.stochopt.datasets.synth;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.core.rng.GaussianDraws;
import org.stochopt.core.rng.Seeds;

/**
 * A sparse, text-like binary classification problem: bag-of-words rows with power-law (Zipf)
 * feature frequencies, tf-idf-like values, every row L2-normalised, labels from a logistic
 * teacher. It stands in for rcv1/news20-like data, which cannot be downloaded at run time.
 *
 * <p><b>Distribution.</b> Feature j (0-based; j is the frequency rank) is drawn with probability
 * p_j ∝ (j + 1)^(−alpha). A row has k distinct features, k uniform on [⌈nnz/2⌉, ⌊3·nnz/2⌋] (mean
 * ≈ nnz), drawn from p by inverse-CDF with duplicates redrawn. Feature j's value is
 * (1 + ln tf)·idf_j with term count tf = 1 + Geometric(1/2) and idf_j = ln(1 + 1/(nnz·p_j)), then the
 * row is scaled to unit L2 norm (so L_i = c for every row). The teacher w* has i.i.d. N(0, 1)
 * entries times {@value #TEACHER_SCALE}; the label is +1 with probability σ(⟨w*, x⟩).
 *
 * <p><b>Reproducibility.</b> Like {@link LogisticTeacher}, row r is a pure function of
 * (seed, r) — its own {@link java.util.SplittableRandom} stream — and w* of (seed) only, so each
 * partition is generated where it lives from (seed, its row range) and every partitioning gives
 * bit-identical rows. Only {@code StrictMath} and {@link GaussianDraws} are used.
 *
 * @param n rows
 * @param d features
 * @param nnz mean number of nonzeros per row (≤ d/2)
 * @param alpha Zipf exponent of the feature frequencies (> 0; text is ≈ 1)
 * @param seed master seed
 */
public record SparseTextData(long n, int d, int nnz, double alpha, long seed) implements java.io.Serializable {
  public static final String PREFIX = "sparse";
  public static final SparseTextData DEFAULTS = new SparseTextData(1_000_000, 100_000, 20, 1.0, 1);
  /** Std of a teacher weight: with unit-norm rows the margin's std is about this. */
  public static final double TEACHER_SCALE = 3.0;
  private static final List<String> KEYS = List.of("n", "d", "nnz", "alpha", "seed");
  private static final long TEACHER_STREAM = 1;
  private static final long ROW_STREAM = 2;

  public SparseTextData {
    if (n <= 0) throw new IllegalArgumentException("n (number of rows) must be positive, got " + n);
    if (d <= 1) throw new IllegalArgumentException("d (number of features) must be at least 2, got " + d);
    if (nnz <= 0 || 3L * nnz / 2 > d / 2) {
      throw new IllegalArgumentException("nnz must be positive and 3·nnz/2 at most d/2 (= " + d / 2 + "), got " + nnz);
    }
    if (!(alpha > 0 && alpha < 10)) throw new IllegalArgumentException("alpha must be in (0, 10), got " + alpha);
  }

  public static boolean isSpec(String spec) {
    String s = spec.strip().toLowerCase(Locale.ROOT);
    return s.equals(PREFIX) || s.startsWith(PREFIX + ":");
  }

  /** Parses {@code sparse:n=1000000,d=100000,nnz=20,alpha=1,seed=1}; every key is optional. */
  public static SparseTextData parse(String spec) {
    if (spec == null || !isSpec(spec)) {
      throw new IllegalArgumentException("not a sparse spec: '" + spec + "' (expected sparse:n=..,d=..,nnz=..,alpha=..,seed=..)");
    }
    try {
      SpecValues v = SpecValues.parse(spec, PREFIX, KEYS);
      double d = v.integer("d", DEFAULTS.d);
      if (d > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("key 'd' is too large: " + v.text("d"));
      double nnz = v.integer("nnz", DEFAULTS.nnz);
      return new SparseTextData(
          (long) v.integer("n", DEFAULTS.n),
          (int) d,
          (int) Math.min(nnz, Integer.MAX_VALUE),
          v.number("alpha", DEFAULTS.alpha),
          (long) v.integer("seed", DEFAULTS.seed));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sparse spec '" + spec + "': " + e.getMessage(), e);
    }
  }

  /** The canonical spec; {@code parse(toSpec())} equals this. */
  public String toSpec() {
    return PREFIX + ":n=" + n + ",d=" + d + ",nnz=" + nnz + ",alpha=" + alpha + ",seed=" + seed;
  }

  /** The teacher w* (depends on the seed and d only). */
  public double[] teacher() {
    GaussianDraws g = new GaussianDraws(Seeds.child(seed, TEACHER_STREAM));
    double[] w = new double[d];
    for (int j = 0; j < d; j++) w[j] = TEACHER_SCALE * g.normal();
    return w;
  }

  /** Cumulative feature probabilities: cdf[j] = Σ_{i ≤ j} p_i, cdf[d−1] = 1. */
  double[] cdf() {
    double[] c = new double[d];
    double s = 0;
    for (int j = 0; j < d; j++) {
      s += StrictMath.pow(j + 1, -alpha);
      c[j] = s;
    }
    for (int j = 0; j < d; j++) c[j] /= s;
    c[d - 1] = 1.0;
    return c;
  }

  /** Rows [fromRow, toRow) as one CSR block whose first row id is fromRow. */
  public RowBlock generate(long fromRow, long toRow) {
    if (fromRow < 0 || fromRow > toRow || toRow > n) {
      throw new IllegalArgumentException("row range [" + fromRow + ", " + toRow + ") is not within [0, " + n + ")");
    }
    double[] w = teacher();
    double[] cdf = cdf();
    double[] idf = new double[d];
    for (int j = 0; j < d; j++) {
      double p = cdf[j] - (j == 0 ? 0 : cdf[j - 1]);
      idf[j] = StrictMath.log1p(1.0 / (nnz * Math.max(p, Double.MIN_NORMAL)));
    }
    int kMin = (nnz + 1) / 2;
    int kMax = 3 * nnz / 2;
    int[] idx = new int[kMax];
    double[] val = new double[kMax];
    RowBlockBuilder b = new RowBlockBuilder();
    for (long r = fromRow; r < toRow; r++) {
      GaussianDraws g = new GaussianDraws(Seeds.child(seed, ROW_STREAM, r));
      int k = kMin + (int) (g.uniform() * (kMax - kMin + 1));
      k = Math.min(k, kMax);
      int count = 0;
      while (count < k) {
        int j = Arrays.binarySearch(cdf, g.uniform());
        j = j < 0 ? -j - 1 : j;
        j = Math.min(j, d - 1);
        boolean seen = false;
        for (int q = 0; q < count; q++) seen |= idx[q] == j;
        if (!seen) idx[count++] = j;
      }
      Arrays.sort(idx, 0, count);
      double norm2 = 0;
      for (int q = 0; q < count; q++) {
        int tf = 1;
        while (g.uniform() < 0.5) tf++;
        val[q] = (1.0 + StrictMath.log(tf)) * idf[idx[q]];
        norm2 += val[q] * val[q];
      }
      double inv = 1.0 / Math.sqrt(norm2);
      double margin = 0;
      for (int q = 0; q < count; q++) {
        val[q] *= inv;
        margin += w[idx[q]] * val[q];
      }
      double p = 1.0 / (1.0 + StrictMath.exp(-margin));
      b.addRow(g.uniform() < p ? 1.0 : -1.0, idx, val, count);
    }
    return b.buildSparse(d, fromRow);
  }
}
